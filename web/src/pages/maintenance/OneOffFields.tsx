import { DateTimeField } from '../../components/DateTimeField';
import { browserTimeZone } from '../client/backups/localTime';
import type { MaintenanceValues } from './maintenanceRequest';

interface OneOffFieldsProps {
  values: MaintenanceValues;
  onChange: (change: Partial<MaintenanceValues>) => void;
}

/** A single window: when it starts and ends, in the browser's time zone. */
export function OneOffFields({ values, onChange }: OneOffFieldsProps) {
  const hint = `In your time zone, ${browserTimeZone()}.`;
  return (
    <>
      <DateTimeField
        label="Starts"
        name="from"
        required
        value={values.from}
        onChange={(from) => onChange({ from })}
        hint={hint}
      />
      <DateTimeField
        label="Ends"
        name="to"
        required
        value={values.to}
        onChange={(to) => onChange({ to })}
        hint={hint}
      />
    </>
  );
}
