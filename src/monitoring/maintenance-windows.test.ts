import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  expandRecurring,
  expandWindows,
  type MaintenanceWindow,
  type RecurringWindow,
  windowsForClient,
} from './maintenance-windows.js';

const HOUR = 3_600_000;
const utc = (iso: string): number => Date.parse(iso);
const platform = { kind: 'platform' } as const;
const year2026 = { start: utc('2026-01-01T00:00:00Z'), end: utc('2027-01-01T00:00:00Z') };
const recurring = (overrides: Partial<RecurringWindow>): RecurringWindow => ({
  kind: 'recurring',
  rrule: 'FREQ=MONTHLY;BYDAY=1SU',
  firstDate: '2026-01-01',
  localStart: '02:00',
  durationMinutes: 120,
  timeZone: 'Europe/Brussels',
  scope: platform,
  ...overrides,
});
const asIso = (windows: MaintenanceWindow[]): string[][] =>
  windows.map(({ start, end }) => [new Date(start).toISOString(), new Date(end).toISOString()]);
const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('recurring maintenance windows', () => {
  it('expands "every first Sunday 02:00–04:00 Europe/Brussels" over 2026: 02:00 local, winter and summer', () => {
    const windows = expandRecurring(recurring({}), year2026);
    expect(asIso(windows)).toEqual([
      ['2026-01-04T01:00:00.000Z', '2026-01-04T03:00:00.000Z'],
      ['2026-02-01T01:00:00.000Z', '2026-02-01T03:00:00.000Z'],
      ['2026-03-01T01:00:00.000Z', '2026-03-01T03:00:00.000Z'],
      ['2026-04-05T00:00:00.000Z', '2026-04-05T02:00:00.000Z'], // CEST from 29 March
      ['2026-05-03T00:00:00.000Z', '2026-05-03T02:00:00.000Z'],
      ['2026-06-07T00:00:00.000Z', '2026-06-07T02:00:00.000Z'],
      ['2026-07-05T00:00:00.000Z', '2026-07-05T02:00:00.000Z'],
      ['2026-08-02T00:00:00.000Z', '2026-08-02T02:00:00.000Z'],
      ['2026-09-06T00:00:00.000Z', '2026-09-06T02:00:00.000Z'],
      ['2026-10-04T00:00:00.000Z', '2026-10-04T02:00:00.000Z'], // CET only from 25 October
      ['2026-11-01T01:00:00.000Z', '2026-11-01T03:00:00.000Z'],
      ['2026-12-06T01:00:00.000Z', '2026-12-06T03:00:00.000Z'],
    ]);
    for (const { start, end, scope } of windows) {
      expect(DateTime.fromMillis(start, { zone: 'Europe/Brussels' }).toFormat('ccc HH:mm')).toBe('Sun 02:00');
      expect(end - start).toBe(2 * HOUR);
      expect(scope).toEqual(platform);
    }
  });

  it('keeps the wall-clock span on the spring-forward night: 02:00–04:00 lasts one hour', () => {
    const lastSundayOfMarch = recurring({ rrule: 'FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU' });
    expect(asIso(expandRecurring(lastSundayOfMarch, year2026))).toEqual([
      ['2026-03-29T01:00:00.000Z', '2026-03-29T02:00:00.000Z'], // 03:00–04:00 CEST
    ]);
  });

  it('drops a window that lies wholly in the skipped hour: the clock never shows it', () => {
    const skipped = recurring({
      rrule: 'FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
      localStart: '02:15',
      durationMinutes: 30,
    });
    expect(expandRecurring(skipped, year2026)).toEqual([]);
    // Ending in the gap: the window ends at the change (03:00 CEST).
    const endsInGap = recurring({
      rrule: 'FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
      localStart: '01:30',
      durationMinutes: 60,
    });
    expect(asIso(expandRecurring(endsInGap, year2026))).toEqual([
      ['2026-03-29T00:30:00.000Z', '2026-03-29T01:00:00.000Z'],
    ]);
  });

  it('covers the repeated hour on the autumn night: 02:00–04:00 lasts three hours, from the first 02:00', () => {
    const lastSundayOfOctober = recurring({ rrule: 'FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU' });
    expect(asIso(expandRecurring(lastSundayOfOctober, year2026))).toEqual([
      ['2026-10-25T00:00:00.000Z', '2026-10-25T03:00:00.000Z'], // 02:00 CEST – 04:00 CET
    ]);
    const insideOverlap = recurring({
      rrule: 'FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
      localStart: '02:15',
      durationMinutes: 30,
    });
    expect(asIso(expandRecurring(insideOverlap, year2026))).toEqual([
      ['2026-10-25T00:15:00.000Z', '2026-10-25T00:45:00.000Z'],
    ]);
  });

  it('returns whole windows that overlap the range, and none before the first date', () => {
    const daily = recurring({
      rrule: 'FREQ=DAILY',
      firstDate: '2026-06-10',
      localStart: '23:00',
      durationMinutes: 120,
    });
    // 10 June 23:00 CEST = 21:00Z to 23:00Z; the range starts inside the first window.
    const range = { start: utc('2026-06-01T00:00:00Z'), end: utc('2026-06-11T21:00:00Z') };
    expect(asIso(expandRecurring(daily, { ...range, start: utc('2026-06-10T22:00:00Z') }))).toEqual([
      ['2026-06-10T21:00:00.000Z', '2026-06-10T23:00:00.000Z'],
    ]);
    expect(expandRecurring(daily, range)).toHaveLength(1); // the 11 June one starts at the range's end
  });

  it('honours COUNT, UNTIL and INTERVAL from the first date', () => {
    expect(expandRecurring(recurring({ rrule: 'FREQ=MONTHLY;BYDAY=1SU;COUNT=3' }), year2026)).toHaveLength(3);
    expect(
      expandRecurring(recurring({ rrule: 'FREQ=MONTHLY;BYDAY=1SU;UNTIL=20260601T000000Z' }), year2026),
    ).toHaveLength(5);
    const fortnightly = expandRecurring(
      recurring({ rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=SU', firstDate: '2026-01-04' }),
      year2026,
    );
    expect(fortnightly).toHaveLength(26);
    expect(asIso(fortnightly.slice(0, 2))).toEqual([
      ['2026-01-04T01:00:00.000Z', '2026-01-04T03:00:00.000Z'],
      ['2026-01-18T01:00:00.000Z', '2026-01-18T03:00:00.000Z'],
    ]);
  });

  it('refuses rules and fields it cannot honour, saying what to write', () => {
    const cases: [Partial<RecurringWindow>, string][] = [
      [{ rrule: 'every sunday' }, 'invalid_maintenance_rule'],
      [{ rrule: '' }, 'invalid_maintenance_rule'],
      [{ rrule: 'FREQ=HOURLY' }, 'invalid_maintenance_rule'],
      [{ rrule: 'FREQ=DAILY;BYHOUR=3' }, 'invalid_maintenance_rule'],
      [{ rrule: 'DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY' }, 'invalid_maintenance_rule'],
      [{ rrule: 'FREQ=WEEKLY;BYDAY=XX' }, 'invalid_maintenance_rule'],
      [{ localStart: '24:00' }, 'invalid_maintenance_window'],
      [{ localStart: '2:00' }, 'invalid_maintenance_window'],
      [{ firstDate: '2026-02-30' }, 'invalid_maintenance_window'],
      [{ durationMinutes: 0 }, 'invalid_maintenance_window'],
      [{ durationMinutes: 1.5 }, 'invalid_maintenance_window'],
      [{ timeZone: 'Europe/Bruxelles' }, 'unknown_time_zone'],
    ];
    for (const [overrides, expected] of cases) {
      expect(
        code(() => expandRecurring(recurring(overrides), year2026)),
        JSON.stringify(overrides),
      ).toBe(expected);
    }
    expect(() => expandRecurring(recurring({ rrule: 'FREQ=HOURLY' }), year2026)).toThrow(
      /FREQ=MONTHLY;BYDAY=1SU/,
    );
  });

  it('starts every window at the local start time, or at the change when the clock skips it', () => {
    const zones = [
      'Europe/Brussels',
      'America/New_York',
      'Australia/Lord_Howe',
      'America/Santiago',
      'Asia/Kolkata',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 23 }),
        fc.constantFrom(0, 15, 30, 45),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: Date.UTC(2024, 0, 1) / HOUR, max: Date.UTC(2030, 0, 1) / HOUR }),
        (timeZone, hour, minute, durationMinutes, startHour) => {
          const localStart = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
          const range = { start: startHour * HOUR, end: startHour * HOUR + 60 * 24 * HOUR };
          const windows = expandRecurring(
            recurring({
              rrule: 'FREQ=DAILY',
              firstDate: '2023-12-01',
              localStart,
              durationMinutes,
              timeZone,
            }),
            range,
          );
          expect(windows.length).toBeGreaterThanOrEqual(59);
          for (const { start, end } of windows) {
            expect(start < range.end && end > range.start && start < end).toBe(true);
            const local = DateTime.fromMillis(start, { zone: timeZone });
            const skipped = DateTime.fromMillis(start - 1, { zone: timeZone }).offset < local.offset;
            if (!skipped) expect(local.toFormat('HH:mm')).toBe(localStart);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('one-off windows and scopes', () => {
  it('passes one-off windows through when they overlap the range, sorted with the recurring ones', () => {
    const oneOff = {
      kind: 'one_off',
      start: utc('2026-11-10T20:00:00Z'),
      end: utc('2026-11-10T21:00:00Z'),
      scope: platform,
    } as const;
    const november = { start: utc('2026-10-31T23:00:00Z'), end: utc('2026-11-30T23:00:00Z') };
    expect(asIso(expandWindows([oneOff, recurring({})], november))).toEqual([
      ['2026-11-01T01:00:00.000Z', '2026-11-01T03:00:00.000Z'],
      ['2026-11-10T20:00:00.000Z', '2026-11-10T21:00:00.000Z'],
    ]);
    expect(expandWindows([oneOff], { start: 0, end: utc('2026-11-10T20:00:00Z') })).toEqual([]);
    expect(code(() => expandWindows([{ ...oneOff, end: oneOff.start }], november))).toBe(
      'invalid_maintenance_window',
    );
  });

  it('keeps the windows of the platform, of the client and of its monitors', () => {
    const at = { start: 0, end: 1 };
    const windows: MaintenanceWindow[] = [
      { ...at, scope: platform },
      { ...at, scope: { kind: 'client', clientId: 'dupont' } },
      { ...at, scope: { kind: 'client', clientId: 'martin' } },
      { ...at, scope: { kind: 'monitor', monitorId: 'dupont-db' } },
      { ...at, scope: { kind: 'monitor', monitorId: 'martin-db' } },
    ];
    expect(windowsForClient(windows, 'dupont', ['dupont-app', 'dupont-db']).map((w) => w.scope)).toEqual([
      platform,
      { kind: 'client', clientId: 'dupont' },
      { kind: 'monitor', monitorId: 'dupont-db' },
    ]);
  });
});
