import { useState } from 'react';
import { asApiError, deleteJson } from '../../api';
import { ConfirmAction } from '../../components/ConfirmAction';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { Maintenance } from './types';

interface CancelMaintenanceButtonProps {
  maintenance: Maintenance;
  onCancelled: () => void;
}

/** Cancels a scheduled maintenance, asking first (operators; audited). */
export function CancelMaintenanceButton({ maintenance, onCancelled }: CancelMaintenanceButtonProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();

  async function cancel() {
    setBusy(true);
    setError(undefined);
    try {
      await deleteJson<undefined>(`/api/maintenance/${encodeURIComponent(maintenance.id)}`);
      onCancelled();
    } catch (caught) {
      setError(asApiError(caught));
      setBusy(false);
    }
  }

  return (
    <>
      <ConfirmAction
        label="Cancel"
        ariaLabel={`Cancel the maintenance ${maintenance.reason}`}
        question={`Cancel “${maintenance.reason}”? Its occurrences ahead no longer leave the eligible time.`}
        confirmLabel="Yes, cancel it"
        danger
        small
        disabled={busy}
        onConfirm={() => void cancel()}
      />
      <ErrorAlert error={error} />
    </>
  );
}
