import { useState, type SyntheticEvent } from 'react';
import { ApiError, asApiError, postJson } from '../api';
import { AuthLayout } from '../components/AuthLayout';
import { ErrorAlert } from '../components/ErrorAlert';
import { Link } from '../components/Link';
import { TextField } from '../components/TextField';
import type { MessageResponse } from '../types';
import { useDocumentTitle } from '../useDocumentTitle';

export function ForgotPasswordPage() {
  useDocumentTitle('Forgot password');
  const [email, setEmail] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [sent, setSent] = useState<string>();
  const [error, setError] = useState<ApiError>();

  async function handleSubmit(event: SyntheticEvent<HTMLFormElement, SubmitEvent>) {
    event.preventDefault();
    setSubmitting(true);
    setError(undefined);
    try {
      const answer = await postJson<MessageResponse | undefined>('/api/auth/password-reset', { email });
      setSent(
        answer?.message ?? `If ${email} has an account, a link to choose a new password is on its way.`,
      );
    } catch (caught) {
      setError(asApiError(caught));
    }
    setSubmitting(false);
  }

  return (
    <AuthLayout heading="Forgot your password?" subtitle="We e-mail you a link to choose a new one.">
      {sent !== undefined ? (
        <p className="note" role="status">
          {sent}
        </p>
      ) : (
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
          <ErrorAlert error={error} />
          <button type="submit" className="button button-block" disabled={submitting}>
            {submitting ? 'Sending…' : 'Send reset link'}
          </button>
        </form>
      )}
      <p className="form-footer">
        <Link to="/sign-in">Back to sign in</Link>
      </p>
    </AuthLayout>
  );
}
