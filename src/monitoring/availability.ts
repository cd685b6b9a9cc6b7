import { badRequest } from '../server/errors.js';
import { calendarMonth, DEFAULT_TIME_ZONE } from './calendar-month.js';
import { clip, type Interval, normalize, overlaps, subtract, totalLength, union } from './intervals.js';
import type { MaintenanceWindow } from './maintenance-windows.js';

/**
 * The availability of one client over a period, from time (never from a count of checks).
 *
 * Each instant of the period [from, to) falls in exactly one bucket, decided in this order:
 *
 * 1. **Maintenance** (excluded) — a platform- or client-scoped window covers it; or a
 *    monitor-scoped window covers one of the client's monitors and no monitor outside its
 *    maintenance is down. A monitor in maintenance makes the client's service partly unavailable
 *    by plan, so the instant leaves the eligible time as a client window would; but a window on
 *    the database never hides the application being down (and the other way round).
 * 2. **Force majeure** (excluded) — a declared period covers it. Where maintenance and force
 *    majeure overlap, the time is counted once, as maintenance.
 * 3. **Down** — a monitor is down (application OR database: the client is down when either is).
 *    Degraded counts as up unless `degradedCountsAsDown`.
 * 4. **No data** — no monitor is down but at least one has no data (state `no_data`, or no
 *    interval at all), or the client has no monitors. Unknown is never counted as up: no-data
 *    time is reported in `noDataSeconds` and left out of the eligible time, so the ratio covers
 *    only time whose state is known. A reader who wants the worst case counts it as down:
 *    (eligible − downtime) / (eligible + noData).
 * 5. **Up** — everything else.
 *
 * When intervals of one monitor overlap, the most severe known state wins (down, then degraded,
 * then up); `no_data` only where nothing else is known.
 *
 * eligible = period − maintenance − force majeure − no data; availability = (eligible − downtime) /
 * eligible, or null when eligible is 0 (nothing to measure; `met` is then null too). The error
 * budget left is eligible × (1 − target), rounded to the millisecond, minus downtime: negative
 * when the target is missed (`met` is false exactly then).
 *
 * Arithmetic is exact in epoch milliseconds; durations are reported in seconds (ms / 1000, so at
 * most three decimals); instants (`from`, `to`, itemised periods) stay epoch milliseconds.
 */

export const DEFAULT_TARGET = 0.999;

export type MonitorKind = 'application' | 'database';
export type MonitorState = 'up' | 'down' | 'degraded' | 'no_data';

export interface StateInterval extends Interval {
  state: MonitorState;
}

export interface MonitorHistory {
  id: string;
  kind: MonitorKind;
  intervals: readonly StateInterval[];
}

export type Period = { from: number; to: number } | { month: string; timeZone?: string };

export interface AvailabilityInput {
  period: Period;
  monitors: readonly MonitorHistory[];
  /** Windows that concern this client (see `windowsForClient`); a client scope means this client. */
  maintenance: readonly MaintenanceWindow[];
  forceMajeure: readonly Interval[];
  /** Ratio, default 0.999. */
  target?: number;
  degradedCountsAsDown?: boolean;
}

export interface ExcludedPeriod extends Interval {
  reason: 'maintenance' | 'force_majeure';
}

export interface DownPeriod extends Interval {
  /** The monitors that were down (and not in maintenance) at some instant of the period. */
  monitorIds: string[];
}

export interface AvailabilityReport {
  from: number;
  to: number;
  periodSeconds: number;
  eligibleSeconds: number;
  downtimeSeconds: number;
  excludedSeconds: { maintenance: number; forceMajeure: number };
  noDataSeconds: number;
  availability: number | null;
  target: number;
  errorBudgetSeconds: number;
  met: boolean | null;
  excludedPeriods: ExcludedPeriod[];
  downPeriods: DownPeriod[];
  noDataPeriods: Interval[];
}

/** Splits the period into maintenance, force majeure, down, no data and up (see above). */
export function computeAvailability(input: AvailabilityInput): AvailabilityReport {
  const range = resolvePeriod(input.period);
  const target = input.target ?? DEFAULT_TARGET;
  if (!Number.isFinite(target) || target < 0 || target > 1) {
    throw badRequest(
      'invalid_target',
      `the target is a ratio between 0 and 1, such as 0.999 (got ${target})`,
    );
  }
  const whole = [range];
  const countsAsDown = (state: MonitorState): boolean =>
    state === 'down' || (state === 'degraded' && input.degradedCountsAsDown === true);

  const monitors = input.monitors.map(({ id, intervals }) => {
    const windows = input.maintenance.filter(
      ({ scope }) => scope.kind === 'monitor' && scope.monitorId === id,
    );
    const inMaintenance = clip(windows, range);
    const downStates = intervals.filter(({ state }) => countsAsDown(state));
    const known = intervals.filter(({ state }) => state !== 'no_data');
    return {
      id,
      inMaintenance,
      down: subtract(clip(downStates, range), inMaintenance),
      noData: subtract(whole, known),
    };
  });

  // Down somewhere, in a monitor that is not in maintenance.
  const anyDown = normalize(monitors.flatMap((m) => m.down));
  const clientWindows = input.maintenance.filter(({ scope }) => scope.kind !== 'monitor');
  const monitorMaintenance = monitors.flatMap((m) => m.inMaintenance);
  const maintenance = union(clip(clientWindows, range), subtract(monitorMaintenance, anyDown));
  const forceMajeure = subtract(clip(input.forceMajeure, range), maintenance);
  const excluded = union(maintenance, forceMajeure);
  const down = subtract(anyDown, excluded);
  const unknown = monitors.length === 0 ? whole : monitors.flatMap((m) => m.noData);
  const noData = subtract(unknown, union(excluded, down));

  const periodMs = range.end - range.start;
  const maintenanceMs = totalLength(maintenance);
  const forceMajeureMs = totalLength(forceMajeure);
  const noDataMs = totalLength(noData);
  const eligibleMs = periodMs - maintenanceMs - forceMajeureMs - noDataMs;
  const downtimeMs = totalLength(down);
  const allowedMs = Math.round(eligibleMs * (1 - target));
  const downByMonitor = monitors.map((m) => ({ id: m.id, down: subtract(m.down, excluded) }));

  return {
    from: range.start,
    to: range.end,
    periodSeconds: seconds(periodMs),
    eligibleSeconds: seconds(eligibleMs),
    downtimeSeconds: seconds(downtimeMs),
    excludedSeconds: { maintenance: seconds(maintenanceMs), forceMajeure: seconds(forceMajeureMs) },
    noDataSeconds: seconds(noDataMs),
    availability: eligibleMs > 0 ? (eligibleMs - downtimeMs) / eligibleMs : null,
    target,
    errorBudgetSeconds: seconds(allowedMs - downtimeMs),
    met: eligibleMs > 0 ? downtimeMs <= allowedMs : null,
    excludedPeriods: [
      ...maintenance.map((i): ExcludedPeriod => ({ ...i, reason: 'maintenance' })),
      ...forceMajeure.map((i): ExcludedPeriod => ({ ...i, reason: 'force_majeure' })),
    ].sort((a, b) => a.start - b.start),
    downPeriods: down.map((period) => ({
      ...period,
      monitorIds: downByMonitor.filter((m) => overlaps(m.down, period)).map((m) => m.id),
    })),
    noDataPeriods: noData,
  };
}

/** [from, to) of an explicit period, or the calendar month in its zone (default Europe/Brussels). */
export function resolvePeriod(period: Period): Interval {
  if ('month' in period) return calendarMonth(period.month, period.timeZone ?? DEFAULT_TIME_ZONE);
  const { from, to } = period;
  if (!Number.isFinite(from) || !Number.isFinite(to) || to <= from) {
    throw badRequest('invalid_period', 'the period must end after it starts (--to after --from)');
  }
  return { start: from, end: to };
}

function seconds(ms: number): number {
  return ms / 1000;
}
