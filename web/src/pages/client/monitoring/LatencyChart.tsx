import { useEffect, useMemo } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { TimeChart } from '../../../components/TimeChart';
import { useApi } from '../../../useApi';
import { formatMilliseconds } from './figures';
import { latencySeries, latencySummary } from './latencySeries';
import type { LatencyPoint, LatencyResponse, Monitor } from './types';

const HOURS = 24;

function Summary({ points }: { points: readonly LatencyPoint[] }) {
  const { minutes, checks, average, highest, failing } = latencySummary(points);
  return (
    <p className="field-hint">
      {checks} check(s) over {minutes} minute(s): {formatMilliseconds(average)} on average, at most{' '}
      {formatMilliseconds(highest)};{' '}
      {failing === 0 ? 'no minute with a failed check' : `${failing} minute(s) with a failed check`}.
    </p>
  );
}

interface LatencyChartProps {
  monitor: Monitor;
  monitorsPath: string;
  /** Loads again each time this changes (the section's Refresh). */
  refreshed: number;
}

/** One monitor's latency minute by minute over the last day. */
export function LatencyChart({ monitor, monitorsPath, refreshed }: LatencyChartProps) {
  const latency = useApi<LatencyResponse>(
    `${monitorsPath}/${encodeURIComponent(monitor.id)}/latency?hours=${HOURS}`,
  );
  const { reload } = latency;
  useEffect(() => {
    if (refreshed > 0) reload();
  }, [refreshed, reload]);
  const points = latency.data?.points;
  const drawn = useMemo(
    () => (points === undefined ? undefined : latencySeries(points, HOURS, Date.now())),
    [points],
  );

  if (latency.error !== undefined) return <ErrorAlert error={latency.error} />;
  if (points === undefined || drawn === undefined)
    return latency.loading ? <p role="status">Loading the latency of {monitor.name}…</p> : null;
  if (points.length === 0)
    return (
      <p className="muted">
        No latency recorded in the last {HOURS} hours yet: each minute is recorded once it is over.
      </p>
    );
  return (
    <TimeChart
      caption={`Latency of ${monitor.name}, last ${HOURS} hours`}
      times={drawn.times}
      series={drawn.series}
      format={formatMilliseconds}
      span={drawn.span}
      height={160}
    >
      <Summary points={points} />
    </TimeChart>
  );
}
