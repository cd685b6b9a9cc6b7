import { useId, useState, type SyntheticEvent } from 'react';
import { asApiError, postFile } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusNote } from '../../components/StatusNote';
import { formatFileSize, MAX_ATTACHMENT_BYTES } from './attachmentWords';

interface UploadAttachmentFormProps {
  attachmentsPath: string;
  onUploaded: () => void;
}

/** Adds a file (a screenshot, a log) to the ticket: sent as is, up to 10 MB. */
export function UploadAttachmentForm({ attachmentsPath, onUploaded }: UploadAttachmentFormProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const [file, setFile] = useState<File>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<Error>();
  const [done, setDone] = useState<string>();

  async function handleSubmit(event: SyntheticEvent<HTMLFormElement, SubmitEvent>) {
    event.preventDefault();
    const form = event.currentTarget;
    setError(undefined);
    setDone(undefined);
    if (file === undefined) {
      setError(new Error('Choose a file first.'));
      return;
    }
    if (file.size > MAX_ATTACHMENT_BYTES) {
      setError(
        new Error(
          `${file.name} is ${formatFileSize(file.size)}: files up to 10 MB only. Compress or split it.`,
        ),
      );
      return;
    }
    setSubmitting(true);
    try {
      await postFile<unknown>(`${attachmentsPath}?filename=${encodeURIComponent(file.name)}`, file);
      setDone(`${file.name} is attached.`);
      setFile(undefined);
      form.reset();
      onUploaded();
    } catch (caught) {
      setError(asApiError(caught));
    }
    setSubmitting(false);
  }

  return (
    <form className="form form-narrow" onSubmit={(event) => void handleSubmit(event)} noValidate>
      <div className="field">
        <label htmlFor={id}>File</label>
        <input
          id={id}
          name="file"
          type="file"
          onChange={(event) => setFile(event.target.files?.[0])}
          aria-describedby={hintId}
        />
        <p id={hintId} className="field-hint">
          Up to 10 MB. Everyone who sees the ticket can download it.
        </p>
      </div>
      <ErrorAlert error={error} />
      <StatusNote message={done} />
      <div>
        <button type="submit" className="button" disabled={submitting}>
          {submitting ? 'Uploading…' : 'Attach the file'}
        </button>
      </div>
    </form>
  );
}
