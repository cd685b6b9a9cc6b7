import { useState } from 'react';
import { ApiError, asApiError, deleteJson, postJson } from '../../api';
import { ConfirmAction } from '../../components/ConfirmAction';
import { DateTime } from '../../components/DateTime';
import { ErrorAlert } from '../../components/ErrorAlert';
import { credentialModeLabels } from '../../labels';
import type { ConnectionDetails, CredentialConnectionResponse, DatabaseCredential } from '../../types';

interface CredentialRowProps {
  credential: DatabaseCredential;
  clientSlug: string;
  canRevoke: boolean;
  onRotated: (connection: ConnectionDetails) => void;
  onRevoked: () => void;
}

export function CredentialRow({
  credential,
  clientSlug,
  canRevoke,
  onRotated,
  onRevoked,
}: CredentialRowProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const email = credential.accountEmail;
  const path = `/api/clients/${encodeURIComponent(clientSlug)}/credentials/${encodeURIComponent(email)}`;

  async function rotate() {
    setBusy(true);
    setError(undefined);
    try {
      onRotated((await postJson<CredentialConnectionResponse>(`${path}/rotate`)).connection);
    } catch (caught) {
      setError(asApiError(caught));
    }
    setBusy(false);
  }

  async function revoke() {
    setBusy(true);
    setError(undefined);
    try {
      await deleteJson<undefined>(path);
      onRevoked();
    } catch (caught) {
      setError(asApiError(caught));
      setBusy(false);
    }
  }

  return (
    <tr>
      <th scope="row">{email}</th>
      <td>
        <code>{credential.roleName}</code>
      </td>
      <td>{credentialModeLabels[credential.mode]}</td>
      <td>
        <DateTime iso={credential.createdAt} />
      </td>
      <td>{credential.rotatedAt === null ? 'Never' : <DateTime iso={credential.rotatedAt} />}</td>
      <td className="cell-actions">
        <div className="row-actions">
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => void rotate()}
            disabled={busy}
            aria-label={`Rotate the password of ${email}`}
          >
            Rotate
          </button>
          {canRevoke && (
            <ConfirmAction
              label="Revoke"
              ariaLabel={`Revoke the login of ${email}`}
              question={`Revoke the login of ${email}? Its role ${credential.roleName} is dropped and its open sessions end.`}
              confirmLabel="Yes, revoke"
              danger
              small
              disabled={busy}
              onConfirm={() => void revoke()}
            />
          )}
        </div>
        <ErrorAlert error={error} />
      </td>
    </tr>
  );
}
