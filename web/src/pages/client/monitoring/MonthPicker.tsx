import { SelectField } from '../../../components/SelectField';
import { monthLabel } from './figures';

interface MonthPickerProps {
  /** Newest first; the first is this month. */
  months: readonly string[];
  value: string;
  onChange: (month: string) => void;
}

/** The calendar month (in Brussels, as the agreement counts) whose figures are shown. */
export function MonthPicker({ months, value, onChange }: MonthPickerProps) {
  return (
    <div className="toolbar">
      <SelectField
        label="Month"
        name="month"
        value={value}
        options={months.map((month, index) => ({
          value: month,
          label: index === 0 ? `${monthLabel(month)} (so far)` : monthLabel(month),
        }))}
        onChange={onChange}
        hint="Months and days as the agreement counts them, in Brussels time."
      />
    </div>
  );
}
