import { useId } from 'react';

interface NumberFieldProps {
  label: string;
  name: string;
  /** As typed (the input's own string), so that a half-typed number is not lost. */
  value: string;
  onChange: (value: string) => void;
  min?: number;
  max?: number;
  required?: boolean;
  disabled?: boolean;
  hint?: string;
}

/** A whole number with its visible label, and an optional hint read with it. */
export function NumberField({
  label,
  name,
  value,
  onChange,
  min,
  max,
  required,
  disabled,
  hint,
}: NumberFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type="number"
        inputMode="numeric"
        step={1}
        min={min}
        max={max}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        required={required}
        disabled={disabled}
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
