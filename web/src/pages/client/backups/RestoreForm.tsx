import { useState, type SyntheticEvent } from 'react';
import { asApiError, postJson } from '../../../api';
import { CheckboxField } from '../../../components/CheckboxField';
import { DateTime } from '../../../components/DateTime';
import { DateTimeField } from '../../../components/DateTimeField';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { RadioGroup } from '../../../components/RadioGroup';
import { SlugConfirmField } from '../../../components/SlugConfirmField';
import type { RecoverableWindow, RestoreRequest, RestoreResponse, RestoreRun } from '../../../types';
import { browserTimeZone, instantFromLocalInput } from './localTime';

type Target = 'latest' | 'time';

const TARGETS = [
  { value: 'latest', label: 'The latest state' },
  { value: 'time', label: 'A point in time' },
] as const;

function WindowHint({ recoverable }: { recoverable: RecoverableWindow }) {
  return (
    <>
      In your time zone, {browserTimeZone()}.{' '}
      {recoverable.earliest === null || recoverable.latest === null ? (
        'Nothing can be restored yet: take a base backup first.'
      ) : (
        <>
          Recoverable: any instant from <DateTime iso={recoverable.earliest} /> to{' '}
          <DateTime iso={recoverable.latest} />.
        </>
      )}
    </>
  );
}

interface RestoreFormProps {
  clientSlug: string;
  recoverable: RecoverableWindow;
  restoresPath: string;
  onStarted: (run: RestoreRun) => void;
}

/** Starts a restore of the client's database: its latest state or an instant, switched over or in place. */
export function RestoreForm({ clientSlug, recoverable, restoresPath, onStarted }: RestoreFormProps) {
  const [target, setTarget] = useState<Target>('latest');
  const [localTime, setLocalTime] = useState('');
  const [inPlace, setInPlace] = useState(false);
  const [confirm, setConfirm] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<Error>();

  /** The request, or what to fix first. */
  function request(): RestoreRequest | Error {
    const body: RestoreRequest = {};
    if (target === 'time') {
      const to = instantFromLocalInput(localTime);
      if (to === undefined)
        return new Error('Give the point in time to restore to: a date and a time of day.');
      body.to = to;
    }
    if (inPlace) {
      if (confirm.trim() !== clientSlug)
        return new Error(`To restore in place, type the client's slug, ${clientSlug}, to confirm.`);
      body.inPlace = true;
      body.confirm = clientSlug;
    }
    return body;
  }

  async function handleSubmit(event: SyntheticEvent<HTMLFormElement, SubmitEvent>) {
    event.preventDefault();
    setError(undefined);
    const body = request();
    if (body instanceof Error) {
      setError(body);
      return;
    }
    setSubmitting(true);
    try {
      const { restore } = await postJson<RestoreResponse>(restoresPath, body);
      setInPlace(false);
      setConfirm('');
      onStarted(restore);
    } catch (caught) {
      setError(asApiError(caught));
    }
    setSubmitting(false);
  }

  return (
    <form className="form form-narrow" onSubmit={(event) => void handleSubmit(event)} noValidate>
      <RadioGroup legend="Restore to" name="target" value={target} options={TARGETS} onChange={setTarget} />
      {target === 'time' && (
        <DateTimeField
          label="Point in time"
          name="to"
          required
          value={localTime}
          onChange={setLocalTime}
          hint={<WindowHint recoverable={recoverable} />}
        />
      )}
      <CheckboxField
        label="Restore in place"
        checked={inPlace}
        onChange={setInPlace}
        hint="The database stops at once and its current data is replaced without being kept: there is no way back to it. Otherwise the restore is prepared beside the running database, then switched over, and the replaced data is kept for a few days."
      />
      {inPlace && (
        <SlugConfirmField clientSlug={clientSlug} name="confirm" value={confirm} onChange={setConfirm} />
      )}
      <ErrorAlert error={error} />
      <div>
        <button type="submit" className="button" disabled={submitting}>
          {submitting ? 'Starting the restore…' : 'Start the restore'}
        </button>
      </div>
    </form>
  );
}
