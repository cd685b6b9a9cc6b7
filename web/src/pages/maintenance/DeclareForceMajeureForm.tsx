import { useState, type SyntheticEvent } from 'react';
import { asApiError, postJson } from '../../api';
import { DateTimeField } from '../../components/DateTimeField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusNote } from '../../components/StatusNote';
import { TextField } from '../../components/TextField';
import { browserTimeZone, instantFromLocalInput } from '../client/backups/localTime';
import type { DeclaredResponse } from './types';

function declaredNote({ amended }: DeclaredResponse): string {
  if (amended.length === 0) return 'Force majeure declared. No frozen month needed a correction.';
  const months = amended.map((a) => `${a.client} ${a.month}`).join(', ');
  return `Force majeure declared. Frozen figures corrected: ${months}.`;
}

/** Declares force majeure (operators; audited), often after the fact. */
export function DeclareForceMajeureForm({ onDeclared }: { onDeclared: () => void }) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<Error>();
  const [done, setDone] = useState<string>();
  const hint = `In your time zone, ${browserTimeZone()}.`;

  async function handleSubmit(event: SyntheticEvent<HTMLFormElement, SubmitEvent>) {
    event.preventDefault();
    setError(undefined);
    setDone(undefined);
    const start = instantFromLocalInput(from);
    const end = instantFromLocalInput(to);
    if (start === undefined || end === undefined) {
      setError(new Error('Give when it started and ended: a date and a time of day each.'));
      return;
    }
    if (reason.trim() === '') {
      setError(new Error('Say what happened: it is printed in the reports.'));
      return;
    }
    setSubmitting(true);
    try {
      const answer = await postJson<DeclaredResponse>('/api/force-majeure', {
        from: start,
        to: end,
        reason: reason.trim(),
      });
      setFrom('');
      setTo('');
      setReason('');
      setDone(declaredNote(answer));
      onDeclared();
    } catch (caught) {
      setError(asApiError(caught));
    }
    setSubmitting(false);
  }

  return (
    <form className="form form-narrow" onSubmit={(event) => void handleSubmit(event)} noValidate>
      <DateTimeField label="From" name="from" required value={from} onChange={setFrom} hint={hint} />
      <DateTimeField label="To" name="to" required value={to} onChange={setTo} hint={hint} />
      <TextField
        label="What happened"
        name="reason"
        required
        maxLength={500}
        value={reason}
        onChange={setReason}
        hint="For example: outage of the cloud provider's region. Printed in every client's report."
      />
      <ErrorAlert error={error} />
      <StatusNote message={done} />
      <div>
        <button type="submit" className="button" disabled={submitting}>
          {submitting ? 'Declaring…' : 'Declare force majeure'}
        </button>
      </div>
    </form>
  );
}
