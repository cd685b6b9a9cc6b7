import { useState, type SyntheticEvent } from 'react';
import { asApiError, putJson } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';
import { StatusNote } from '../../components/StatusNote';
import { CRITICALITIES, criticalityLabels, criticalityOf } from './helpdeskLabels';
import type { Criticality, TicketDetails, TicketResponse } from './types';

interface CriticalityFormProps {
  ticket: TicketDetails;
  onChanged: (ticket: TicketDetails) => void;
}

/** Staff: another criticality re-targets the deadline, counted from the original reception. */
export function CriticalityForm({ ticket, onChanged }: CriticalityFormProps) {
  const [criticality, setCriticality] = useState<Criticality>(ticket.criticality);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<Error>();
  const [done, setDone] = useState<string>();

  async function handleSubmit(event: SyntheticEvent<HTMLFormElement, SubmitEvent>) {
    event.preventDefault();
    setError(undefined);
    setDone(undefined);
    setSubmitting(true);
    try {
      const answer = await putJson<TicketResponse>(`/api/tickets/${ticket.number}/criticality`, {
        criticality,
      });
      setDone(`The ticket is ${criticalityLabels[answer.ticket.criticality].toLowerCase()} now.`);
      onChanged(answer.ticket);
    } catch (caught) {
      setError(asApiError(caught));
    }
    setSubmitting(false);
  }

  return (
    <form className="form form-narrow" onSubmit={(event) => void handleSubmit(event)} noValidate>
      <SelectField
        label="Criticality"
        name="criticality"
        value={criticality}
        options={CRITICALITIES.map((value) => ({ value, label: criticalityLabels[value] }))}
        onChange={(value) => setCriticality(criticalityOf(value) ?? criticality)}
        hint="The deadline is counted again from when the ticket was received; working time already spent is kept."
      />
      <ErrorAlert error={error} />
      <StatusNote message={done} />
      <div>
        <button type="submit" className="button" disabled={submitting || criticality === ticket.criticality}>
          {submitting ? 'Changing…' : 'Change the criticality'}
        </button>
      </div>
    </form>
  );
}
