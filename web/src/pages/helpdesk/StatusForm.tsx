import { useState, type SyntheticEvent } from 'react';
import { asApiError, putJson } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';
import { StatusNote } from '../../components/StatusNote';
import { TICKET_STATUSES, ticketStatusLabels, ticketStatusOf } from './helpdeskLabels';
import type { TicketDetails, TicketResponse, TicketStatus } from './types';

interface StatusFormProps {
  ticket: TicketDetails;
  onChanged: (ticket: TicketDetails) => void;
}

/** Staff: where the ticket stands: open, waiting for the client, resolved or closed. */
export function StatusForm({ ticket, onChanged }: StatusFormProps) {
  // Replies change the status too: until another is chosen, the select follows the ticket's.
  const [chosen, setChosen] = useState<TicketStatus>();
  const status = chosen ?? ticket.status;
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<Error>();
  const [done, setDone] = useState<string>();

  async function handleSubmit(event: SyntheticEvent<HTMLFormElement, SubmitEvent>) {
    event.preventDefault();
    setError(undefined);
    setDone(undefined);
    setSubmitting(true);
    try {
      const answer = await putJson<TicketResponse>(`/api/tickets/${ticket.number}/status`, { status });
      setDone(`The ticket is ${ticketStatusLabels[answer.ticket.status].toLowerCase()} now.`);
      setChosen(undefined);
      onChanged(answer.ticket);
    } catch (caught) {
      setError(asApiError(caught));
    }
    setSubmitting(false);
  }

  return (
    <form className="form form-narrow" onSubmit={(event) => void handleSubmit(event)} noValidate>
      <SelectField
        label="Status"
        name="status"
        value={status}
        options={TICKET_STATUSES.map((value) => ({ value, label: ticketStatusLabels[value] }))}
        onChange={(value) => setChosen(ticketStatusOf(value) ?? chosen)}
        hint="A reply from the client reopens a ticket that is waiting for them or resolved."
      />
      <ErrorAlert error={error} />
      <StatusNote message={done} />
      <div>
        <button type="submit" className="button" disabled={submitting || status === ticket.status}>
          {submitting ? 'Changing…' : 'Change status'}
        </button>
      </div>
    </form>
  );
}
