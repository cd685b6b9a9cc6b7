import { useId } from 'react';
import { DateTime } from '../../components/DateTime';
import { incidentStatusLabels } from './incidentLabels';
import type { IncidentUpdate } from './types';

/** What was said about the incident, oldest first. */
export function IncidentUpdates({ updates }: { updates: readonly IncidentUpdate[] }) {
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>Updates</h2>
      {updates.length === 0 ? (
        <p>No update yet.</p>
      ) : (
        <ol className="plain-list" aria-labelledby={headingId}>
          {updates.map((update, index) => (
            <li key={`${update.at}-${index}`}>
              <p>
                <strong>{incidentStatusLabels[update.status]}</strong> · <DateTime iso={update.at} /> ·{' '}
                {update.author ?? 'the monitor'}
              </p>
              <p className="prewrap">{update.message}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
