import type { ChartSeries } from '../../../components/TimeChart';
import type { LatencyPoint } from './types';

/**
 * Average and highest latency of each minute with checks, over the `hours` up to `now` (a
 * monitor checked less often than every minute has minutes without a point).
 */
export function latencySeries(points: readonly LatencyPoint[], hours: number, now: number) {
  const times = points.map((point) => Date.parse(point.minute));
  const series: ChartSeries[] = [
    {
      label: 'Average',
      values: points.map((point) => Math.round(point.latencyAvgMs)),
      color: '#2f5bd3',
      style: 'line',
    },
    {
      label: 'Highest',
      values: points.map((point) => Math.round(point.latencyMaxMs)),
      color: '#8a93a5',
      style: 'line',
      dash: [4, 3],
    },
  ];
  const span = [now - hours * 3_600_000, now] as const;
  return { times, series, span };
}

/** What the chart shows, in one sentence's worth of numbers. */
export function latencySummary(points: readonly LatencyPoint[]) {
  const checks = points.reduce((sum, point) => sum + point.checks, 0);
  const average = points.reduce((sum, point) => sum + point.latencyAvgMs * point.checks, 0) / (checks || 1);
  const highest = Math.max(0, ...points.map((point) => point.latencyMaxMs));
  const failing = points.filter((point) => point.failures > 0).length;
  return { minutes: points.length, checks, average, highest, failing };
}
