import { useEffect, useId } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useAccount } from '../../../session';
import type { ApiResource } from '../../../useApi';
import { AddMonitorForm } from './AddMonitorForm';
import { MonitorItem } from './MonitorItem';
import { canManageMonitors } from './monitorAccess';
import type { MonitorsResponse } from './types';

/** States change on their own: the list is read again this often while the page is open. */
const POLL_MS = 10_000;

interface MonitorsPanelProps {
  monitors: ApiResource<MonitorsResponse>;
  monitorsPath: string;
  refreshed: number;
}

/** The client's monitors with their state and latency; its administrators add and remove endpoints. */
export function MonitorsPanel({ monitors, monitorsPath, refreshed }: MonitorsPanelProps) {
  const headingId = useId();
  const manage = canManageMonitors(useAccount());
  const { reload } = monitors;
  useEffect(() => {
    const timer = window.setInterval(reload, POLL_MS);
    return () => window.clearInterval(timer);
  }, [reload]);
  const list = monitors.data?.monitors;
  return (
    <section className="subsection" aria-labelledby={headingId}>
      <h3 id={headingId}>Monitors</h3>
      <ErrorAlert error={monitors.error} />
      {list === undefined && monitors.loading && <p role="status">Loading the monitors…</p>}
      {list?.length === 0 && <p>Nothing is watched yet: the database gets its monitor once it runs.</p>}
      {list?.map((monitor) => (
        <MonitorItem
          key={monitor.id}
          monitor={monitor}
          monitorsPath={monitorsPath}
          refreshed={refreshed}
          onRemoved={manage ? reload : null}
        />
      ))}
      {manage && <AddMonitorForm monitorsPath={monitorsPath} onAdded={reload} />}
    </section>
  );
}
