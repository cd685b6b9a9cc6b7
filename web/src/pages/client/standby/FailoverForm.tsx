import { useState, type SyntheticEvent } from 'react';
import { ApiError, asApiError, postJson } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { SlugConfirmField } from '../../../components/SlugConfirmField';
import type { StandbyResponse } from './types';

interface FailoverFormProps {
  clientSlug: string;
  standbyPath: string;
  onDone: (status: StandbyResponse) => void;
}

/** Operators: the standby takes over; the slug is typed to confirm, as for an in-place restore. */
export function FailoverForm({ clientSlug, standbyPath, onDone }: FailoverFormProps) {
  const [confirm, setConfirm] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError | Error>();

  async function submit(event: SyntheticEvent<HTMLFormElement, SubmitEvent>) {
    event.preventDefault();
    if (confirm.trim() !== clientSlug) {
      setError(new Error(`To fail over, type the client's slug, ${clientSlug}, to confirm.`));
      return;
    }
    setSubmitting(true);
    setError(undefined);
    try {
      onDone(await postJson<StandbyResponse>(`${standbyPath}/failover`, { confirm: clientSlug }));
      setConfirm('');
    } catch (caught) {
      setError(asApiError(caught));
    }
    setSubmitting(false);
  }

  return (
    <form className="stack" onSubmit={(event) => void submit(event)} aria-labelledby="failover-heading">
      <h3 id="failover-heading">Fail over to the standby</h3>
      <p className="muted">
        The primary is stopped and the standby becomes the client&rsquo;s database on the same host, port and
        credentials, with every transaction it received. A new standby is then built in the other zone.
      </p>
      <SlugConfirmField
        clientSlug={clientSlug}
        name="failover-confirm"
        value={confirm}
        onChange={setConfirm}
      />
      <ErrorAlert error={error} />
      <div>
        <button type="submit" className="button button-danger" disabled={submitting}>
          {submitting ? 'Failing over…' : 'Fail over now'}
        </button>
      </div>
    </form>
  );
}
