import { useState, type SyntheticEvent } from 'react';
import { ApiError, asApiError, postJson } from '../api';
import { AuthLayout } from '../components/AuthLayout';
import { ErrorAlert } from '../components/ErrorAlert';
import { TextField } from '../components/TextField';
import { navigate, safeNextPath, useLocation } from '../router';
import type { SessionResponse, SetupState } from '../types';
import { useApi } from '../useApi';
import { useDocumentTitle } from '../useDocumentTitle';

export function SignInPage() {
  useDocumentTitle('Sign in');
  const { searchParams } = useLocation();
  const setup = useApi<SetupState>('/api/setup', { redirectOn401: false });
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError>();

  async function handleSubmit(event: SyntheticEvent<HTMLFormElement, SubmitEvent>) {
    event.preventDefault();
    setSubmitting(true);
    setError(undefined);
    try {
      await postJson<SessionResponse>('/api/auth/login', { email, password });
      navigate(safeNextPath(searchParams.get('next')), { replace: true });
    } catch (caught) {
      setError(asApiError(caught));
      setSubmitting(false);
    }
  }

  return (
    <AuthLayout heading="Oxygis Cloud" subtitle="Sign in to the console.">
      {setup.data?.needed === true && (
        <p className="note">
          No operator account exists yet. Create the first one with the one-time setup link printed by{' '}
          <code>oxygis start</code>.
        </p>
      )}
      <form className="form" onSubmit={(event) => void handleSubmit(event)}>
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
        <ErrorAlert error={error} />
        <button type="submit" className="button button-block" disabled={submitting}>
          {submitting ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </AuthLayout>
  );
}
