import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { TextField } from '../../../components/TextField';

/** The most the API accepts as a note or a reason. */
const NOTE_MAX = 1000;

interface NoteStepProps {
  /** Text of the button that opens the step, such as "Request". */
  label: string;
  /** Its accessible name, saying which option (the button sits in a table row). */
  ariaLabel: string;
  fieldLabel: string;
  hint: string;
  /** A reason must be given; a note may be left empty. */
  required?: boolean;
  /** What is said when a required text is left empty. */
  missing?: string;
  submitLabel: string;
  danger?: boolean;
  busy: boolean;
  /** Sends the text (trimmed); resolves true when done, and the step closes. */
  onSubmit: (text: string) => Promise<boolean>;
}

/**
 * A button that opens a small inline form with one text, then sends or cancels: a request with
 * its note, a refusal with its reason.
 */
export function NoteStep(props: NoteStepProps) {
  const { label, ariaLabel, fieldLabel, hint, required, missing, submitLabel, danger, busy, onSubmit } =
    props;
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<Error>();
  const trigger = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (open || !returnFocus.current) return;
    returnFocus.current = false;
    trigger.current?.focus();
  }, [open]);

  function close() {
    returnFocus.current = true;
    setOpen(false);
    setText('');
    setError(undefined);
  }

  async function handleSubmit(event: SyntheticEvent<HTMLFormElement, SubmitEvent>) {
    event.preventDefault();
    setError(undefined);
    if (required && text.trim() === '') {
      setError(new Error(missing ?? `Fill in: ${fieldLabel}.`));
      return;
    }
    if (await onSubmit(text.trim())) close();
  }

  if (!open)
    return (
      <button
        ref={trigger}
        type="button"
        className="button button-secondary button-small"
        onClick={() => setOpen(true)}
        disabled={busy}
        aria-label={ariaLabel}
      >
        {label}
      </button>
    );

  return (
    <form
      className={`note-step${danger ? ' note-step-danger' : ''}`}
      aria-label={ariaLabel}
      onSubmit={(event) => void handleSubmit(event)}
      noValidate
    >
      <TextField
        label={fieldLabel}
        name="note"
        value={text}
        onChange={setText}
        required={required}
        maxLength={NOTE_MAX}
        autoFocus
        hint={hint}
      />
      <ErrorAlert error={error} />
      <div className="button-row">
        <button
          type="submit"
          className={`button button-small${danger ? ' button-danger' : ''}`}
          disabled={busy}
        >
          {submitLabel}
        </button>
        <button type="button" className="button button-secondary button-small" onClick={close}>
          Cancel
        </button>
      </div>
    </form>
  );
}
