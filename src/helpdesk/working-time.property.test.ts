import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  businessCalendarSchema,
  localDate,
  openingDay,
  versionAt,
  type BusinessCalendar,
} from './business-calendar.js';
import { addWorkingTime, workingTimeBetween } from './working-time.js';

const H = 3_600_000;

const calendar = (fields: Record<string, unknown>): BusinessCalendar =>
  businessCalendarSchema.parse({ versions: [{ effectiveFrom: '2020-01-01T00:00:00+01:00', ...fields }] });

const split = [
  { from: '09:00', to: '12:00' },
  { from: '13:00', to: '17:00' },
];
const allDay = [{ from: '00:00', to: '24:00' }];

const calendars: [string, BusinessCalendar][] = [
  ['Belgian default', calendar({})],
  [
    'split days with closures',
    calendar({
      weekly: { monday: split, tuesday: split, wednesday: [{ from: '08:30', to: '12:15' }], friday: split },
      closures: [
        { date: '2026-03-30', reason: 'inventory' },
        { date: '2026-10-26', reason: 'inventory' },
      ],
    }),
  ],
  ['24/7 without holidays', calendar({ holidays: null, weekly: { monday: allDay, sunday: allDay } })],
  [
    'evenings up to midnight',
    calendar({
      zone: 'Europe/Brussels',
      weekly: { friday: [{ from: '20:00', to: '24:00' }], monday: split },
    }),
  ],
];

// 2025–2028: several DST changes, Easter holidays and year ends.
const instant = fc.date({
  min: new Date('2025-01-01T00:00:00Z'),
  max: new Date('2028-12-31T00:00:00Z'),
  noInvalidDate: true,
});
const duration = fc.integer({ min: 0, max: 120 * H });

/** Inside an opening interval of the due date, or at the end of one (an interval ending at 24:00 belongs to the day before). */
function insideOrAtEnd(cal: BusinessCalendar, start: Date, due: Date): boolean {
  const version = versionAt(cal, start);
  const date = localDate(version, due);
  const dayBefore = DateTime.fromISO(date, { zone: 'utc' }).minus({ days: 1 }).toISODate() ?? '';
  return [dayBefore, date]
    .flatMap((d) => openingDay(version, d).intervals)
    .some((i) => i.start <= due && due <= i.end);
}

describe.each(calendars)('working-time properties: %s', (_, cal) => {
  it('counts back exactly what it added: workingTimeBetween(start, addWorkingTime(start, d)) = d', () => {
    fc.assert(
      fc.property(instant, duration, (start, d) => {
        expect(workingTimeBetween(cal, start, addWorkingTime(cal, start, d))).toBe(d);
      }),
    );
  });

  it('is monotonic in the duration and in the start', () => {
    fc.assert(
      fc.property(instant, instant, duration, duration, (s1, s2, d1, d2) => {
        const [early, late] = s1 <= s2 ? [s1, s2] : [s2, s1];
        const [short, long] = d1 <= d2 ? [d1, d2] : [d2, d1];
        expect(addWorkingTime(cal, early, short) <= addWorkingTime(cal, early, long)).toBe(true);
        expect(addWorkingTime(cal, early, short) <= addWorkingTime(cal, late, short)).toBe(true);
        expect(addWorkingTime(cal, early, short) >= early).toBe(true);
      }),
    );
  });

  it('is due inside an opening interval or at its end', () => {
    fc.assert(
      fc.property(instant, duration, (start, d) => {
        expect(insideOrAtEnd(cal, start, addWorkingTime(cal, start, d))).toBe(true);
      }),
    );
  });

  it('adds in steps: addWorkingTime(addWorkingTime(s, a), b) = addWorkingTime(s, a + b) for b > 0', () => {
    fc.assert(
      fc.property(instant, duration, fc.integer({ min: 1, max: 60 * H }), (start, a, b) => {
        expect(addWorkingTime(cal, addWorkingTime(cal, start, a), b)).toEqual(
          addWorkingTime(cal, start, a + b),
        );
      }),
    );
  });

  it('splits working time at any instant between: between(a, c) = between(a, b) + between(b, c)', () => {
    const span = fc.integer({ min: 0, max: 45 * 24 * H });
    fc.assert(
      fc.property(instant, span, span, (a, ab, bc) => {
        const b = new Date(a.getTime() + ab);
        const c = new Date(b.getTime() + bc);
        expect(workingTimeBetween(cal, a, c)).toBe(
          workingTimeBetween(cal, a, b) + workingTimeBetween(cal, b, c),
        );
      }),
    );
  });
});
