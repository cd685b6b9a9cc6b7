import { useState, type SyntheticEvent } from 'react';
import { asApiError, postJson } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/TextField';
import { navigate } from '../../router';
import { TextAreaField } from '../incidents/TextAreaField';
import { CriticalityChoice } from './CriticalityChoice';
import { EMPTY_TICKET, newTicketRequest, type NewTicketValues } from './newTicketRequest';
import { StaffTicketFields } from './StaffTicketFields';
import type { TicketResponse } from './types';

interface NewTicketFormProps {
  /** A client's people file for their own client; staff choose one. */
  ownClient: string | null;
  staff: boolean;
}

/** Files a ticket, then opens it: its deadline and how it was counted are shown there. */
export function NewTicketForm({ ownClient, staff }: NewTicketFormProps) {
  const [values, setValues] = useState<NewTicketValues>({
    ...EMPTY_TICKET,
    client: ownClient ?? '',
    // Agents mostly log what came in by phone; clients file on the portal.
    channel: staff ? 'phone' : 'portal',
  });
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<Error>();
  const set = (change: Partial<NewTicketValues>) => setValues((previous) => ({ ...previous, ...change }));

  async function handleSubmit(event: SyntheticEvent<HTMLFormElement, SubmitEvent>) {
    event.preventDefault();
    setError(undefined);
    const body = newTicketRequest(values, staff);
    if (body instanceof Error) {
      setError(body);
      return;
    }
    setSubmitting(true);
    try {
      const { ticket } = await postJson<TicketResponse>('/api/tickets', body);
      navigate(`/tickets/${ticket.number}`);
    } catch (caught) {
      setError(asApiError(caught));
      setSubmitting(false);
    }
  }

  return (
    <form className="form form-narrow" onSubmit={(event) => void handleSubmit(event)} noValidate>
      {staff && <StaffTicketFields values={values} onChange={set} />}
      <TextField
        label="Subject"
        name="subject"
        required
        maxLength={300}
        value={values.subject}
        onChange={(subject) => set({ subject })}
      />
      <CriticalityChoice value={values.criticality} onChange={(criticality) => set({ criticality })} />
      <TextAreaField
        label="Description"
        name="body"
        rows={6}
        maxLength={100_000}
        value={values.body}
        onChange={(body) => set({ body })}
        hint="What happens, since when, who is affected; what you expected instead."
      />
      <ErrorAlert error={error} />
      <div>
        <button type="submit" className="button" disabled={submitting}>
          {submitting ? 'Filing…' : 'File the ticket'}
        </button>
      </div>
    </form>
  );
}
