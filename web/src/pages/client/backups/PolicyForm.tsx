import { useState, type SyntheticEvent } from 'react';
import { asApiError, putJson } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { NumberField } from '../../../components/NumberField';
import { StatusNote } from '../../../components/StatusNote';
import type { BackupPolicy, BackupPolicyChange } from '../../../types';

/** The limits the API accepts for each setting. */
const LIMITS = {
  baseBackupEveryHours: { label: 'Hours between base backups', min: 1, max: 744 },
  pitrDays: { label: 'Point-in-time window (days)', min: 1, max: 366 },
  weeklyBackupsKept: { label: 'Weekly backups kept', min: 1, max: 520 },
} as const;

type Setting = keyof typeof LIMITS;
const SETTINGS = Object.keys(LIMITS) as Setting[];

function valuesOf(policy: BackupPolicy): Record<Setting, string> {
  return {
    baseBackupEveryHours: String(policy.baseBackupEveryHours),
    pitrDays: String(policy.pitrDays),
    weeklyBackupsKept: String(policy.weeklyBackupsKept),
  };
}

function parseSettings(values: Record<Setting, string>): BackupPolicyChange | Error {
  const change: BackupPolicyChange = {};
  for (const setting of SETTINGS) {
    const { label, min, max } = LIMITS[setting];
    const value = Number(values[setting]);
    if (!Number.isInteger(value) || value < min || value > max)
      return new Error(`${label}: give a whole number from ${min} to ${max}.`);
    change[setting] = value;
  }
  return change;
}

interface PolicyFormProps {
  policy: BackupPolicy;
  policyPath: string;
  onChanged: (policy: BackupPolicy) => void;
}

/** An operator's change of a client's backup cadence and retention, or back to the defaults. */
export function PolicyForm({ policy, policyPath, onChanged }: PolicyFormProps) {
  const [values, setValues] = useState(() => valuesOf(policy));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<Error>();
  const [done, setDone] = useState<string>();

  async function send(change: BackupPolicyChange, doneMessage: string) {
    setSaving(true);
    setError(undefined);
    setDone(undefined);
    try {
      const saved = await putJson<BackupPolicy>(policyPath, change);
      setValues(valuesOf(saved));
      onChanged(saved);
      setDone(doneMessage);
    } catch (caught) {
      setError(asApiError(caught));
    }
    setSaving(false);
  }

  function handleSubmit(event: SyntheticEvent<HTMLFormElement, SubmitEvent>) {
    event.preventDefault();
    const change = parseSettings(values);
    if (change instanceof Error) {
      setError(change);
      return;
    }
    void send(change, 'The backup policy is saved.');
  }

  return (
    <details className="disclosure">
      <summary>Change the backup policy</summary>
      <form className="form form-narrow" onSubmit={handleSubmit}>
        {SETTINGS.map((setting) => (
          <NumberField
            key={setting}
            label={LIMITS[setting].label}
            name={setting}
            min={LIMITS[setting].min}
            max={LIMITS[setting].max}
            required
            value={values[setting]}
            onChange={(value) => setValues((previous) => ({ ...previous, [setting]: value }))}
          />
        ))}
        <p className="field-hint">
          The next expiry run applies a shorter retention: backups outside it are removed from every target.
        </p>
        <ErrorAlert error={error} />
        <StatusNote message={saving ? 'Saving…' : done} />
        <div className="button-row">
          <button type="submit" className="button" disabled={saving}>
            Save the policy
          </button>
          {policy.custom && (
            <button
              type="button"
              className="button button-secondary"
              disabled={saving}
              onClick={() => void send({ reset: true }, 'The client follows the platform defaults again.')}
            >
              Back to the platform defaults
            </button>
          )}
        </div>
      </form>
    </details>
  );
}
