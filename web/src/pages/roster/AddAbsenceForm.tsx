import { useState, type SyntheticEvent } from 'react';
import { asApiError, postJson } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { SelectOption } from '../../components/SelectField';
import { StatusNote } from '../../components/StatusNote';
import { TextField } from '../../components/TextField';
import { DateField } from './DateField';
import { PersonSelect } from './PersonSelect';
import type { AbsenceRequest } from './types';

interface AddAbsenceFormProps {
  /** Who may be recorded absent: the whole team for operators, oneself for the others. */
  staff: readonly SelectOption[];
  /** Chosen at first: oneself for those who may only record their own absences. */
  initialPerson: string;
  onAdded: () => void;
}

const EMPTY = { email: '', from: '', to: '', reason: '' };

function absenceRequest(values: AbsenceRequest): AbsenceRequest | Error {
  if (values.email === '') return new Error('Choose who is away.');
  if (values.from === '') return new Error('Give the first day away.');
  const to = values.to === '' ? values.from : values.to;
  if (to < values.from)
    return new Error('The last day comes before the first: give the first day, then the last.');
  const reason = values.reason.trim();
  if (reason === '') return new Error('Say why: holiday, sick leave, training…');
  return { email: values.email, from: values.from, to, reason };
}

/** Records an absence: the person is not on duty those days, which leaves a gap until replaced. */
export function AddAbsenceForm({ staff, initialPerson, onAdded }: AddAbsenceFormProps) {
  const [values, setValues] = useState<AbsenceRequest>({ ...EMPTY, email: initialPerson });
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<Error>();
  const [done, setDone] = useState<string>();
  const set = (change: Partial<AbsenceRequest>) => setValues((previous) => ({ ...previous, ...change }));

  async function handleSubmit(event: SyntheticEvent<HTMLFormElement, SubmitEvent>) {
    event.preventDefault();
    setError(undefined);
    setDone(undefined);
    const body = absenceRequest(values);
    if (body instanceof Error) {
      setError(body);
      return;
    }
    setSubmitting(true);
    try {
      await postJson<unknown>('/api/helpdesk/absences', body);
      setValues({ ...EMPTY, email: initialPerson });
      setDone(`The absence of ${body.email} is recorded.`);
      onAdded();
    } catch (caught) {
      setError(asApiError(caught));
    }
    setSubmitting(false);
  }

  return (
    <form className="form form-narrow" onSubmit={(event) => void handleSubmit(event)} noValidate>
      <fieldset className="plain-fieldset form" disabled={submitting}>
        <PersonSelect
          label="Person"
          name="email"
          value={values.email}
          staff={staff}
          emptyLabel="Choose a person"
          onChange={(email) => set({ email })}
        />
        <DateField label="From" name="from" required value={values.from} onChange={(from) => set({ from })} />
        <DateField
          label="To (optional)"
          name="to"
          value={values.to}
          onChange={(to) => set({ to })}
          hint="The last day away; empty for the one day."
        />
        <TextField
          label="Reason"
          name="reason"
          required
          maxLength={300}
          value={values.reason}
          onChange={(reason) => set({ reason })}
          hint="For example: holiday, sick leave, training."
        />
      </fieldset>
      <ErrorAlert error={error} />
      <StatusNote message={done} />
      <div>
        <button type="submit" className="button" disabled={submitting}>
          {submitting ? 'Recording…' : 'Record the absence'}
        </button>
      </div>
    </form>
  );
}
