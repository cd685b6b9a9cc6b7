import { useState } from 'react';
import { asApiError, deleteJson } from '../../../api';
import { ConfirmAction } from '../../../components/ConfirmAction';
import { ErrorAlert } from '../../../components/ErrorAlert';
import type { Monitor } from './types';

interface RemoveMonitorButtonProps {
  monitor: Monitor;
  monitorsPath: string;
  onRemoved: () => void;
}

/** Stops watching one of the application's endpoints (the database's monitor stays). */
export function RemoveMonitorButton({ monitor, monitorsPath, onRemoved }: RemoveMonitorButtonProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();

  async function remove() {
    setBusy(true);
    setError(undefined);
    try {
      await deleteJson<undefined>(`${monitorsPath}/${encodeURIComponent(monitor.id)}`);
      onRemoved();
    } catch (caught) {
      setError(asApiError(caught));
      setBusy(false);
    }
  }

  return (
    <div>
      <ConfirmAction
        label="Remove"
        ariaLabel={`Remove the monitor ${monitor.name}`}
        question={`Stop watching ${monitor.name}? The time already measured stays in the figures.`}
        confirmLabel="Yes, remove"
        danger
        small
        disabled={busy}
        onConfirm={() => void remove()}
      />
      <ErrorAlert error={error} />
    </div>
  );
}
