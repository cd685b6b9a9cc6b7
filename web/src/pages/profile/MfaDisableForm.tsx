import { useState, type SyntheticEvent } from 'react';
import { ApiError, asApiError, postJson } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/TextField';

export function MfaDisableForm({ onDisabled }: { onDisabled: () => void }) {
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError>();

  async function handleSubmit(event: SyntheticEvent<HTMLFormElement, SubmitEvent>) {
    event.preventDefault();
    setSubmitting(true);
    setError(undefined);
    try {
      await postJson<undefined>('/api/auth/mfa/disable', { password });
      onDisabled();
    } catch (caught) {
      setError(asApiError(caught));
      setSubmitting(false);
    }
  }

  return (
    <form className="form form-narrow" onSubmit={(event) => void handleSubmit(event)}>
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        hint="Your current password, to turn two-factor authentication off."
        value={password}
        onChange={setPassword}
      />
      <ErrorAlert error={error} />
      <div>
        <button type="submit" className="button button-danger" disabled={submitting}>
          {submitting ? 'Turning off…' : 'Turn off two-factor'}
        </button>
      </div>
    </form>
  );
}
