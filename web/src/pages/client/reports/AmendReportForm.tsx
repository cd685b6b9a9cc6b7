import { useState, type SyntheticEvent } from 'react';
import { asApiError, postJson } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { StatusNote } from '../../../components/StatusNote';
import { TextField } from '../../../components/TextField';
import { monthLabel } from '../monitoring/figures';
import { amendmentsPath } from './reportPaths';
import type { SlaReportResponse } from './types';

/** The most the API accepts as a reason. */
const REASON_MAX = 500;

interface AmendReportFormProps {
  clientSlug: string;
  /** A closed month: a month not over has only a provisional report. */
  month: string;
  onAmended: () => void;
}

/**
 * Operators: a new version of a closed month's report, built again from the sources, with the
 * reason printed in it. The versions before it stay as they were.
 */
export function AmendReportForm({ clientSlug, month, onAmended }: AmendReportFormProps) {
  const [reason, setReason] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<Error>();
  const [done, setDone] = useState<string>();

  async function handleSubmit(event: SyntheticEvent<HTMLFormElement, SubmitEvent>) {
    event.preventDefault();
    setError(undefined);
    setDone(undefined);
    if (reason.trim() === '') {
      setError(new Error('Say why the report is amended: the reason is printed in it.'));
      return;
    }
    setSending(true);
    try {
      const { report } = await postJson<SlaReportResponse>(amendmentsPath(clientSlug, month), {
        reason: reason.trim(),
      });
      setReason('');
      setDone(`Version ${report.version} of the ${monthLabel(month)} report is archived.`);
      onAmended();
    } catch (caught) {
      setError(asApiError(caught));
    }
    setSending(false);
  }

  return (
    <details className="disclosure">
      <summary>Amend the report of {monthLabel(month)}</summary>
      <form className="form form-narrow" onSubmit={(event) => void handleSubmit(event)} noValidate>
        <TextField
          label="Reason"
          name="reason"
          value={reason}
          onChange={setReason}
          required
          maxLength={REASON_MAX}
          hint="Printed in the new version, for example the incident whose figures were corrected."
        />
        <ErrorAlert error={error} />
        <StatusNote message={sending ? 'Amending…' : done} />
        <div>
          <button type="submit" className="button" disabled={sending}>
            Amend the report
          </button>
        </div>
      </form>
    </details>
  );
}
