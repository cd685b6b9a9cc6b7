import { describe, expect, it } from 'vitest';
import { businessCalendarSchema, type BusinessCalendar } from './business-calendar.js';
import { addWorkingTime, explainDeadline, thresholdInstant, workingTimeBetween } from './working-time.js';

const H = 3_600_000;
const at = (iso: string): Date => new Date(iso);

/** One version in force since 2020; the defaults are Europe/Brussels, Mon–Fri 09:00–17:00, BE holidays. */
const calendar = (fields: Record<string, unknown> = {}): BusinessCalendar =>
  businessCalendarSchema.parse({ versions: [{ effectiveFrom: '2020-01-01T00:00:00+01:00', ...fields }] });

const belgian = calendar();
const sentence = (cal: BusinessCalendar, received: string, hours: number): string =>
  explainDeadline(cal, at(received), hours * H).sentence;

describe('the example of the issue', () => {
  const received = at('2026-04-03T16:30:00+02:00'); // Friday before Easter Monday 2026-04-06

  it('received Fri 16:30 with 8 working hours is due Tue 16:30', () => {
    expect(addWorkingTime(belgian, received, 8 * H)).toEqual(at('2026-04-07T16:30:00+02:00'));
  });

  it('explains it in words and in data', () => {
    const explanation = explainDeadline(belgian, received, 8 * H);
    expect(explanation.sentence).toBe(
      'received Fri 16:30 → 0:30 counted Friday; Mon is Easter Monday; 7:30 counted Tuesday → due Tue 16:30',
    );
    expect(explanation.days).toEqual([
      { date: '2026-04-03', countedMs: 0.5 * H, closed: null },
      { date: '2026-04-04', countedMs: 0, closed: { kind: 'weekend' } },
      { date: '2026-04-05', countedMs: 0, closed: { kind: 'weekend' } },
      { date: '2026-04-06', countedMs: 0, closed: { kind: 'holiday', name: 'Easter Monday' } },
      { date: '2026-04-07', countedMs: 7.5 * H, closed: null },
    ]);
    expect(explanation.zone).toBe('Europe/Brussels');
  });

  it('gives the 50, 75 and 90 % warnings, rounded up to the millisecond', () => {
    expect([50, 75, 90, 100].map((p) => thresholdInstant(belgian, received, 8 * H, p))).toEqual([
      at('2026-04-07T12:30:00+02:00'),
      at('2026-04-07T14:30:00+02:00'),
      at('2026-04-07T15:42:00+02:00'), // 7 h 12 min counted
      at('2026-04-07T16:30:00+02:00'),
    ]);
    expect(thresholdInstant(belgian, at('2026-04-08T10:00:00+02:00'), 1, 50)).toEqual(
      at('2026-04-08T10:00:00.001+02:00'),
    );
    expect(() => thresholdInstant(belgian, received, 8 * H, 0)).toThrow(RangeError);
    expect(() => thresholdInstant(belgian, received, 8 * H, 101)).toThrow(RangeError);
  });
});

describe('received outside working hours: counting starts at the next opening', () => {
  it.each([
    [
      'on a Saturday',
      '2026-03-07T10:00:00+01:00',
      'received Sat 10:00 → 8:00 counted Monday → due Mon 17:00',
    ],
    ['at 07:00', '2026-03-10T07:00:00+01:00', 'received Tue 07:00 → 8:00 counted Tuesday → due Tue 17:00'],
    ['at 18:00', '2026-03-10T18:00:00+01:00', 'received Tue 18:00 → 8:00 counted Wednesday → due Wed 17:00'],
    [
      'at 17:00 sharp',
      '2026-03-13T17:00:00+01:00',
      'received Fri 17:00 → 8:00 counted Monday → due Mon 17:00',
    ],
  ])('%s', (_, received, expected) => {
    expect(sentence(belgian, received, 8)).toBe(expected);
  });

  it('a zero target is due when counting starts', () => {
    expect(addWorkingTime(belgian, at('2026-03-10T11:00:00+01:00'), 0)).toEqual(
      at('2026-03-10T11:00:00+01:00'),
    );
    expect(addWorkingTime(belgian, at('2026-03-10T18:00:00+01:00'), 0)).toEqual(
      at('2026-03-11T09:00:00+01:00'),
    );
  });

  it('a target that ends at closing time is due at closing time, not the next morning', () => {
    expect(addWorkingTime(belgian, at('2026-03-09T09:00:00+01:00'), 8 * H)).toEqual(
      at('2026-03-09T17:00:00+01:00'),
    );
  });
});

describe('DST changes (Sundays 2026-03-29 and 2026-10-25)', () => {
  it('40 working hours across the spring change end at 17:00 local, not an hour off', () => {
    const received = at('2026-03-27T09:00:00+01:00');
    const due = addWorkingTime(belgian, received, 40 * H);
    expect(due).toEqual(at('2026-04-02T17:00:00+02:00'));
    expect(due.toISOString()).toBe('2026-04-02T15:00:00.000Z');
    expect(workingTimeBetween(belgian, received, due)).toBe(40 * H);
  });

  it('40 working hours across the autumn change', () => {
    const received = at('2026-10-22T13:00:00+02:00');
    const due = addWorkingTime(belgian, received, 40 * H);
    expect(due.toISOString()).toBe('2026-10-29T12:00:00.000Z'); // Thu 13:00 CET
    expect(workingTimeBetween(belgian, received, due)).toBe(40 * H);
  });

  it('a week of openings across the change is 48 working hours, whatever the clock did', () => {
    expect(
      workingTimeBetween(belgian, at('2026-03-27T09:00:00+01:00'), at('2026-04-03T17:00:00+02:00')),
    ).toBe(48 * H);
  });

  it('an opening that spans the change counts real hours (24/7 calendar: 24 h later, clocks say 13:00)', () => {
    const allDay = [{ from: '00:00', to: '24:00' }];
    const always = calendar({
      holidays: null,
      weekly: Object.fromEntries(
        ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((d) => [
          d,
          allDay,
        ]),
      ),
    });
    expect(addWorkingTime(always, at('2026-03-28T12:00:00+01:00'), 24 * H)).toEqual(
      at('2026-03-29T13:00:00+02:00'),
    );
  });
});

describe('split days', () => {
  const morningAndAfternoon = [
    { from: '09:00', to: '12:00' },
    { from: '13:00', to: '17:00' },
  ];
  const split = calendar({
    weekly: Object.fromEntries(
      ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((d) => [d, morningAndAfternoon]),
    ),
  });

  it('skips the lunch break', () => {
    expect(sentence(split, '2026-06-08T11:00:00+02:00', 2)).toBe(
      'received Mon 11:00 → 2:00 counted Monday → due Mon 14:00',
    );
    expect(addWorkingTime(split, at('2026-06-08T12:30:00+02:00'), 0.5 * H)).toEqual(
      at('2026-06-08T13:30:00+02:00'),
    );
    expect(workingTimeBetween(split, at('2026-06-08T11:30:00+02:00'), at('2026-06-08T13:30:00+02:00'))).toBe(
      H,
    );
  });

  it('a target ending at the break is due at 12:00', () => {
    expect(addWorkingTime(split, at('2026-06-08T11:00:00+02:00'), H)).toEqual(
      at('2026-06-08T12:00:00+02:00'),
    );
  });

  it('40 hours of 7-hour days end the next Monday at 15:00', () => {
    expect(addWorkingTime(split, at('2026-06-08T09:00:00+02:00'), 40 * H)).toEqual(
      at('2026-06-15T15:00:00+02:00'),
    );
  });
});

describe('closure days', () => {
  const closed = calendar({ closures: [{ date: '2026-06-10', reason: 'staff training' }] });

  it('are skipped and named', () => {
    expect(addWorkingTime(closed, at('2026-06-09T16:00:00+02:00'), 8 * H)).toEqual(
      at('2026-06-11T16:00:00+02:00'),
    );
    expect(sentence(closed, '2026-06-09T16:00:00+02:00', 8)).toBe(
      'received Tue 16:00 → 1:00 counted Tuesday; Wed closed (staff training); 7:00 counted Thursday → due Thu 16:00',
    );
  });

  it('a calendar that never opens again is an error, not an endless loop', () => {
    const mondays = Array.from({ length: 60 }, (_, week) => ({
      date: new Date(Date.UTC(2026, 0, 5 + 7 * week)).toISOString().slice(0, 10),
      reason: 'closed',
    }));
    const never = calendar({ weekly: { monday: [{ from: '09:00', to: '17:00' }] }, closures: mondays });
    expect(() => addWorkingTime(never, at('2026-01-01T00:00:00Z'), H)).toThrow(/no opening for a year/);
  });
});

describe('effective-dated versions', () => {
  const before = { effectiveFrom: '2020-01-01T00:00:00+01:00' };
  const moveOnTuesday = {
    effectiveFrom: '2026-04-03T12:00:00+02:00',
    closures: [{ date: '2026-04-07', reason: 'office move' }],
  };
  const original = businessCalendarSchema.parse({ versions: [before] });
  const changed = businessCalendarSchema.parse({ versions: [before, moveOnTuesday] });
  const earlyTicket = at('2026-04-03T10:00:00+02:00');

  it('a change effective later does not move a deadline computed before it', () => {
    expect(addWorkingTime(original, earlyTicket, 8 * H)).toEqual(at('2026-04-07T10:00:00+02:00'));
    expect(addWorkingTime(changed, earlyTicket, 8 * H)).toEqual(at('2026-04-07T10:00:00+02:00'));
    expect(workingTimeBetween(changed, earlyTicket, at('2026-04-08T12:00:00+02:00'))).toBe(18 * H);
  });

  it('a ticket received once the change is in force follows it', () => {
    expect(sentence(changed, '2026-04-03T13:00:00+02:00', 8)).toBe(
      'received Fri 13:00 → 4:00 counted Friday; Mon is Easter Monday; Tue closed (office move); 4:00 counted Wednesday → due Wed 13:00',
    );
  });
});

describe('working time between two instants', () => {
  it('counts only openings, across weekends and holidays', () => {
    expect(
      workingTimeBetween(belgian, at('2026-04-03T16:00:00+02:00'), at('2026-04-07T10:00:00+02:00')),
    ).toBe(2 * H);
    expect(
      workingTimeBetween(belgian, at('2026-04-04T10:00:00+02:00'), at('2026-04-05T10:00:00+02:00')),
    ).toBe(0);
    expect(
      workingTimeBetween(belgian, at('2026-04-08T10:00:00+02:00'), at('2026-04-08T10:00:00.001+02:00')),
    ).toBe(1);
  });

  it('is 0 when `to` is not after `from`', () => {
    expect(
      workingTimeBetween(belgian, at('2026-04-08T12:00:00+02:00'), at('2026-04-08T10:00:00+02:00')),
    ).toBe(0);
  });
});

describe('explanations', () => {
  it('add dates once the span reaches a week', () => {
    expect(sentence(belgian, '2026-03-30T10:00:00+02:00', 40)).toBe(
      'received Mon 30 Mar 10:00 → 7:00 counted Monday 30 Mar; 8:00 counted Tuesday 31 Mar; ' +
        '8:00 counted Wednesday 1 Apr; 8:00 counted Thursday 2 Apr; 8:00 counted Friday 3 Apr; ' +
        'Mon 6 Apr is Easter Monday; 1:00 counted Tuesday 7 Apr → due Tue 7 Apr 10:00',
    );
  });

  it('show seconds only when there are some', () => {
    const explanation = explainDeadline(belgian, at('2026-03-30T16:30:27+02:00'), 8 * H);
    expect(explanation.sentence).toBe(
      'received Mon 16:30:27 → 0:29:33 counted Monday; 7:30:27 counted Tuesday → due Tue 16:30:27',
    );
  });
});

describe('durations', () => {
  it.each([-1, 0.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses %s ms', (ms) => {
    expect(() => addWorkingTime(belgian, at('2026-03-30T10:00:00+02:00'), ms)).toThrow(RangeError);
  });
});
