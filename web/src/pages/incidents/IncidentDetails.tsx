import { useId } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Link } from '../../components/Link';
import { useApi } from '../../useApi';
import { useDocumentTitle } from '../../useDocumentTitle';
import { AcknowledgeButton } from './AcknowledgeButton';
import { IncidentSummary } from './IncidentSummary';
import { IncidentUpdates } from './IncidentUpdates';
import { PostUpdateForm } from './PostUpdateForm';
import type { Incident, IncidentResponse } from './types';
import './incidents.css';

/** One incident: where it stands, its updates and postmortem; staff acknowledge it and post updates. */
export function IncidentDetails({ id }: { id: string }) {
  const postHeadingId = useId();
  const postmortemHeadingId = useId();
  const incident = useApi<IncidentResponse>(`/api/incidents/${encodeURIComponent(id)}`);
  const current = incident.data?.incident;
  useDocumentTitle(current?.title ?? 'Incident');
  const { update } = incident;
  const changed = (next: Incident) => update(() => ({ incident: next }));

  return (
    <>
      <p className="back-link">
        <Link to="/incidents">All incidents</Link>
      </p>
      <div className="page-header">
        <h1>{current?.title ?? 'Incident'}</h1>
      </div>
      <div className="stack">
        <ErrorAlert error={incident.error} />
        {current === undefined && incident.loading && <p role="status">Loading the incident…</p>}
        {current !== undefined && (
          <>
            <section className="card" aria-label="Summary">
              <IncidentSummary incident={current} />
              {current.acknowledgedAt === null && (
                <AcknowledgeButton incident={current} onAcknowledged={changed} />
              )}
            </section>
            <IncidentUpdates updates={current.updates ?? []} />
            <section className="card" aria-labelledby={postHeadingId}>
              <h2 id={postHeadingId}>Post an update</h2>
              <PostUpdateForm incident={current} onPosted={changed} />
            </section>
            <section className="card" aria-labelledby={postmortemHeadingId}>
              <h2 id={postmortemHeadingId}>Postmortem</h2>
              <p className="prewrap">{current.postmortem ?? 'None written yet.'}</p>
            </section>
          </>
        )}
      </div>
    </>
  );
}
