import { useState, type SyntheticEvent } from 'react';
import { asApiError, postJson } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RadioGroup } from '../../components/RadioGroup';
import { SelectField } from '../../components/SelectField';
import { StatusNote } from '../../components/StatusNote';
import { TextField } from '../../components/TextField';
import type { Client } from '../../types';
import { EMPTY_MAINTENANCE, maintenanceRequest, type MaintenanceValues } from './maintenanceRequest';
import { OneOffFields } from './OneOffFields';
import { RecurrenceFields } from './RecurrenceFields';
import type { Maintenance, MaintenanceResponse } from './types';

const SCOPES = [
  { value: 'platform', label: 'The whole platform' },
  { value: 'client', label: 'One client' },
] as const;

const KINDS = [
  { value: 'one_off', label: 'Once' },
  { value: 'recurring', label: 'Recurring' },
] as const;

interface ScheduleMaintenanceFormProps {
  clients: readonly Client[];
  onScheduled: (maintenance: Maintenance) => void;
}

/** Plans a maintenance ahead (operators): its time leaves the eligible time and silences alerts. */
export function ScheduleMaintenanceForm({ clients, onScheduled }: ScheduleMaintenanceFormProps) {
  const [values, setValues] = useState<MaintenanceValues>(EMPTY_MAINTENANCE);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<Error>();
  const [done, setDone] = useState<string>();
  const set = (change: Partial<MaintenanceValues>) => setValues((previous) => ({ ...previous, ...change }));

  async function handleSubmit(event: SyntheticEvent<HTMLFormElement, SubmitEvent>) {
    event.preventDefault();
    setError(undefined);
    setDone(undefined);
    const body = maintenanceRequest(values);
    if (body instanceof Error) {
      setError(body);
      return;
    }
    setSubmitting(true);
    try {
      const { maintenance } = await postJson<MaintenanceResponse>('/api/maintenance', body);
      setValues(EMPTY_MAINTENANCE);
      setDone(`“${maintenance.reason}” is scheduled.`);
      onScheduled(maintenance);
    } catch (caught) {
      setError(asApiError(caught));
    }
    setSubmitting(false);
  }

  return (
    <form className="form form-narrow" onSubmit={(event) => void handleSubmit(event)} noValidate>
      <RadioGroup
        legend="Concerns"
        name="scope"
        value={values.scope}
        options={SCOPES}
        onChange={(scope) => set({ scope })}
      />
      {values.scope === 'client' && (
        <SelectField
          label="Client"
          name="client"
          value={values.client}
          options={[
            { value: '', label: 'Choose a client' },
            ...clients.map((client) => ({ value: client.slug, label: client.name })),
          ]}
          onChange={(client) => set({ client })}
        />
      )}
      <RadioGroup
        legend="Happens"
        name="kind"
        value={values.kind}
        options={KINDS}
        onChange={(kind) => set({ kind })}
      />
      {values.kind === 'one_off' ? (
        <OneOffFields values={values} onChange={set} />
      ) : (
        <RecurrenceFields values={values} onChange={set} />
      )}
      <TextField
        label="Reason"
        name="reason"
        required
        maxLength={500}
        value={values.reason}
        onChange={(reason) => set({ reason })}
        hint="Clients read it on the status page and in their reports."
      />
      <ErrorAlert error={error} />
      <StatusNote message={done} />
      <div>
        <button type="submit" className="button" disabled={submitting}>
          {submitting ? 'Scheduling…' : 'Schedule the maintenance'}
        </button>
      </div>
    </form>
  );
}
