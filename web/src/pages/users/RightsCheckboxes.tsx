import { useState } from 'react';
import { ApiError, asApiError, putJson } from '../../api';
import { RIGHTS, rightLabels } from '../../access';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { AccountDetails, AccountResponse, Right } from '../../types';

interface RightsCheckboxesProps {
  account: AccountDetails;
  disabled: boolean;
  onUpdated: (account: AccountDetails) => void;
}

/** One checkbox per right; each change sends the full list of rights the user should have. */
export function RightsCheckboxes({ account, disabled, onUpdated }: RightsCheckboxesProps) {
  /** The list being saved, shown until the server answers. */
  const [pending, setPending] = useState<Right[]>();
  const [error, setError] = useState<ApiError>();
  const shown = pending ?? account.rights;

  async function toggle(right: Right, on: boolean) {
    const rights = RIGHTS.filter((candidate) => (candidate === right ? on : shown.includes(candidate)));
    setPending(rights);
    setError(undefined);
    try {
      const answer = await putJson<AccountResponse>(
        `/api/accounts/${encodeURIComponent(account.id)}/rights`,
        {
          rights,
        },
      );
      onUpdated(answer.account);
    } catch (caught) {
      setError(asApiError(caught));
    }
    setPending(undefined);
  }

  return (
    <fieldset className="rights" disabled={disabled || pending !== undefined}>
      <legend className="visually-hidden">Rights of {account.email}</legend>
      {RIGHTS.map((right) => (
        <label key={right} className="checkbox-inline">
          <input
            type="checkbox"
            checked={shown.includes(right)}
            onChange={(event) => void toggle(right, event.target.checked)}
            aria-label={`${rightLabels[right].toLowerCase()} for ${account.email}`}
          />
          {rightLabels[right]}
        </label>
      ))}
      <ErrorAlert error={error} />
    </fieldset>
  );
}
