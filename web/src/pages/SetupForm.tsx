import { useState, type SyntheticEvent } from 'react';
import { asApiError, postJson } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { TextField } from '../components/TextField';
import { navigate } from '../router';
import type { SessionResponse } from '../types';

const MIN_PASSWORD_LENGTH = 12;

export function SetupForm({ token }: { token: string }) {
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [repeatPassword, setRepeatPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<Error>();

  async function handleSubmit(event: SyntheticEvent<HTMLFormElement, SubmitEvent>) {
    event.preventDefault();
    if (password !== repeatPassword) {
      setError(new Error('The two passwords differ. Type the same password in both fields.'));
      return;
    }
    setSubmitting(true);
    setError(undefined);
    try {
      await postJson<SessionResponse>('/api/setup', { token, email, password, displayName });
      navigate('/', { replace: true });
    } catch (caught) {
      setError(asApiError(caught));
      setSubmitting(false);
    }
  }

  return (
    <form className="form" onSubmit={(event) => void handleSubmit(event)}>
      <TextField
        label="Display name"
        name="displayName"
        autoComplete="name"
        required
        value={displayName}
        onChange={setDisplayName}
      />
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
        autoComplete="new-password"
        required
        minLength={MIN_PASSWORD_LENGTH}
        hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
        value={password}
        onChange={setPassword}
      />
      <TextField
        label="Repeat password"
        name="repeatPassword"
        type="password"
        autoComplete="new-password"
        required
        value={repeatPassword}
        onChange={setRepeatPassword}
      />
      <ErrorAlert error={error} />
      <button type="submit" className="button button-block" disabled={submitting}>
        {submitting ? 'Creating account…' : 'Create account'}
      </button>
    </form>
  );
}
