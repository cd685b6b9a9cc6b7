import { useState } from 'react';
import { ApiError, asApiError, postJson } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { navigate } from '../router';

export function SignOutButton() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();

  async function signOut() {
    setBusy(true);
    setError(undefined);
    try {
      await postJson<unknown>('/api/auth/logout');
    } catch (caught) {
      const failure = asApiError(caught);
      // 401: the session had already ended, which is what the user wants.
      if (failure.status !== 401) {
        setError(failure);
        setBusy(false);
        return;
      }
    }
    navigate('/sign-in', { replace: true });
  }

  return (
    <>
      <button
        type="button"
        className="button button-secondary"
        onClick={() => void signOut()}
        disabled={busy}
      >
        Sign out
      </button>
      <ErrorAlert error={error} />
    </>
  );
}
