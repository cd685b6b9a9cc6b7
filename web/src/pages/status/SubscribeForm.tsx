import { useState, type SyntheticEvent } from 'react';
import { asApiError, type ApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/TextField';
import { subscribe } from './statusApi';

/** E-mail notices: the server mails a confirmation link and answers the same for any address. */
export function SubscribeForm() {
  const [email, setEmail] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [sent, setSent] = useState<string>();
  const [error, setError] = useState<ApiError>();

  async function handleSubmit(event: SyntheticEvent<HTMLFormElement, SubmitEvent>) {
    event.preventDefault();
    setSubmitting(true);
    setError(undefined);
    try {
      setSent((await subscribe(email.trim())).message);
    } catch (caught) {
      setError(asApiError(caught));
    }
    setSubmitting(false);
  }

  if (sent !== undefined)
    return (
      <p className="success" role="status">
        {sent}
      </p>
    );
  return (
    <form className="form status-subscribe" onSubmit={(event) => void handleSubmit(event)}>
      <TextField
        label="E-mail"
        name="email"
        type="email"
        autoComplete="email"
        required
        maxLength={320}
        value={email}
        onChange={setEmail}
        hint="We e-mail you when an incident starts and ends, and when maintenance is planned. Every message has a link to stop."
      />
      <ErrorAlert error={error} />
      <div>
        <button type="submit" className="button" disabled={submitting}>
          {submitting ? 'Subscribing…' : 'Subscribe'}
        </button>
      </div>
    </form>
  );
}
