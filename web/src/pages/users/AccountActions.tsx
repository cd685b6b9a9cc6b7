import { useState } from 'react';
import { ApiError, asApiError, postJson } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusNote } from '../../components/StatusNote';
import type { AccountDetails, AccountResponse } from '../../types';

interface AccountActionsProps {
  account: AccountDetails;
  onUpdated: (account: AccountDetails) => void;
}

/** Disable / enable the account, and send an unanswered invitation again. */
export function AccountActions({ account, onUpdated }: AccountActionsProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState<string>();
  const base = `/api/accounts/${encodeURIComponent(account.id)}`;

  async function run(action: () => Promise<string | undefined>) {
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      setDone(await action());
    } catch (caught) {
      setError(asApiError(caught));
    }
    setBusy(false);
  }

  const setStatus = (to: 'disable' | 'enable') =>
    run(async () => {
      onUpdated((await postJson<AccountResponse>(`${base}/${to}`)).account);
      return undefined;
    });

  const resend = () =>
    run(async () => {
      await postJson<undefined>(`${base}/invitation`);
      return `Invitation sent again to ${account.email}.`;
    });

  return (
    <div className="row-actions">
      {account.status === 'invited' && (
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => void resend()}
          disabled={busy}
          aria-label={`Resend invitation to ${account.email}`}
        >
          Resend invitation
        </button>
      )}
      {account.status === 'disabled' ? (
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => void setStatus('enable')}
          disabled={busy}
          aria-label={`Enable ${account.email}`}
        >
          Enable
        </button>
      ) : (
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => void setStatus('disable')}
          disabled={busy}
          aria-label={`Disable ${account.email}`}
        >
          Disable
        </button>
      )}
      <StatusNote message={done} />
      <ErrorAlert error={error} />
    </div>
  );
}
