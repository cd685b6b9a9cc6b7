import { useState, type SyntheticEvent } from 'react';
import { asApiError, postJson } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { Link } from '../components/Link';
import { NewPasswordFields, passwordMismatch } from '../components/NewPasswordFields';
import { navigate } from '../router';

export function ResetPasswordForm({ token }: { token: string }) {
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<Error>();
  const [linkUnusable, setLinkUnusable] = useState(false);

  async function handleSubmit(event: SyntheticEvent<HTMLFormElement, SubmitEvent>) {
    event.preventDefault();
    const mismatch = passwordMismatch(password, repeat);
    setError(mismatch);
    if (mismatch !== undefined) return;
    setSubmitting(true);
    try {
      await postJson<undefined>('/api/auth/password-reset/complete', { token, password });
      navigate('/sign-in?notice=password-changed', { replace: true });
    } catch (caught) {
      const failure = asApiError(caught);
      setError(failure);
      setLinkUnusable(failure.code === 'link_invalid');
      setSubmitting(false);
    }
  }

  return (
    <form className="form" onSubmit={(event) => void handleSubmit(event)}>
      <NewPasswordFields
        label="New password"
        password={password}
        repeat={repeat}
        onPasswordChange={setPassword}
        onRepeatChange={setRepeat}
      />
      <ErrorAlert error={error} />
      {linkUnusable && (
        <p>
          <Link to="/forgot-password">Ask for a new link</Link>
        </p>
      )}
      <button type="submit" className="button button-block" disabled={submitting}>
        {submitting ? 'Changing password…' : 'Change password'}
      </button>
    </form>
  );
}
