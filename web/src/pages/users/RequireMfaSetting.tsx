import { useState } from 'react';
import { ApiError, asApiError, putJson } from '../../api';
import { CheckboxField } from '../../components/CheckboxField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useRefreshSession } from '../../session';
import type { ClientResponse, ClientsResponse } from '../../types';
import { useApi } from '../../useApi';

/** A client administrator's switch: every account of the client must use a second factor. */
export function RequireMfaSetting({ clientSlug }: { clientSlug: string }) {
  const clients = useApi<ClientsResponse>('/api/clients');
  const refreshSession = useRefreshSession();
  /** The value being saved, shown until the server answers. */
  const [pending, setPending] = useState<boolean>();
  const [error, setError] = useState<ApiError>();
  const client = clients.data?.clients.find((candidate) => candidate.slug === clientSlug);
  const { update } = clients;

  async function change(requireMfa: boolean) {
    setPending(requireMfa);
    setError(undefined);
    try {
      const answer = await putJson<ClientResponse>(
        `/api/clients/${encodeURIComponent(clientSlug)}/settings`,
        {
          requireMfa,
        },
      );
      update((data) => ({
        clients: data.clients.map((item) => (item.id === answer.client.id ? answer.client : item)),
      }));
      // This may now apply to the signed-in administrator too.
      refreshSession();
    } catch (caught) {
      setError(asApiError(caught));
    }
    setPending(undefined);
  }

  return (
    <section className="card" aria-labelledby="security-heading">
      <h2 id="security-heading">Security</h2>
      <ErrorAlert error={clients.error} />
      {client === undefined ? (
        clients.loading && <p role="status">Loading settings…</p>
      ) : (
        <CheckboxField
          label="Require two-factor for our users"
          checked={pending ?? client.requireMfa}
          onChange={(checked) => void change(checked)}
          disabled={pending !== undefined}
          hint={`Everyone at ${client.name}, you included, must then set up two-factor authentication before using the console.`}
        />
      )}
      <ErrorAlert error={error} />
    </section>
  );
}
