import { ErrorAlert } from '../components/ErrorAlert';
import type { PlatformStatus } from '../types';
import { useApi } from '../useApi';
import { useDocumentTitle } from '../useDocumentTitle';
import { PlatformStatusList } from './PlatformStatusList';

export function OverviewPage() {
  useDocumentTitle('Overview');
  const status = useApi<PlatformStatus>('/api/status');

  return (
    <>
      <div className="page-header">
        <h1>Overview</h1>
        <button
          type="button"
          className="button button-secondary"
          onClick={status.reload}
          disabled={status.loading}
        >
          Refresh
        </button>
      </div>
      <section className="card" aria-labelledby="platform-status-heading">
        <h2 id="platform-status-heading">Platform status</h2>
        <ErrorAlert error={status.error} />
        {status.data !== undefined ? (
          <PlatformStatusList status={status.data} />
        ) : (
          status.loading && <p role="status">Loading status…</p>
        )}
      </section>
    </>
  );
}
