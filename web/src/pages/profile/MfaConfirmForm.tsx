import { useState, type SyntheticEvent } from 'react';
import { ApiError, asApiError, postJson } from '../../api';
import { DescriptionItem } from '../../components/DescriptionItem';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/TextField';
import type { MfaEnrollment, RecoveryCodesResponse } from '../../types';

interface MfaConfirmFormProps {
  enrollment: MfaEnrollment;
  onEnabled: (recoveryCodes: string[]) => void;
  onCancel: () => void;
}

export function MfaConfirmForm({ enrollment, onEnabled, onCancel }: MfaConfirmFormProps) {
  const [code, setCode] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError>();

  async function handleSubmit(event: SyntheticEvent<HTMLFormElement, SubmitEvent>) {
    event.preventDefault();
    setSubmitting(true);
    setError(undefined);
    try {
      const { recoveryCodes } = await postJson<RecoveryCodesResponse>('/api/auth/mfa/confirm', {
        code: code.trim(),
      });
      onEnabled(recoveryCodes);
    } catch (caught) {
      setError(asApiError(caught));
      setSubmitting(false);
    }
  }

  return (
    <div className="mfa-enrollment">
      <ol className="steps">
        <li>
          <p>Scan this QR code with your authenticator app.</p>
          <img
            className="qr-code"
            src={`data:image/svg+xml;utf8,${encodeURIComponent(enrollment.qrSvg)}`}
            alt="QR code to scan with your authenticator app"
            width={200}
            height={200}
          />
          <p>If you cannot scan it, add an account in the app by hand with this key (time-based):</p>
          <dl className="description-list">
            <DescriptionItem term="Setup key">
              <code className="secret">{enrollment.secret}</code>
            </DescriptionItem>
          </dl>
        </li>
        <li>
          <form className="form form-narrow" onSubmit={(event) => void handleSubmit(event)}>
            <TextField
              label="Code from your authenticator app"
              name="code"
              autoComplete="one-time-code"
              inputMode="numeric"
              pattern="[0-9 ]{6,7}"
              required
              hint="The 6 digits the app shows now for Oxygis Cloud."
              value={code}
              onChange={setCode}
            />
            <ErrorAlert error={error} />
            <div className="button-row">
              <button type="submit" className="button" disabled={submitting}>
                {submitting ? 'Checking…' : 'Turn on two-factor'}
              </button>
              <button
                type="button"
                className="button button-secondary"
                onClick={onCancel}
                disabled={submitting}
              >
                Cancel
              </button>
            </div>
          </form>
        </li>
      </ol>
    </div>
  );
}
