import { AuthLayout } from '../components/AuthLayout';
import { ErrorAlert } from '../components/ErrorAlert';
import { Link } from '../components/Link';
import { useLocation } from '../router';
import type { SetupState } from '../types';
import { useApi } from '../useApi';
import { useDocumentTitle } from '../useDocumentTitle';
import { SetupForm } from './SetupForm';

export function SetupPage() {
  useDocumentTitle('Set up');
  const { searchParams } = useLocation();
  const token = searchParams.get('token') ?? '';
  const setup = useApi<SetupState>('/api/setup', { redirectOn401: false });

  return (
    <AuthLayout heading="Set up Oxygis Cloud" subtitle="Create the first operator account.">
      {setup.error !== undefined && (
        <>
          <ErrorAlert error={setup.error} />
          <button
            type="button"
            className="button button-block"
            onClick={setup.reload}
            disabled={setup.loading}
          >
            Try again
          </button>
        </>
      )}
      {setup.data === undefined && setup.error === undefined && <p role="status">Loading…</p>}
      {setup.data?.needed === false && (
        <p className="note">
          Setup is already complete: an operator account exists. <Link to="/sign-in">Sign in</Link> instead.
        </p>
      )}
      {setup.data?.needed === true &&
        (token === '' ? (
          <p className="note">
            This page needs the one-time setup link that <code>oxygis start</code> printed. Open that link,
            including its token, to continue.
          </p>
        ) : (
          <SetupForm token={token} />
        ))}
    </AuthLayout>
  );
}
