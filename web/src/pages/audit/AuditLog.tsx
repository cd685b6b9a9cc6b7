import { ErrorAlert } from '../../components/ErrorAlert';
import type { AuditResponse } from '../../types';
import { useApi } from '../../useApi';
import { AuditDownloads } from './AuditDownloads';
import { AuditTable } from './AuditTable';

const LIMIT = 200;

export function AuditLog({ clientSlug, showClient }: { clientSlug: string | null; showClient: boolean }) {
  const filter = clientSlug === null ? '' : `&client=${encodeURIComponent(clientSlug)}`;
  const audit = useApi<AuditResponse>(`/api/audit?limit=${LIMIT}${filter}`);
  // Newest first, whatever order the server used.
  const events = audit.data && [...audit.data.events].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));

  return (
    <section className="card" aria-labelledby="events-heading">
      <div className="card-header">
        <h2 id="events-heading">Events</h2>
        <div className="button-row">
          <AuditDownloads clientSlug={clientSlug} />
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={audit.reload}
            disabled={audit.loading}
          >
            Refresh
          </button>
        </div>
      </div>
      <ErrorAlert error={audit.error} />
      {events === undefined && audit.loading && <p role="status">Loading events…</p>}
      {events?.length === 0 && <p>No events yet.</p>}
      {events !== undefined && events.length > 0 && (
        <>
          <p className="muted">
            The {events.length === LIMIT ? `latest ${LIMIT}` : events.length} events, newest first. The
            downloads hold the same log as a file.
          </p>
          <AuditTable events={events} showClient={showClient} />
        </>
      )}
    </section>
  );
}
