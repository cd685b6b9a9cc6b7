import { DateTime } from '../../components/DateTime';
import { formatDuration } from '../../format';
import type { PublicIncident } from './types';
import { INCIDENT_STATUS_WORDS } from './words';

function IncidentItem({ incident }: { incident: PublicIncident }) {
  const resolved = incident.resolvedAt !== null;
  return (
    <li className="status-incident" id={`incident-${incident.id}`}>
      <div className="status-component-header">
        <h3>{incident.title}</h3>
        <span className={`badge ${resolved ? 'badge-ok' : 'badge-bad'}`}>
          {INCIDENT_STATUS_WORDS[incident.status]}
        </span>
      </div>
      <p className="muted">
        Started <DateTime iso={incident.startedAt} />
        {incident.resolvedAt !== null && (
          <>
            {' · '}resolved <DateTime iso={incident.resolvedAt} />
          </>
        )}
        {' · '}
        {incident.durationSeconds === null
          ? 'ongoing'
          : `lasted ${formatDuration(incident.durationSeconds * 1000)}`}
      </p>
      <ol className="status-updates" aria-label="Updates">
        {incident.updates.map((update) => (
          <li key={update.at + update.status}>
            <strong>{INCIDENT_STATUS_WORDS[update.status]}</strong> · <DateTime iso={update.at} />
            {update.message !== null && <p>{update.message}</p>}
          </li>
        ))}
      </ol>
    </li>
  );
}

export function IncidentHistory({ incidents }: { incidents: readonly PublicIncident[] }) {
  if (incidents.length === 0) return <p className="muted">No incidents in the last 90 days.</p>;
  return (
    <ul className="status-incidents">
      {incidents.map((incident) => (
        <IncidentItem key={incident.id} incident={incident} />
      ))}
    </ul>
  );
}
