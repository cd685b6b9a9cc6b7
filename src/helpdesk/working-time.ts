import { DateTime } from 'luxon';
import {
  localDate,
  openingDaysFrom,
  versionAt,
  type BusinessCalendar,
  type CalendarVersion,
  type ClosedReason,
  type OpeningDay,
} from './business-calendar.js';

/*
 * Working-time arithmetic: pure, exact to the millisecond, in real elapsed time inside the opening
 * intervals of the calendar version in force at `start` (the ticket's reception), which governs
 * the whole computation.
 */

// A calendar with weekly hours always opens within a week; only a year of closures could stop it.
const MAX_DAYS_WITHOUT_OPENING = 366;

export interface CountedDay {
  /** Local date, YYYY-MM-DD, in the calendar's zone. */
  date: string;
  countedMs: number;
  closed: ClosedReason | null;
}

function assertDuration(durationMs: number): void {
  if (!Number.isSafeInteger(durationMs) || durationMs < 0) {
    throw new RangeError(`a working-time duration is a whole, non-negative number of ms (got ${durationMs})`);
  }
}

function* daysWithGuard(version: CalendarVersion, from: Date): Generator<OpeningDay, void> {
  let withoutOpening = 0;
  for (const day of openingDaysFrom(version, from)) {
    withoutOpening = day.intervals.length === 0 ? withoutOpening + 1 : 0;
    if (withoutOpening > MAX_DAYS_WITHOUT_OPENING) {
      throw new RangeError(`the business calendar has no opening for a year after ${day.date}`);
    }
    yield day;
  }
}

/** Walks the openings from `start` until `durationMs` is counted; the days seen, with what each counted. */
function walk(
  version: CalendarVersion,
  start: Date,
  durationMs: number,
): { dueAt: Date; days: CountedDay[] } {
  assertDuration(durationMs);
  const from = start.getTime();
  const days: CountedDay[] = [];
  let remaining = durationMs;
  for (const day of daysWithGuard(version, start)) {
    let counted = 0;
    for (const interval of day.intervals) {
      const end = interval.end.getTime();
      // An interval that ends at `from` or before adds nothing; counting starts at the next opening.
      if (end <= from) continue;
      const begin = Math.max(interval.start.getTime(), from);
      if (remaining <= end - begin) {
        days.push({ date: day.date, countedMs: counted + remaining, closed: day.closed });
        return { dueAt: new Date(begin + remaining), days };
      }
      counted += end - begin;
      remaining -= end - begin;
    }
    days.push({ date: day.date, countedMs: counted, closed: day.closed });
  }
  throw new Error('unreachable: the days never end');
}

/**
 * The instant at which `durationMs` of working time has been counted from `start`. Counting starts
 * at `start` when it is inside an opening, else at the next opening; the due instant is inside an
 * opening or at its end (never the next morning for a target that ends at closing time).
 */
export function addWorkingTime(calendar: BusinessCalendar, start: Date, durationMs: number): Date {
  return walk(versionAt(calendar, start), start, durationMs).dueAt;
}

/**
 * The working time, in ms, inside the openings between `from` and `to` (0 when `to` is not after
 * `from`), with the calendar version in force at `from`.
 */
export function workingTimeBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  if (to <= from) return 0;
  const version = versionAt(calendar, from);
  const last = localDate(version, to);
  let total = 0;
  for (const day of daysWithGuard(version, from)) {
    if (day.date > last) return total;
    for (const interval of day.intervals) {
      const begin = Math.max(interval.start.getTime(), from.getTime());
      const end = Math.min(interval.end.getTime(), to.getTime());
      if (end > begin) total += end - begin;
    }
  }
  throw new Error('unreachable: the days never end');
}

/**
 * The first instant at which `percent` % of `targetMs` has been counted from `start` (rounded up to
 * the millisecond, so a warning never fires early): 50, 75 and 90 give the SLA warnings.
 */
export function thresholdInstant(
  calendar: BusinessCalendar,
  start: Date,
  targetMs: number,
  percent: number,
): Date {
  if (!(percent > 0 && percent <= 100))
    throw new RangeError(`a threshold is a percentage in (0, 100] (got ${percent})`);
  assertDuration(targetMs);
  return addWorkingTime(calendar, start, Math.ceil((targetMs * percent) / 100));
}

export interface DeadlineExplanation {
  zone: string;
  receivedAt: Date;
  targetMs: number;
  dueAt: Date;
  /** Every local day from reception to the due date: what it counted, or why it was closed. */
  days: CountedDay[];
  /** E.g. "received Fri 16:30 → 0:30 counted Friday; Mon is Easter Monday; 7:30 counted Tuesday → due Tue 16:30". */
  sentence: string;
}

/**
 * Why a ticket is due when it is, in data and in one English sentence: times in the calendar's
 * zone on a 24-hour clock; days that counted nothing are left out of the sentence, as are
 * weekends, but holidays and closures are named. Dates are added once the span reaches a week,
 * where weekday names alone would repeat.
 */
export function explainDeadline(
  calendar: BusinessCalendar,
  receivedAt: Date,
  targetMs: number,
): DeadlineExplanation {
  const version = versionAt(calendar, receivedAt);
  const { dueAt, days } = walk(version, receivedAt, targetMs);
  const local = (instant: Date): DateTime => DateTime.fromJSDate(instant, { zone: version.zone });
  // Local dates as UTC midnights: whole days apart, whatever the clocks did in between.
  const day = (date: string): DateTime => DateTime.fromISO(date, { zone: 'utc' });
  const span = day(localDate(version, dueAt)).diff(day(localDate(version, receivedAt)), 'days').days;
  const withDates = span >= 7;
  const dayName = (date: string, style: 'ccc' | 'cccc'): string =>
    day(date).toFormat(withDates ? `${style} d LLL` : style, { locale: 'en' });
  const at = (instant: Date): string =>
    `${dayName(localDate(version, instant), 'ccc')} ${clock(local(instant))}`;
  const parts = days.flatMap((d): string[] => {
    if (d.closed !== null) return describeClosed(dayName(d.date, 'ccc'), d.closed);
    return d.countedMs > 0 ? [`${duration(d.countedMs)} counted ${dayName(d.date, 'cccc')}`] : [];
  });
  const counted = parts.length > 0 ? `${parts.join('; ')} → ` : '';
  const sentence = `received ${at(receivedAt)} → ${counted}due ${at(dueAt)}`;
  return { zone: version.zone, receivedAt, targetMs, dueAt, days, sentence };
}

function describeClosed(day: string, closed: ClosedReason): string[] {
  switch (closed.kind) {
    case 'weekend':
      return [];
    case 'holiday':
      return [`${day} is ${closed.name}`];
    case 'closure':
      return [`${day} closed (${closed.reason})`];
  }
}

/** 24-hour clock, seconds only when there are some: 07:00, 16:30:15. */
function clock(local: DateTime): string {
  return local.toFormat(local.second === 0 ? 'HH:mm' : 'HH:mm:ss');
}

/** Hours and minutes, seconds only when there are some: 0:30, 7:30, 1:00:15. */
function duration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const hoursMinutes = `${Math.floor(seconds / 3600)}:${pad(Math.floor(seconds / 60) % 60)}`;
  return seconds % 60 === 0 ? hoursMinutes : `${hoursMinutes}:${pad(seconds % 60)}`;
}
