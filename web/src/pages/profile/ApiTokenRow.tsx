import { useState } from 'react';
import { ApiError, asApiError, deleteJson } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusBadge } from '../../components/StatusBadge';
import { DateTime } from '../../components/DateTime';
import type { ApiToken } from '../../types';

export function ApiTokenRow({ token, onRevoked }: { token: ApiToken; onRevoked: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();

  async function revoke() {
    setBusy(true);
    setError(undefined);
    try {
      await deleteJson<undefined>(`/api/auth/tokens/${encodeURIComponent(token.id)}`);
      onRevoked();
    } catch (caught) {
      setError(asApiError(caught));
      setBusy(false);
    }
  }

  return (
    <tr>
      <th scope="row">{token.name}</th>
      <td>
        <DateTime iso={token.createdAt} />
      </td>
      <td>{token.lastUsedAt === null ? 'Never' : <DateTime iso={token.lastUsedAt} />}</td>
      <td>
        {token.revokedAt === null ? (
          <StatusBadge ok>Active</StatusBadge>
        ) : (
          <>
            <StatusBadge ok={false}>Revoked</StatusBadge> <DateTime iso={token.revokedAt} />
          </>
        )}
      </td>
      <td className="cell-actions">
        {token.revokedAt === null && (
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => void revoke()}
            disabled={busy}
            aria-label={`Revoke token ${token.name}`}
          >
            Revoke
          </button>
        )}
        <ErrorAlert error={error} />
      </td>
    </tr>
  );
}
