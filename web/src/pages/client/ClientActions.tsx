import { useState } from 'react';
import { ApiError, asApiError, deleteJson, postJson } from '../../api';
import { ConfirmAction } from '../../components/ConfirmAction';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusNote } from '../../components/StatusNote';
import type { Client, ClientResponse } from '../../types';

type Action = 'suspend' | 'resume' | 'delete';

const working: Record<Action, string> = {
  suspend: 'Suspending…',
  resume: 'Resuming…',
  delete: 'Scheduling the deletion…',
};

function doneMessage(action: Action, client: Client): string {
  if (action === 'suspend') return `${client.name} is suspended; its database refuses connections.`;
  if (action === 'delete') return `${client.name} is scheduled for deletion.`;
  return client.instance?.running === false
    ? `${client.name} is active again, but its database is not running yet.`
    : `${client.name} is active again and its database is running.`;
}

interface ClientActionsProps {
  client: Client;
  onChanged: (client: Client) => void;
}

/** An operator's suspend, resume and delete; suspend and delete ask first. */
export function ClientActions({ client, onChanged }: ClientActionsProps) {
  const [busy, setBusy] = useState<Action>();
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState<string>();
  const base = `/api/clients/${encodeURIComponent(client.slug)}`;

  async function run(action: Action) {
    setBusy(action);
    setError(undefined);
    setDone(undefined);
    try {
      const answer =
        action === 'delete'
          ? await deleteJson<ClientResponse>(base)
          : await postJson<ClientResponse>(`${base}/${action}`);
      onChanged(answer.client);
      setDone(doneMessage(action, answer.client));
    } catch (caught) {
      setError(asApiError(caught));
    }
    setBusy(undefined);
  }

  const disabled = busy !== undefined;
  return (
    <div className="client-actions">
      <div className="button-row">
        {client.status === 'active' ? (
          <ConfirmAction
            label="Suspend"
            question={`Suspend ${client.name}? Its database stops at once and refuses every connection until the client is resumed. Its data is kept.`}
            confirmLabel="Yes, suspend"
            danger
            disabled={disabled}
            onConfirm={() => void run('suspend')}
          />
        ) : (
          <button
            type="button"
            className="button button-secondary"
            onClick={() => void run('resume')}
            disabled={disabled}
          >
            Resume
          </button>
        )}
        {client.status !== 'deleting' && (
          <ConfirmAction
            label="Delete"
            question={`Delete ${client.name}? Its database stops now; after the grace period the client and all its data are removed for good. Until then, Resume cancels the deletion.`}
            confirmLabel="Yes, delete"
            danger
            disabled={disabled}
            onConfirm={() => void run('delete')}
          />
        )}
      </div>
      <StatusNote message={busy === undefined ? done : working[busy]} />
      <ErrorAlert error={error} />
    </div>
  );
}
