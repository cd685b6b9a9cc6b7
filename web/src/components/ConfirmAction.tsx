import { useEffect, useRef, useState, type ReactNode } from 'react';

interface ConfirmActionProps {
  /** Text of the button that asks, such as "Suspend". */
  label: string;
  /** Accessible name of that button when its text alone is ambiguous (in a table row, say). */
  ariaLabel?: string;
  /** What will happen, asked before doing it. */
  question: ReactNode;
  /** Text of the button that does it, such as "Yes, suspend". */
  confirmLabel: string;
  danger?: boolean;
  small?: boolean;
  disabled?: boolean;
  onConfirm: () => void;
}

/** A button that asks first: a small inline step with the consequences, then confirm or cancel. */
export function ConfirmAction({
  label,
  ariaLabel,
  question,
  confirmLabel,
  danger,
  small,
  disabled,
  onConfirm,
}: ConfirmActionProps) {
  const [asking, setAsking] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  const size = small ? ' button-small' : '';

  useEffect(() => {
    if (asking || !returnFocus.current) return;
    returnFocus.current = false;
    trigger.current?.focus();
  }, [asking]);

  if (!asking) {
    return (
      <button
        ref={trigger}
        type="button"
        className={`button button-secondary${size}`}
        onClick={() => setAsking(true)}
        disabled={disabled}
        aria-label={ariaLabel}
      >
        {label}
      </button>
    );
  }

  return (
    <div className="confirm" role="group" aria-label={`Confirm: ${ariaLabel ?? label}`}>
      <p>{question}</p>
      <div className="button-row">
        <button
          type="button"
          className={`button${danger ? ' button-danger' : ''}${size}`}
          onClick={() => {
            returnFocus.current = true;
            setAsking(false);
            onConfirm();
          }}
          disabled={disabled}
          autoFocus
        >
          {confirmLabel}
        </button>
        <button
          type="button"
          className={`button button-secondary${size}`}
          onClick={() => {
            returnFocus.current = true;
            setAsking(false);
          }}
        >
          Cancel
        </button>
      </div>
    </div>
  );
}
