import { useId, type ReactNode } from 'react';

interface DateTimeFieldProps {
  label: string;
  name: string;
  /** The input's own value: "2026-11-29T10:15:30", a wall-clock time without a zone. */
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  disabled?: boolean;
  hint?: ReactNode;
}

/** A date and time of day to the second (`datetime-local`), in the browser's time zone. */
export function DateTimeField({
  label,
  name,
  value,
  onChange,
  required,
  disabled,
  hint,
}: DateTimeFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type="datetime-local"
        step={1}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        required={required}
        disabled={disabled}
        aria-describedby={hint === undefined ? undefined : hintId}
      />
      {hint !== undefined && (
        <div id={hintId} className="field-hint">
          {hint}
        </div>
      )}
    </div>
  );
}
