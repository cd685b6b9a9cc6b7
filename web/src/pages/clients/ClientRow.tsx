import { useState } from 'react';
import { ApiError, asApiError, putJson } from '../../api';
import { DateTime } from '../../components/DateTime';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Link } from '../../components/Link';
import { planLabels } from '../../labels';
import type { Client, ClientResponse } from '../../types';
import { ClientStatusBadge } from './ClientStatusBadge';
import { InstanceStatusBadge } from './InstanceStatusBadge';

interface ClientRowProps {
  client: Client;
  editable: boolean;
  onUpdated: (client: Client) => void;
}

export function ClientRow({ client, editable, onUpdated }: ClientRowProps) {
  /** The value being saved, shown until the server answers. */
  const [pending, setPending] = useState<boolean>();
  const [error, setError] = useState<ApiError>();

  async function setRequireMfa(requireMfa: boolean) {
    setPending(requireMfa);
    setError(undefined);
    try {
      const answer = await putJson<ClientResponse>(
        `/api/clients/${encodeURIComponent(client.slug)}/settings`,
        {
          requireMfa,
        },
      );
      onUpdated(answer.client);
    } catch (caught) {
      setError(asApiError(caught));
    }
    setPending(undefined);
  }

  return (
    <tr>
      <th scope="row">
        <Link to={`/clients/${encodeURIComponent(client.slug)}`}>{client.name}</Link>
      </th>
      <td>
        <code>{client.slug}</code>
      </td>
      <td>{planLabels[client.plan]}</td>
      <td>
        <ClientStatusBadge status={client.status} />
      </td>
      <td>
        <InstanceStatusBadge instance={client.instance} />
      </td>
      <td>
        <label className="checkbox-inline">
          <input
            type="checkbox"
            checked={pending ?? client.requireMfa}
            onChange={(event) => void setRequireMfa(event.target.checked)}
            disabled={!editable || pending !== undefined}
            aria-label={`Require two-factor for ${client.name}`}
          />
          {(pending ?? client.requireMfa) ? 'Required' : 'Optional'}
        </label>
        <ErrorAlert error={error} />
      </td>
      <td>
        <DateTime iso={client.createdAt} />
      </td>
      <td className="cell-actions">
        <Link to={`/users?client=${encodeURIComponent(client.slug)}`} aria-label={`Users of ${client.name}`}>
          Users
        </Link>
      </td>
    </tr>
  );
}
