import { DateTime } from 'luxon';
import type { MonitorState } from '../db/schema.js';
import { DEFAULT_TIME_ZONE } from './calendar-month.js';
import { clip, normalize, totalLength, type Interval } from './intervals.js';

/**
 * The public status page's arithmetic, kept pure. The page never names a client: monitors are
 * pooled into aggregate components, and only shares of time are published, never counts.
 *
 * - **Client databases**: every `postgres` monitor; **Client applications**: every `http` and
 *   `tcp` monitor. A component is a major outage when more than half of its monitors that report
 *   a state are down, a partial outage when at least one is, degraded performance when one is
 *   degraded, operational otherwise, and "no data" when none reports a state.
 * - **Console and API**: the platform itself. Its current state is operational (it is serving
 *   the page). Its history is the time during which the prober was running: only the last
 *   heartbeat is stored, but every stop or crash leaves each monitor a "no data" interval from
 *   the last beat to its first check after the restart, so the union of the time any monitor had
 *   a known state is the time the platform ran. Days before the first known state have no data.
 * - **Days** are local days in Europe/Brussels (the agreement's calendar: the bars add up to
 *   the same days as the monthly SLA figures), oldest first, the last one being today (up to
 *   now). A monitor component's day is the share of monitor-time that was not down among the
 *   monitor-time with a known state (degraded counts as up, as in the SLA); no known time is
 *   no data. Planned maintenance is not taken out here: the bars show what was observed.
 */

export type ComponentId = 'platform' | 'databases' | 'applications';
export type ComponentState =
  'operational' | 'degraded_performance' | 'partial_outage' | 'major_outage' | 'no_data';
export type MonitorKind = 'http' | 'tcp' | 'postgres';

export const HISTORY_DAYS = 90;
export const STATUS_TIME_ZONE = DEFAULT_TIME_ZONE;

export const COMPONENTS: readonly { id: ComponentId; name: string; description: string }[] = [
  {
    id: 'platform',
    name: 'Console and API',
    description: 'The web console, the API and the monitoring itself',
  },
  { id: 'databases', name: 'Client databases', description: "The clients' dedicated PostgreSQL databases" },
  {
    id: 'applications',
    name: 'Client applications',
    description: "The clients' web applications and services",
  },
];

export function componentOf(kind: MonitorKind): 'databases' | 'applications' {
  return kind === 'postgres' ? 'databases' : 'applications';
}

/** The state of a component from the current states of its monitors (see the module comment). */
export function componentState(states: readonly MonitorState[]): ComponentState {
  const reporting = states.filter((state) => state !== 'no_data');
  const down = reporting.filter((state) => state === 'down').length;
  if (down * 2 > reporting.length) return 'major_outage';
  if (down > 0) return 'partial_outage';
  if (reporting.includes('degraded')) return 'degraded_performance';
  return reporting.length > 0 ? 'operational' : 'no_data';
}

const SEVERITY: Record<ComponentState, number> = {
  no_data: 0,
  operational: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4,
};

/** The worst state among the components (no data only when nothing reports). */
export function overallState(states: readonly ComponentState[]): ComponentState {
  return states.reduce<ComponentState>((worst, s) => (SEVERITY[s] > SEVERITY[worst] ? s : worst), 'no_data');
}

export interface Day extends Interval {
  /** Local date, YYYY-MM-DD. */
  date: string;
}

/** The last `count` local days of zone, oldest first; the last one is the day of `now`. */
export function lastDays(now: number, count = HISTORY_DAYS, zone = STATUS_TIME_ZONE): Day[] {
  const today = DateTime.fromMillis(now, { zone }).startOf('day');
  return Array.from({ length: count }, (_, index) => {
    const start = today.minus({ days: count - 1 - index });
    return {
      date: start.toFormat('yyyy-MM-dd'),
      start: start.toMillis(),
      end: start.plus({ days: 1 }).toMillis(),
    };
  });
}

export interface TimedState extends Interval {
  state: MonitorState;
}

/** A share in [0, 1] rounded down to 6 decimals, so that any downtime keeps it below 1. */
function share(part: number, whole: number): number {
  return Math.floor((part / whole) * 1e6) / 1e6;
}

/**
 * Per day, the share of monitor-time not down among the monitor-time with a known state, over
 * all the intervals given (those of one component's monitors); null for a day without any.
 * Intervals may end after now (open ones): they are cut at now.
 */
export function dailyUptime(
  intervals: readonly TimedState[],
  days: readonly Day[],
  now: number,
): (number | null)[] {
  const buckets = days.map((day) => ({ day, known: 0, down: 0 }));
  for (const interval of intervals) {
    if (interval.state === 'no_data') continue;
    const end = Math.min(interval.end, now);
    for (const bucket of buckets) {
      const overlap = Math.min(end, bucket.day.end) - Math.max(interval.start, bucket.day.start);
      if (overlap <= 0) continue;
      bucket.known += overlap;
      if (interval.state === 'down') bucket.down += overlap;
    }
  }
  return buckets.map(({ known, down }) => (known === 0 ? null : share(known - down, known)));
}

/**
 * Per day, the share of the day (up to now) during which the platform ran: covered by a known
 * state of at least one monitor. Null before the first known state and for days to come.
 */
export function platformUptime(
  intervals: readonly TimedState[],
  days: readonly Day[],
  now: number,
): (number | null)[] {
  const ran = normalize(
    intervals
      .filter((interval) => interval.state !== 'no_data')
      .map(({ start, end }) => ({ start, end: Math.max(start, Math.min(end, now)) })),
  );
  const since = ran[0]?.start;
  return days.map((day) => {
    if (since === undefined) return null;
    const span = { start: Math.max(day.start, since), end: Math.min(day.end, now) };
    if (span.end <= span.start) return null;
    return share(totalLength(clip(ran, span)), span.end - span.start);
  });
}

/** The public title of an incident: what kind of service, never whose. */
export function publicIncidentTitle(kind: MonitorKind | null): string {
  switch (kind) {
    case 'postgres':
      return 'Client database unavailable';
    case 'http':
    case 'tcp':
      return 'Client application unavailable';
    case null:
      return 'Client service unavailable';
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Staff write incident updates for the public, but a name can slip in: every occurrence of the
 * given identifying strings (client name and slug, monitor name and target, the target's host)
 * becomes "[client]", case-insensitively and as whole words. Strings shorter than 3 characters
 * are left alone (they would erase ordinary words).
 */
export function redact(text: string, identifying: readonly (string | null | undefined)[]): string {
  const secrets = [...new Set(identifying.map((s) => s?.trim() ?? '').filter((s) => s.length >= 3))].sort(
    (a, b) => b.length - a.length,
  );
  return secrets.reduce((result, secret) => {
    const before = /^\w/.test(secret) ? '\\b' : '';
    const after = /\w$/.test(secret) ? '\\b' : '';
    return result.replace(new RegExp(`${before}${escapeRegExp(secret)}${after}`, 'gi'), '[client]');
  }, text);
}

/** The host of a monitor target (`https://shop.example.be/health`, `db.example.be:5432`). */
export function targetHost(target: string | null): string | null {
  if (!target) return null;
  if (target.includes('://')) {
    try {
      return new URL(target).hostname;
    } catch {
      return null;
    }
  }
  const at = target.lastIndexOf(':');
  return at > 0 ? target.slice(0, at) : target;
}
