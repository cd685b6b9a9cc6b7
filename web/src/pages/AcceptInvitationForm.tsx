import { useState, type SyntheticEvent } from 'react';
import { asApiError, postJson } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { NewPasswordFields, passwordMismatch } from '../components/NewPasswordFields';
import { navigate } from '../router';
import type { SessionResponse } from '../types';

export function AcceptInvitationForm({ token }: { token: string }) {
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<Error>();

  async function handleSubmit(event: SyntheticEvent<HTMLFormElement, SubmitEvent>) {
    event.preventDefault();
    const mismatch = passwordMismatch(password, repeat);
    setError(mismatch);
    if (mismatch !== undefined) return;
    setSubmitting(true);
    try {
      // Signs the new account in (the answer sets the session cookies).
      await postJson<SessionResponse>('/api/auth/invitation/accept', { token, password });
      navigate('/', { replace: true });
    } catch (caught) {
      setError(asApiError(caught));
      setSubmitting(false);
    }
  }

  return (
    <form className="form" onSubmit={(event) => void handleSubmit(event)}>
      <NewPasswordFields
        label="Password"
        password={password}
        repeat={repeat}
        onPasswordChange={setPassword}
        onRepeatChange={setRepeat}
      />
      <ErrorAlert error={error} />
      <button type="submit" className="button button-block" disabled={submitting}>
        {submitting ? 'Activating…' : 'Activate account'}
      </button>
    </form>
  );
}
