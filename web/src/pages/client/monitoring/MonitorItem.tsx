import { useId } from 'react';
import { DateTime } from '../../../components/DateTime';
import { DescriptionItem } from '../../../components/DescriptionItem';
import { formatMilliseconds } from './figures';
import { LatencyChart } from './LatencyChart';
import { MonitorStateBadge } from './MonitorStateBadge';
import { watchedBy } from './monitorWords';
import { RemoveMonitorButton } from './RemoveMonitorButton';
import type { Monitor } from './types';

interface MonitorItemProps {
  monitor: Monitor;
  monitorsPath: string;
  refreshed: number;
  /** Set for those who may remove it (application endpoints only). */
  onRemoved: (() => void) | null;
}

/** One monitor: what it watches, its state, its last check and its latency over the last day. */
export function MonitorItem({ monitor, monitorsPath, refreshed, onRemoved }: MonitorItemProps) {
  const headingId = useId();
  const { status } = monitor;
  return (
    <section className="subsection" aria-labelledby={headingId}>
      <h4 id={headingId}>{monitor.name}</h4>
      <dl className="description-list">
        <DescriptionItem term="Watches">{watchedBy(monitor)}</DescriptionItem>
        <DescriptionItem term="State">
          <MonitorStateBadge state={status.state} />
          {status.since !== null && (
            <>
              {' '}
              since <DateTime iso={status.since} />
            </>
          )}
        </DescriptionItem>
        <DescriptionItem term="Last check">
          {status.lastCheckAt === null ? 'Not checked yet' : <DateTime iso={status.lastCheckAt} />}
          {status.lastError !== null && <p className="field-hint">{status.lastError}</p>}
        </DescriptionItem>
        <DescriptionItem term="Latency">
          {status.lastLatencyMs === null ? '—' : formatMilliseconds(status.lastLatencyMs)}
        </DescriptionItem>
        <DescriptionItem term="Checked every">{monitor.intervalSeconds} s</DescriptionItem>
      </dl>
      <LatencyChart monitor={monitor} monitorsPath={monitorsPath} refreshed={refreshed} />
      {onRemoved !== null && monitor.role === 'application' && (
        <RemoveMonitorButton monitor={monitor} monitorsPath={monitorsPath} onRemoved={onRemoved} />
      )}
    </section>
  );
}
