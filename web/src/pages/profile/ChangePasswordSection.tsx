import { useState, type SyntheticEvent } from 'react';
import { asApiError, postJson } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NewPasswordFields, passwordMismatch } from '../../components/NewPasswordFields';
import { StatusNote } from '../../components/StatusNote';
import { TextField } from '../../components/TextField';

export function ChangePasswordSection() {
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<Error>();
  const [done, setDone] = useState<string>();

  async function handleSubmit(event: SyntheticEvent<HTMLFormElement, SubmitEvent>) {
    event.preventDefault();
    setDone(undefined);
    const mismatch = passwordMismatch(newPassword, repeat);
    setError(mismatch);
    if (mismatch !== undefined) return;
    setSubmitting(true);
    try {
      await postJson<undefined>('/api/auth/password', { currentPassword, newPassword });
      setCurrentPassword('');
      setNewPassword('');
      setRepeat('');
      setDone('Password changed. Your other sessions were signed out.');
    } catch (caught) {
      setError(asApiError(caught));
    }
    setSubmitting(false);
  }

  return (
    <section className="card" aria-labelledby="password-heading">
      <h2 id="password-heading">Password</h2>
      <form className="form form-narrow" onSubmit={(event) => void handleSubmit(event)}>
        <TextField
          label="Current password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          value={currentPassword}
          onChange={setCurrentPassword}
        />
        <NewPasswordFields
          label="New password"
          password={newPassword}
          repeat={repeat}
          onPasswordChange={setNewPassword}
          onRepeatChange={setRepeat}
        />
        <ErrorAlert error={error} />
        <StatusNote message={done} />
        <div>
          <button type="submit" className="button" disabled={submitting}>
            {submitting ? 'Changing password…' : 'Change password'}
          </button>
        </div>
      </form>
    </section>
  );
}
