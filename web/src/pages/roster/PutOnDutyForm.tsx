import { useState, type SyntheticEvent } from 'react';
import { asApiError, putJson } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { SelectOption } from '../../components/SelectField';
import { StatusNote } from '../../components/StatusNote';
import { DateField } from './DateField';
import { assignedNote, dutyRequest, type DutyValues } from './dutyRequest';
import { PersonSelect } from './PersonSelect';
import type { AssignResponse } from './types';

interface PutOnDutyFormProps {
  initial: DutyValues;
  today: string;
  staff: readonly SelectOption[];
  /** Set when the form was opened to replace a day's people: the first field takes the focus. */
  autoFocus: boolean;
  onSaved: () => void;
}

/** Operators: up to two people on duty on every working day of a range, replacing who was there. */
export function PutOnDutyForm({ initial, today, staff, autoFocus, onSaved }: PutOnDutyFormProps) {
  const [values, setValues] = useState<DutyValues>(initial);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<Error>();
  const [done, setDone] = useState<string>();
  const set = (change: Partial<DutyValues>) => setValues((previous) => ({ ...previous, ...change }));

  async function handleSubmit(event: SyntheticEvent<HTMLFormElement, SubmitEvent>) {
    event.preventDefault();
    setError(undefined);
    setDone(undefined);
    const body = dutyRequest(values, today);
    if (body instanceof Error) {
      setError(body);
      return;
    }
    setSubmitting(true);
    try {
      const answer = await putJson<AssignResponse>('/api/helpdesk/roster', body);
      setDone(assignedNote(body, answer.days));
      onSaved();
    } catch (caught) {
      setError(asApiError(caught));
    }
    setSubmitting(false);
  }

  return (
    <form className="form form-narrow" onSubmit={(event) => void handleSubmit(event)} noValidate>
      <fieldset className="plain-fieldset form" disabled={submitting}>
        <DateField
          label="From"
          name="from"
          required
          autoFocus={autoFocus}
          value={values.from}
          onChange={(from) => set({ from })}
          hint="Today or later: past days are kept as they were."
        />
        <DateField
          label="To (optional)"
          name="to"
          value={values.to}
          onChange={(to) => set({ to })}
          hint="Empty for the one day. Weekends, holidays and closures are left out."
        />
        <PersonSelect
          label="First person"
          name="first"
          value={values.first}
          staff={staff}
          emptyLabel="Nobody"
          onChange={(first) => set({ first })}
        />
        <PersonSelect
          label="Second person"
          name="second"
          value={values.second}
          staff={staff}
          emptyLabel="Nobody"
          onChange={(second) => set({ second })}
          hint="Two people a day; nobody in both clears the days."
        />
      </fieldset>
      <ErrorAlert error={error} />
      <StatusNote message={done} />
      <div>
        <button type="submit" className="button" disabled={submitting}>
          {submitting ? 'Saving…' : 'Put on duty'}
        </button>
      </div>
    </form>
  );
}
