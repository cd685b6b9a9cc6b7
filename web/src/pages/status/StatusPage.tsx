import { BrandMark } from '../../components/BrandMark';
import { DateTime } from '../../components/DateTime';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useDocumentTitle } from '../../useDocumentTitle';
import { ComponentList } from './ComponentList';
import { IncidentHistory } from './IncidentHistory';
import { MaintenanceList } from './MaintenanceList';
import { SubscribeForm } from './SubscribeForm';
import { SubscriptionNote } from './SubscriptionNote';
import { useStatus } from './useStatus';
import { OVERALL_WORDS, stateTone } from './words';

/** The public status page (no sign-in): it never names a client, only aggregate components. */
export function StatusPage() {
  useDocumentTitle('Status');
  const { status, error } = useStatus();

  return (
    <main className="status-page">
      <header className="status-header">
        <BrandMark />
        <h1>Oxygis Cloud status</h1>
        <a className="status-feed-link" href="/status/feed.atom" type="application/atom+xml">
          Atom feed
        </a>
      </header>
      <SubscriptionNote />
      <ErrorAlert error={error} />
      {status === undefined ? (
        error === undefined && (
          <p className="muted" role="status">
            Loading the status…
          </p>
        )
      ) : (
        <>
          <p className={`status-overall badge ${stateTone(status.overall)}`}>
            {OVERALL_WORDS[status.overall]}
          </p>
          <p className="muted">
            Updated <DateTime iso={status.generatedAt} />. Days are calendar days in {status.timeZone}.
          </p>
          <section className="card" aria-labelledby="status-components">
            <h2 id="status-components">Components</h2>
            <ComponentList components={status.components} />
          </section>
          <section className="card" id="maintenance" aria-labelledby="status-maintenance">
            <h2 id="status-maintenance">Scheduled maintenance</h2>
            <MaintenanceList windows={status.maintenance} />
          </section>
          <section className="card" aria-labelledby="status-incidents">
            <h2 id="status-incidents">Incidents of the last 90 days</h2>
            <IncidentHistory incidents={status.incidents} />
          </section>
        </>
      )}
      <section className="card" aria-labelledby="status-subscribe">
        <h2 id="status-subscribe">Get notified by e-mail</h2>
        <SubscribeForm />
        <p className="muted">
          Or follow the <a href="/status/feed.atom">Atom</a> or <a href="/status/feed.rss">RSS</a> feed.
        </p>
      </section>
    </main>
  );
}
