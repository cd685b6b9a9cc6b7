import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { assertTimeZone, calendarMonth, localToInstant } from './calendar-month.js';

const HOUR = 3_600_000;
const utc = (iso: string): number => Date.parse(iso);
const hours = ({ start, end }: { start: number; end: number }): number => (end - start) / HOUR;
const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('calendarMonth', () => {
  it('runs from local midnight to local midnight, in Europe/Brussels by default', () => {
    expect(calendarMonth('2026-11')).toEqual({
      start: utc('2026-10-31T23:00:00Z'),
      end: utc('2026-11-30T23:00:00Z'),
    });
    expect(hours(calendarMonth('2026-11'))).toBe(720);
    expect(hours(calendarMonth('2026-07'))).toBe(744);
    expect(hours(calendarMonth('2026-02'))).toBe(672);
  });

  it('has 743 hours in March 2026 and 745 in October 2026 in Brussels (DST changes)', () => {
    expect(calendarMonth('2026-03', 'Europe/Brussels')).toEqual({
      start: utc('2026-02-28T23:00:00Z'),
      end: utc('2026-03-31T22:00:00Z'),
    });
    expect(hours(calendarMonth('2026-03', 'Europe/Brussels'))).toBe(743);
    expect(calendarMonth('2026-10', 'Europe/Brussels')).toEqual({
      start: utc('2026-09-30T22:00:00Z'),
      end: utc('2026-10-31T23:00:00Z'),
    });
    expect(hours(calendarMonth('2026-10', 'Europe/Brussels'))).toBe(745);
  });

  it('follows the zone it is given', () => {
    expect(calendarMonth('2028-02', 'UTC')).toEqual({
      start: utc('2028-02-01T00:00:00Z'),
      end: utc('2028-03-01T00:00:00Z'),
    });
    expect(hours(calendarMonth('2026-03', 'America/New_York'))).toBe(743); // DST from 8 March
    expect(hours(calendarMonth('2026-04', 'Australia/Sydney'))).toBe(721); // DST ends 5 April
    expect(hours(calendarMonth('2026-10', 'Australia/Lord_Howe'))).toBe(743.5); // half-hour DST
  });

  it('starts a month whose first midnight the clock skips at the change', () => {
    // Asunción moved its clocks from 00:00 to 01:00 on 1 October 2017.
    const october = calendarMonth('2017-10', 'America/Asuncion');
    expect(october.start).toBe(utc('2017-10-01T04:00:00Z'));
    expect(calendarMonth('2017-09', 'America/Asuncion').end).toBe(october.start);
    expect(hours(october)).toBe(743);
  });

  it('refuses a month that is not YYYY-MM, or a zone that is not IANA, saying what to write', () => {
    for (const month of ['2026-13', '2026-00', '2026-1', '26-11', '2026-11-01', 'november', '1969-12']) {
      expect(
        code(() => calendarMonth(month)),
        month,
      ).toBe('invalid_month');
    }
    for (const zone of ['Europe/Bruxelles', '+01:00', 'CEST', '']) {
      expect(
        code(() => calendarMonth('2026-11', zone)),
        zone,
      ).toBe('unknown_time_zone');
    }
    expect(() => calendarMonth('2026-13')).toThrow(/2026-11/);
    expect(() => assertTimeZone('Mars/Olympus')).toThrow(/Europe\/Brussels/);
  });
});

describe('localToInstant', () => {
  const brussels = (y: number, mo: number, d: number, h: number, mi = 0): number =>
    localToInstant(Date.UTC(y, mo - 1, d, h, mi), 'Europe/Brussels');

  it('maps ordinary local times with the offset in force', () => {
    expect(brussels(2026, 1, 15, 12)).toBe(utc('2026-01-15T11:00:00Z'));
    expect(brussels(2026, 7, 15, 12)).toBe(utc('2026-07-15T10:00:00Z'));
  });

  it('maps a time the clock skips (29 March 2026, 02:00–03:00) to the instant of the change', () => {
    expect(brussels(2026, 3, 29, 1, 59)).toBe(utc('2026-03-29T00:59:00Z'));
    expect(brussels(2026, 3, 29, 2, 0)).toBe(utc('2026-03-29T01:00:00Z'));
    expect(brussels(2026, 3, 29, 2, 30)).toBe(utc('2026-03-29T01:00:00Z'));
    expect(brussels(2026, 3, 29, 3, 0)).toBe(utc('2026-03-29T01:00:00Z'));
    expect(brussels(2026, 3, 29, 3, 1)).toBe(utc('2026-03-29T01:01:00Z'));
  });

  it('maps a time the clock shows twice (25 October 2026, 02:00–03:00) to its first occurrence', () => {
    expect(brussels(2026, 10, 25, 2, 0)).toBe(utc('2026-10-25T00:00:00Z'));
    expect(brussels(2026, 10, 25, 2, 30)).toBe(utc('2026-10-25T00:30:00Z'));
    expect(brussels(2026, 10, 25, 3, 0)).toBe(utc('2026-10-25T02:00:00Z'));
  });

  it('is the first instant whose local clock reads the time or later (any zone, any time)', () => {
    const zones = [
      'Europe/Brussels',
      'America/New_York',
      'Australia/Lord_Howe',
      'America/Santiago',
      'Asia/Kolkata',
    ];
    const SECOND = 1000;
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(2020, 0, 1) / SECOND, max: Date.UTC(2030, 0, 1) / SECOND }),
        (zone, wallSeconds) => {
          const wall = wallSeconds * SECOND;
          const instant = localToInstant(wall, zone);
          const localOf = (t: number): number => t + DateTime.fromMillis(t, { zone }).offset * 60_000;
          expect(localOf(instant)).toBeGreaterThanOrEqual(wall);
          expect(localOf(instant - 1)).toBeLessThan(wall);
        },
      ),
    );
  });

  it('makes consecutive months meet, each starting at the first instant of its local month', () => {
    const zones = ['Europe/Brussels', 'America/New_York', 'Australia/Sydney', 'America/Asuncion', 'UTC'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: 1990 * 12, max: 2040 * 12 }),
        (zone, index) => {
          const name = (i: number): string =>
            `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
          const month = calendarMonth(name(index), zone);
          expect(calendarMonth(name(index + 1), zone).start).toBe(month.end);
          const localMonth = (t: number): string => DateTime.fromMillis(t, { zone }).toFormat('yyyy-MM');
          expect(localMonth(month.start)).toBe(name(index));
          expect(localMonth(month.start - 1)).toBe(name(index - 1));
          expect(localMonth(month.end - 1)).toBe(name(index));
        },
      ),
    );
  });
});
