import type { InstanceEvent } from '../../types';
import { formatDetail } from '../audit/AuditTable';

/** The details of an instance event; a failed start shows the excerpt of PostgreSQL's log. */
export function EventDetail({ event }: { event: InstanceEvent }) {
  const log = event.detail.log;
  if (event.kind === 'start_failed' && typeof log === 'string' && log !== '') {
    return (
      <>
        <span className="visually-hidden">PostgreSQL log excerpt:</span>
        <pre className="log-excerpt">{log}</pre>
      </>
    );
  }
  return <>{formatDetail(event.detail)}</>;
}
