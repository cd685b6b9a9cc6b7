import { useState, type SyntheticEvent } from 'react';
import { ApiError, asApiError, postJson } from '../api';
import { AuthLayout } from '../components/AuthLayout';
import { ErrorAlert } from '../components/ErrorAlert';
import { Link } from '../components/Link';
import { TextField } from '../components/TextField';
import { navigate, safeNextPath, useLocation } from '../router';
import type { SessionResponse, SetupState } from '../types';
import { useApi } from '../useApi';
import { useDocumentTitle } from '../useDocumentTitle';

const CODE_LABEL = 'Code from your authenticator app (or a recovery code)';

export function SignInPage() {
  useDocumentTitle('Sign in');
  const { searchParams } = useLocation();
  const setup = useApi<SetupState>('/api/setup', { redirectOn401: false });
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  /** Set once the password was right and the account has a second factor. */
  const [askCode, setAskCode] = useState(false);
  const [code, setCode] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError>();

  async function handleSubmit(event: SyntheticEvent<HTMLFormElement, SubmitEvent>) {
    event.preventDefault();
    setSubmitting(true);
    setError(undefined);
    try {
      await postJson<SessionResponse>(
        '/api/auth/login',
        askCode ? { email, password, code } : { email, password },
      );
      navigate(safeNextPath(searchParams.get('next')), { replace: true });
    } catch (caught) {
      const failure = asApiError(caught);
      if (failure.code === 'mfa_required' && !askCode) setAskCode(true);
      else setError(failure);
      setSubmitting(false);
    }
  }

  function startOver() {
    setAskCode(false);
    setCode('');
    setPassword('');
    setError(undefined);
  }

  return (
    <AuthLayout heading="Oxygis Cloud" subtitle="Sign in to the console.">
      {setup.data?.needed === true && (
        <p className="note">
          No operator account exists yet. Create the first one with the one-time setup link printed by{' '}
          <code>oxygis start</code>.
        </p>
      )}
      {searchParams.get('notice') === 'password-changed' && (
        <p className="note" role="status">
          Password changed; sign in with your new password.
        </p>
      )}
      <form className="form" onSubmit={(event) => void handleSubmit(event)}>
        {askCode ? (
          <>
            <p className="note">
              Two-factor authentication is on for <strong>{email}</strong>. Type the 6-digit code your
              authenticator app shows now, or one of your unused recovery codes.
            </p>
            <TextField
              label={CODE_LABEL}
              name="code"
              autoComplete="one-time-code"
              required
              autoFocus
              value={code}
              onChange={setCode}
            />
          </>
        ) : (
          <>
            <TextField
              label="E-mail"
              name="email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={setEmail}
            />
            <TextField
              label="Password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={setPassword}
            />
          </>
        )}
        <ErrorAlert error={error} />
        <button type="submit" className="button button-block" disabled={submitting}>
          {submitting ? 'Signing in…' : 'Sign in'}
        </button>
        {askCode ? (
          <button type="button" className="button button-secondary button-block" onClick={startOver}>
            Use another account
          </button>
        ) : (
          <p className="form-footer">
            <Link to="/forgot-password">Forgot your password?</Link>
          </p>
        )}
      </form>
    </AuthLayout>
  );
}
