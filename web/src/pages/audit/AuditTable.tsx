import { DateTime } from '../../components/DateTime';
import type { AuditEvent } from '../../types';

function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map(formatValue).join(', ');
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return '';
  return JSON.stringify(value);
}

/** `{email: "a@b", granted: ["tickets"]}` → `email: a@b; granted: tickets`. */
export function formatDetail(detail: AuditEvent['detail']): string {
  if (detail === null) return '';
  return Object.entries(detail)
    .map(([key, value]) => `${key}: ${formatValue(value)}`)
    .join('; ');
}

export function AuditTable({ events, showClient }: { events: readonly AuditEvent[]; showClient: boolean }) {
  return (
    <div className="table-wrap">
      <table className="table table-compact">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Actor</th>
            {showClient && <th scope="col">Client</th>}
            <th scope="col">Action</th>
            <th scope="col">Target</th>
            <th scope="col">IP address</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id}>
              <td>
                <DateTime iso={event.at} />
              </td>
              <td>{event.actorEmail ?? <span className="muted">system</span>}</td>
              {showClient && <td>{event.clientSlug ?? <span className="muted">none</span>}</td>}
              <td>
                <code>{event.action}</code>
              </td>
              <td className="cell-wrap">{event.target ?? ''}</td>
              <td>{event.ip ?? ''}</td>
              <td className="cell-wrap">{formatDetail(event.detail)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
