import { useState } from 'react';
import { asApiError, deleteJson } from '../../api';
import { ConfirmAction } from '../../components/ConfirmAction';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { Absence } from './types';

interface RemoveAbsenceButtonProps {
  absence: Absence;
  onRemoved: () => void;
}

/** Removes a recorded absence, asking first: the person counts as on duty again those days. */
export function RemoveAbsenceButton({ absence, onRemoved }: RemoveAbsenceButtonProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();

  async function remove() {
    setBusy(true);
    setError(undefined);
    try {
      await deleteJson<undefined>(`/api/helpdesk/absences/${encodeURIComponent(absence.id)}`);
      onRemoved();
    } catch (caught) {
      setError(asApiError(caught));
      setBusy(false);
    }
  }

  return (
    <>
      <ConfirmAction
        label="Remove"
        ariaLabel={`Remove the absence of ${absence.email} from ${absence.from} to ${absence.to}`}
        question={`Remove this absence? ${absence.email} counts as on duty again on the days they were put on.`}
        confirmLabel="Yes, remove it"
        danger
        small
        disabled={busy}
        onConfirm={() => void remove()}
      />
      <ErrorAlert error={error} />
    </>
  );
}
