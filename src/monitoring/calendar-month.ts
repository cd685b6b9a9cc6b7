import { IANAZone } from 'luxon';
import { badRequest } from '../server/errors.js';
import type { Interval } from './intervals.js';

/**
 * Calendar months and local wall-clock times in a named IANA zone, as instants. A month in
 * Europe/Brussels lasts 743 hours in March and 745 in October: its bounds are local midnights.
 *
 * One rule turns a local time into an instant everywhere in monitoring: *the first instant at
 * which the local clock reads that time or later*. So a time that the clock skips (the gap of a
 * spring-forward change) becomes the instant of the change, and a time that the clock shows twice
 * (the overlap of an autumn change) becomes its first occurrence, the one before the change.
 */

export const DEFAULT_TIME_ZONE = 'Europe/Brussels';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** Throws `unknown_time_zone` unless zone is an IANA zone name such as Europe/Brussels. */
export function assertTimeZone(zone: string): void {
  if (!IANAZone.isValidZone(zone)) {
    throw badRequest(
      'unknown_time_zone',
      `"${zone}" is not an IANA time zone; use a name such as Europe/Brussels or UTC`,
    );
  }
}

/**
 * The instant at which the clock of zone first reads `wall` or later. `wall` is the local date
 * and time written as if it were UTC (`Date.UTC(2026, 2, 29, 2, 30)` for 29 March 2026 02:30).
 */
export function localToInstant(wall: number, zone: string): number {
  assertTimeZone(zone);
  const iana = IANAZone.create(zone);
  const offsetAt = (instant: number): number => iana.offset(instant) * MINUTE_MS;
  const localAt = (instant: number): number => instant + offsetAt(instant);
  // A zone changes offset at most once within a day or so: the offsets a day either side are
  // the only ones that can apply.
  const candidates = [...new Set([offsetAt(wall - DAY_MS), offsetAt(wall + DAY_MS)])]
    .map((offset) => wall - offset)
    .sort((a, b) => a - b);
  const exact = candidates.find((instant) => localAt(instant) === wall);
  if (exact !== undefined) return exact;
  // In a gap: the clock jumps over wall between the two candidates. Find the jump.
  let before = candidates[0] ?? wall;
  let after = candidates.at(-1) ?? wall;
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (localAt(middle) >= wall) after = middle;
    else before = middle;
  }
  return after;
}

/**
 * The instants [first local midnight of the month, first local midnight of the next) of a
 * month written `YYYY-MM` (years 1970–9999), in zone. Throws `invalid_month` or
 * `unknown_time_zone` with what to write instead.
 */
export function calendarMonth(month: string, zone: string = DEFAULT_TIME_ZONE): Interval {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  const year = Number(match?.[1]);
  const monthNumber = Number(match?.[2]);
  if (!match || year < 1970 || monthNumber < 1 || monthNumber > 12) {
    throw badRequest('invalid_month', `write the month as YYYY-MM, for example 2026-11 (got "${month}")`);
  }
  assertTimeZone(zone);
  return {
    start: localToInstant(Date.UTC(year, monthNumber - 1, 1), zone),
    end: localToInstant(Date.UTC(year, monthNumber, 1), zone),
  };
}
