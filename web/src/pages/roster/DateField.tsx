import { useId } from 'react';

interface DateFieldProps {
  label: string;
  name: string;
  /** The input's own value: "2026-11-30", a calendar day. */
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  autoFocus?: boolean;
  hint?: string;
}

/** A calendar day (no time of day), with its visible label and an optional hint read with it. */
export function DateField({ label, name, value, onChange, required, autoFocus, hint }: DateFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type="date"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        required={required}
        autoFocus={autoFocus}
        aria-describedby={hint === undefined ? undefined : hintId}
      />
      {hint !== undefined && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
    </div>
  );
}
