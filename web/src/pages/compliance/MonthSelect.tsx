import { SelectField } from '../../components/SelectField';
import { monthLabel } from '../client/monitoring/figures';

interface MonthSelectProps {
  /** Newest first; the first is this month. */
  months: readonly string[];
  value: string;
  onChange: (month: string) => void;
}

/** The calendar month whose tickets are counted. */
export function MonthSelect({ months, value, onChange }: MonthSelectProps) {
  return (
    <SelectField
      label="Month"
      name="month"
      value={value}
      options={months.map((month, index) => ({
        value: month,
        label: index === 0 ? `${monthLabel(month)} (so far)` : monthLabel(month),
      }))}
      onChange={onChange}
    />
  );
}
