import { useState, type SyntheticEvent } from 'react';
import { asApiError, putJson } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusNote } from '../../components/StatusNote';
import { TextField } from '../../components/TextField';
import { useAccount } from '../../session';
import type { TicketDetails, TicketResponse } from './types';

interface AssignFormProps {
  ticket: TicketDetails;
  onAssigned: (ticket: TicketDetails) => void;
}

/** Staff: who handles the ticket; the signed-in agent by default ("Assign to me"). */
export function AssignForm({ ticket, onAssigned }: AssignFormProps) {
  const me = useAccount().email;
  const [email, setEmail] = useState(me);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<Error>();
  const [done, setDone] = useState<string>();
  const toMe = email.trim().toLowerCase() === me.toLowerCase();

  async function handleSubmit(event: SyntheticEvent<HTMLFormElement, SubmitEvent>) {
    event.preventDefault();
    setError(undefined);
    setDone(undefined);
    if (email.trim() === '') {
      setError(new Error("Give the agent's e-mail address."));
      return;
    }
    setSubmitting(true);
    try {
      const answer = await putJson<TicketResponse>(`/api/tickets/${ticket.number}/assignee`, {
        email: email.trim(),
      });
      setDone(`Assigned to ${answer.ticket.assignee ?? email.trim()}.`);
      onAssigned(answer.ticket);
    } catch (caught) {
      setError(asApiError(caught));
    }
    setSubmitting(false);
  }

  return (
    <form className="form form-narrow" onSubmit={(event) => void handleSubmit(event)} noValidate>
      <TextField
        label="Agent's e-mail"
        name="assignee"
        type="email"
        autoComplete="off"
        required
        value={email}
        onChange={setEmail}
        hint="A member of the hosting team; yourself by default."
      />
      <ErrorAlert error={error} />
      <StatusNote message={done} />
      <div>
        <button type="submit" className="button" disabled={submitting}>
          {submitting ? 'Assigning…' : toMe ? 'Assign to me' : 'Assign'}
        </button>
      </div>
    </form>
  );
}
