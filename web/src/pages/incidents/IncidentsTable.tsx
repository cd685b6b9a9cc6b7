import { DateTime } from '../../components/DateTime';
import { Link } from '../../components/Link';
import { IncidentStatusBadge } from './IncidentStatusBadge';
import type { Incident } from './types';

/** Incidents, newest first; each title leads to the incident. */
export function IncidentsTable({ incidents }: { incidents: readonly Incident[] }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Incidents, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Incident</th>
            <th scope="col">Client</th>
            <th scope="col">Status</th>
            <th scope="col">Opened</th>
            <th scope="col">Acknowledged</th>
            <th scope="col">Resolved</th>
          </tr>
        </thead>
        <tbody>
          {incidents.map((incident) => (
            <tr key={incident.id}>
              <th scope="row">
                <Link to={`/incidents/${encodeURIComponent(incident.id)}`}>{incident.title}</Link>
              </th>
              <td>
                <Link to={`/clients/${encodeURIComponent(incident.clientSlug)}`}>{incident.clientSlug}</Link>
              </td>
              <td>
                <IncidentStatusBadge status={incident.status} />
              </td>
              <td>
                <DateTime iso={incident.openedAt} />
              </td>
              <td>{incident.acknowledgedBy ?? 'Not yet'}</td>
              <td>{incident.resolvedAt === null ? '—' : <DateTime iso={incident.resolvedAt} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
