import rrule from 'rrule';
import { badRequest } from '../server/errors.js';
import { assertTimeZone, localToInstant } from './calendar-month.js';
import type { Interval } from './intervals.js';

// rrule ships a CommonJS bundle: Node gives its exports as the default import only.
const { RRule } = rrule;

/**
 * Maintenance windows as instants.
 *
 * A recurring window is an RRULE (RFC 5545, such as `FREQ=MONTHLY;BYDAY=1SU`: every first
 * Sunday), a local start time, a duration and an IANA zone. The recurrence is computed on local
 * dates (rrule on "floating" wall-clock times, so DST never shifts a day), then each window is the
 * wall-clock span [start, start + duration) as the zone's clocks show it, turned into instants
 * with the rule of `localToInstant`:
 *
 * - the local time is kept across DST: 02:00 is 02:00 in winter and in summer;
 * - a bound that the clock skips (spring-forward gap) is the instant of the change: on
 *   29 March 2026 in Brussels, 02:00–04:00 is 03:00–04:00 CEST (one hour), and 02:15–02:45 does
 *   not happen at all (the clock never shows it: no window that day);
 * - a bound that the clock shows twice (autumn overlap) is its first occurrence: on 25 October
 *   2026, 02:00–04:00 runs from 02:00 CEST to 04:00 CET (three hours).
 *
 * So a window never excludes time outside the span the client was told, and covers all of it.
 * UNTIL in a rule is read as a local date-time too (its `Z` is ignored), like the rest of the rule.
 * One-off windows are instants already and pass through. Scope (platform, one client, one
 * monitor) is plain data; `windowsForClient` keeps the windows that concern one client.
 */

export type MaintenanceScope =
  { kind: 'platform' } | { kind: 'client'; clientId: string } | { kind: 'monitor'; monitorId: string };

/** A concrete window: [start, end) in epoch ms. */
export interface MaintenanceWindow extends Interval {
  scope: MaintenanceScope;
}

export interface OneOffWindow extends MaintenanceWindow {
  kind: 'one_off';
}

export interface RecurringWindow {
  kind: 'recurring';
  /** RFC 5545 RRULE without DTSTART, TZID or BYHOUR/BYMINUTE/BYSECOND; at most daily. */
  rrule: string;
  /** Local date of the first possible occurrence (the DTSTART date), `YYYY-MM-DD`. */
  firstDate: string;
  /** Local start time, `HH:MM`. */
  localStart: string;
  /** Length in wall-clock minutes (the end is the local time start + duration). */
  durationMinutes: number;
  timeZone: string;
  scope: MaintenanceScope;
}

export type WindowDefinition = OneOffWindow | RecurringWindow;

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

// Everything but what fixes the time of day or the zone, which the window gives itself.
const ALLOWED_RULE_PARTS = new Set([
  'freq',
  'interval',
  'count',
  'until',
  'wkst',
  'bysetpos',
  'bymonth',
  'bymonthday',
  'byyearday',
  'byweekno',
  'byweekday',
]);

/**
 * The concrete windows that overlap range, sorted by start, each whole (not clipped to range).
 * One-off windows pass through; recurring ones are expanded as described above.
 */
export function expandWindows(
  definitions: readonly WindowDefinition[],
  range: Interval,
): MaintenanceWindow[] {
  return definitions
    .flatMap((definition): MaintenanceWindow[] => {
      switch (definition.kind) {
        case 'one_off':
          if (!(definition.end > definition.start)) {
            throw badRequest('invalid_maintenance_window', 'a maintenance window must end after it starts');
          }
          return definition.start < range.end && definition.end > range.start
            ? [{ start: definition.start, end: definition.end, scope: definition.scope }]
            : [];
        case 'recurring':
          return expandRecurring(definition, range);
      }
    })
    .sort((a, b) => a.start - b.start);
}

/** The occurrences of a recurring window that overlap range (see the module comment for DST). */
export function expandRecurring(window: RecurringWindow, range: Interval): MaintenanceWindow[] {
  assertTimeZone(window.timeZone);
  const firstStart = parseLocalStart(window.firstDate, window.localStart);
  if (!Number.isInteger(window.durationMinutes) || window.durationMinutes < 1) {
    throw badRequest('invalid_maintenance_window', 'the duration is a whole number of minutes, at least 1');
  }
  const durationMs = window.durationMinutes * MINUTE_MS;
  const rule = new RRule({ ...parseRule(window.rrule), dtstart: new Date(firstStart) });
  // Wall-clock times lie within a day of the instants they name (offsets stay within ±14 h).
  const walls = rule.between(new Date(range.start - durationMs - DAY_MS), new Date(range.end + DAY_MS), true);
  const windows: MaintenanceWindow[] = [];
  for (const wall of walls) {
    const start = localToInstant(wall.getTime(), window.timeZone);
    const end = localToInstant(wall.getTime() + durationMs, window.timeZone);
    if (start < end && start < range.end && end > range.start)
      windows.push({ start, end, scope: window.scope });
  }
  return windows;
}

/** The windows that concern a client: platform-wide, its own, and those of its monitors. */
export function windowsForClient(
  windows: readonly MaintenanceWindow[],
  clientId: string,
  monitorIds: readonly string[],
): MaintenanceWindow[] {
  return windows.filter(({ scope }) => {
    switch (scope.kind) {
      case 'platform':
        return true;
      case 'client':
        return scope.clientId === clientId;
      case 'monitor':
        return monitorIds.includes(scope.monitorId);
    }
  });
}

/** The local date and time as a floating wall-clock value (written as if in UTC). */
function parseLocalStart(date: string, time: string): number {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const wall = day ? Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])) : NaN;
  if (!day || Number.isNaN(wall) || new Date(wall).toISOString().slice(0, 10) !== date) {
    throw badRequest('invalid_maintenance_window', `write the first date as YYYY-MM-DD (got "${date}")`);
  }
  const clock = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!clock) {
    throw badRequest(
      'invalid_maintenance_window',
      `write the start time as HH:MM, 00:00–23:59 (got "${time}")`,
    );
  }
  return wall + (Number(clock[1]) * 60 + Number(clock[2])) * MINUTE_MS;
}

function parseRule(text: string): Partial<ConstructorParameters<typeof RRule>[0]> {
  const invalid = (why: string): Error =>
    badRequest(
      'invalid_maintenance_rule',
      `${why} in "${text}"; write a rule such as FREQ=MONTHLY;BYDAY=1SU`,
    );
  let options: ReturnType<typeof RRule.parseString>;
  try {
    options = RRule.parseString(text.trim());
  } catch (error) {
    throw invalid(error instanceof Error ? error.message : 'unreadable rule');
  }
  if (options.freq === undefined) throw invalid('FREQ is missing');
  if (options.freq > RRule.DAILY) throw invalid('a window recurs at most daily (FREQ=DAILY)');
  for (const [part, value] of Object.entries(options)) {
    if (!ALLOWED_RULE_PARTS.has(part)) {
      throw invalid(`${part.toUpperCase()} is not allowed (the start time and zone are given separately)`);
    }
    const values: unknown[] = Array.isArray(value) ? value : [value];
    if (values.some((v) => v === undefined || v === null || Number.isNaN(v))) {
      throw invalid(`${part.toUpperCase()} has a value that is not understood`);
    }
  }
  return options;
}
