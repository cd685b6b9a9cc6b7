import { SelectField, type SelectOption } from '../../components/SelectField';

interface PersonSelectProps {
  label: string;
  name: string;
  value: string;
  /** Active staff (the value is the e-mail). */
  staff: readonly SelectOption[];
  onChange: (email: string) => void;
  /** What the empty choice means, such as "Nobody". Without it a person must be chosen. */
  emptyLabel: string;
  disabled?: boolean;
  hint?: string;
}

/** A member of the hosting team, chosen by name; someone no longer listed stays shown as is. */
export function PersonSelect({
  label,
  name,
  value,
  staff,
  onChange,
  emptyLabel,
  disabled,
  hint,
}: PersonSelectProps) {
  const known = value === '' || staff.some((option) => option.value === value);
  const options = [{ value: '', label: emptyLabel }, ...staff, ...(known ? [] : [{ value, label: value }])];
  return (
    <SelectField
      label={label}
      name={name}
      value={value}
      options={options}
      onChange={onChange}
      disabled={disabled}
      hint={hint}
    />
  );
}
