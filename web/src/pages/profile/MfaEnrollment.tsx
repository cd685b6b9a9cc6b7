import { useState, type SyntheticEvent } from 'react';
import { ApiError, asApiError, postJson } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/TextField';
import type { MfaEnrollment as Enrollment } from '../../types';
import { MfaConfirmForm } from './MfaConfirmForm';

/** Step 1: the password again; step 2 (MfaConfirmForm): scan, then prove it with a code. */
export function MfaEnrollment({ onEnabled }: { onEnabled: (recoveryCodes: string[]) => void }) {
  const [password, setPassword] = useState('');
  const [enrollment, setEnrollment] = useState<Enrollment>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError>();

  async function handleSubmit(event: SyntheticEvent<HTMLFormElement, SubmitEvent>) {
    event.preventDefault();
    setSubmitting(true);
    setError(undefined);
    try {
      setEnrollment(await postJson<Enrollment>('/api/auth/mfa/enroll', { password }));
      setPassword('');
    } catch (caught) {
      setError(asApiError(caught));
    }
    setSubmitting(false);
  }

  if (enrollment !== undefined) {
    return (
      <MfaConfirmForm
        enrollment={enrollment}
        onEnabled={onEnabled}
        onCancel={() => setEnrollment(undefined)}
      />
    );
  }

  return (
    <form className="form form-narrow" onSubmit={(event) => void handleSubmit(event)}>
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        hint="Your current password, to confirm it is you."
        value={password}
        onChange={setPassword}
      />
      <ErrorAlert error={error} />
      <div>
        <button type="submit" className="button" disabled={submitting}>
          {submitting ? 'Starting…' : 'Set up two-factor'}
        </button>
      </div>
    </form>
  );
}
