import { useState, type SyntheticEvent } from 'react';
import { asApiError, postJson } from '../../api';
import { DateTimeField } from '../../components/DateTimeField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusNote } from '../../components/StatusNote';
import { browserTimeZone, instantFromLocalInput } from '../client/backups/localTime';
import { TextAreaField } from '../incidents/TextAreaField';
import type { TicketDetails, TicketResponse } from './types';

interface CallbackFormProps {
  ticket: TicketDetails;
  onLogged: (ticket: TicketDetails) => void;
}

/** Staff: the client was called back, which counts as the response at the time of the call. */
export function CallbackForm({ ticket, onLogged }: CallbackFormProps) {
  const [note, setNote] = useState('');
  const [at, setAt] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<Error>();
  const [done, setDone] = useState<string>();

  async function handleSubmit(event: SyntheticEvent<HTMLFormElement, SubmitEvent>) {
    event.preventDefault();
    setError(undefined);
    setDone(undefined);
    if (note.trim() === '') {
      setError(new Error('Say what was told to the client.'));
      return;
    }
    const instant = at === '' ? undefined : instantFromLocalInput(at);
    if (at !== '' && instant === undefined) {
      setError(new Error('Give when the call took place: a date and a time of day, or nothing for now.'));
      return;
    }
    setSubmitting(true);
    try {
      const answer = await postJson<TicketResponse>(`/api/tickets/${ticket.number}/callbacks`, {
        note: note.trim(),
        ...(instant === undefined ? {} : { at: instant }),
      });
      setNote('');
      setAt('');
      setDone('The call-back is logged.');
      onLogged(answer.ticket);
    } catch (caught) {
      setError(asApiError(caught));
    }
    setSubmitting(false);
  }

  return (
    <form className="form form-narrow" onSubmit={(event) => void handleSubmit(event)} noValidate>
      <TextAreaField
        label="What was said"
        name="note"
        required
        rows={3}
        maxLength={5000}
        value={note}
        onChange={setNote}
      />
      <DateTimeField
        label="Called at (optional)"
        name="at"
        value={at}
        onChange={setAt}
        hint={`In your time zone, ${browserTimeZone()}. Empty for now.`}
      />
      <ErrorAlert error={error} />
      <StatusNote message={done} />
      <div>
        <button type="submit" className="button" disabled={submitting}>
          {submitting ? 'Logging…' : 'Log the call-back'}
        </button>
      </div>
    </form>
  );
}
