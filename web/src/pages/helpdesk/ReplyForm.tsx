import { useState, type SyntheticEvent } from 'react';
import { asApiError, postJson } from '../../api';
import { CheckboxField } from '../../components/CheckboxField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusNote } from '../../components/StatusNote';
import { TextAreaField } from '../incidents/TextAreaField';
import type { TicketDetails, TicketResponse } from './types';

interface ReplyFormProps {
  ticket: TicketDetails;
  /** Staff may keep a note among themselves. */
  staff: boolean;
  onReplied: (ticket: TicketDetails) => void;
}

/** Adds to the thread; staff's first public reply is the response that stops the clock. */
export function ReplyForm({ ticket, staff, onReplied }: ReplyFormProps) {
  const [body, setBody] = useState('');
  const [internal, setInternal] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<Error>();
  const [done, setDone] = useState<string>();

  async function handleSubmit(event: SyntheticEvent<HTMLFormElement, SubmitEvent>) {
    event.preventDefault();
    setError(undefined);
    setDone(undefined);
    if (body.trim() === '') {
      setError(new Error('Write the message first.'));
      return;
    }
    setSubmitting(true);
    try {
      const answer = await postJson<TicketResponse>(`/api/tickets/${ticket.number}/replies`, {
        body: body.trim(),
        internal: staff && internal,
      });
      setBody('');
      setDone(internal ? 'The internal note is added.' : 'The reply is sent.');
      onReplied(answer.ticket);
    } catch (caught) {
      setError(asApiError(caught));
    }
    setSubmitting(false);
  }

  return (
    <form className="form form-narrow" onSubmit={(event) => void handleSubmit(event)} noValidate>
      <TextAreaField
        label="Message"
        name="body"
        required
        rows={5}
        maxLength={100_000}
        value={body}
        onChange={setBody}
        hint={
          staff
            ? 'A public reply is e-mailed to the requester; the first one is the response to the ticket.'
            : undefined
        }
      />
      {staff && (
        <CheckboxField
          label="Internal note (not sent to the client)"
          checked={internal}
          onChange={setInternal}
        />
      )}
      <ErrorAlert error={error} />
      <StatusNote message={done} />
      <div>
        <button type="submit" className="button" disabled={submitting}>
          {submitting ? 'Sending…' : internal ? 'Add the note' : 'Send the reply'}
        </button>
      </div>
    </form>
  );
}
