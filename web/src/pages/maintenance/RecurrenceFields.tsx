import { DateTimeField } from '../../components/DateTimeField';
import { NumberField } from '../../components/NumberField';
import { TextField } from '../../components/TextField';
import type { MaintenanceValues } from './maintenanceRequest';

interface RecurrenceFieldsProps {
  values: MaintenanceValues;
  onChange: (change: Partial<MaintenanceValues>) => void;
}

/** A recurring window: its rule, first local occurrence, length and zone (DST-correct on the server). */
export function RecurrenceFields({ values, onChange }: RecurrenceFieldsProps) {
  return (
    <>
      <TextField
        label="Recurrence rule (RRULE)"
        name="rrule"
        required
        value={values.rrule}
        onChange={(rrule) => onChange({ rrule })}
        hint="RFC 5545, e.g. FREQ=WEEKLY;BYDAY=SU (every Sunday) or FREQ=MONTHLY;BYDAY=1SU (first Sunday)."
      />
      <DateTimeField
        label="First occurrence"
        name="firstLocal"
        required
        value={values.firstLocal}
        onChange={(firstLocal) => onChange({ firstLocal })}
        hint="Local date and time in the time zone below; later occurrences keep the same time of day."
      />
      <NumberField
        label="Duration (minutes)"
        name="duration"
        min={1}
        max={10_080}
        required
        value={values.duration}
        onChange={(duration) => onChange({ duration })}
      />
      <TextField
        label="Time zone"
        name="timeZone"
        required
        value={values.timeZone}
        onChange={(timeZone) => onChange({ timeZone })}
        hint="An IANA zone, such as Europe/Brussels."
      />
    </>
  );
}
