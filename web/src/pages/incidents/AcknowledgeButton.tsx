import { useState } from 'react';
import { asApiError, postJson } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { Incident, IncidentResponse } from './types';

interface AcknowledgeButtonProps {
  incident: Incident;
  onAcknowledged: (incident: Incident) => void;
}

/** Tells the team (and the client) that someone is on it. */
export function AcknowledgeButton({ incident, onAcknowledged }: AcknowledgeButtonProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();

  async function acknowledge() {
    setBusy(true);
    setError(undefined);
    try {
      const answer = await postJson<IncidentResponse>(
        `/api/incidents/${encodeURIComponent(incident.id)}/acknowledge`,
      );
      onAcknowledged(answer.incident);
    } catch (caught) {
      setError(asApiError(caught));
    }
    setBusy(false);
  }

  return (
    <div>
      <button type="button" className="button" onClick={() => void acknowledge()} disabled={busy}>
        {busy ? 'Acknowledging…' : 'Acknowledge'}
      </button>
      <ErrorAlert error={error} />
    </div>
  );
}
