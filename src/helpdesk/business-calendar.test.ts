import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  businessCalendarSchema,
  openingDay,
  publicHolidays,
  versionAt,
  type BusinessCalendarInput,
  type CalendarVersion,
} from './business-calendar.js';

/** The single version of a calendar (the one in force at any instant). */
const only = (input: BusinessCalendarInput): CalendarVersion =>
  versionAt(businessCalendarSchema.parse(input), new Date());

const belgian = (): CalendarVersion => only({ versions: [{ effectiveFrom: '2020-01-01T00:00:00+01:00' }] });

const intervals = (version: CalendarVersion, date: string): string[] =>
  openingDay(version, date).intervals.map((i) => `${i.start.toISOString()}/${i.end.toISOString()}`);

const problems = (input: unknown): string[] =>
  businessCalendarSchema.safeParse(input).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

const version = (fields: Record<string, unknown>): BusinessCalendarInput => ({
  versions: [{ effectiveFrom: '2026-01-01T00:00:00+01:00', ...fields }],
});

describe('Belgian public holidays', () => {
  // The ten legal public holidays (belgium.be, "Jours fériés"); Easter Monday, Ascension and
  // Whit Monday are Easter + 1, + 39 and + 50 days, computed here from Easter by hand.
  const official = (year: number, easter: string): string[] => {
    const plus = (days: number): string => DateTime.fromISO(easter).plus({ days }).toISODate() ?? '';
    return [
      `${year}-01-01`,
      plus(1),
      `${year}-05-01`,
      plus(39),
      plus(50),
      `${year}-07-21`,
      `${year}-08-15`,
      `${year}-11-01`,
      `${year}-11-11`,
      `${year}-12-25`,
    ];
  };

  it.each([
    [2025, '2025-04-20', ['2025-04-21', '2025-05-29', '2025-06-09']],
    [2026, '2026-04-05', ['2026-04-06', '2026-05-14', '2026-05-25']],
    [2027, '2027-03-28', ['2027-03-29', '2027-05-06', '2027-05-17']],
  ])('%i: date-holidays gives exactly the official list (Easter %s)', (year, easter, easterBased) => {
    expect(official(year, easter).filter((d) => easterBased.includes(d))).toEqual(easterBased);
    expect(publicHolidays({ country: 'BE' }, year).map((h) => h.date)).toEqual(official(year, easter));
  });

  it('names them in English and leaves out observances (Easter Sunday, Whit Sunday, King’s Feast)', () => {
    expect(publicHolidays({ country: 'BE' }, 2026).map((h) => h.name)).toEqual([
      "New Year's Day",
      'Easter Monday',
      'Labour Day',
      'Ascension Day',
      'Whit Monday',
      'National Holiday',
      'Assumption',
      "All Saints' Day",
      'Armistice Day',
      'Christmas Day',
    ]);
  });

  it('closes the whole local day, with the holiday name', () => {
    expect(openingDay(belgian(), '2026-04-06')).toEqual({
      date: '2026-04-06',
      closed: { kind: 'holiday', name: 'Easter Monday' },
      intervals: [],
    });
    expect(openingDay(belgian(), '2026-05-15').closed).toBeNull(); // the Friday after Ascension is a working day
  });
});

describe('opening intervals', () => {
  it('defaults to Europe/Brussels, Monday–Friday 09:00–17:00, Belgian holidays', () => {
    expect(intervals(belgian(), '2026-04-08')).toEqual(['2026-04-08T07:00:00.000Z/2026-04-08T15:00:00.000Z']);
    expect(openingDay(belgian(), '2026-04-11')).toEqual({
      date: '2026-04-11',
      closed: { kind: 'weekend' },
      intervals: [],
    });
  });

  it('keeps wall-clock hours on both sides of a DST change', () => {
    expect(intervals(belgian(), '2026-03-27')).toEqual(['2026-03-27T08:00:00.000Z/2026-03-27T16:00:00.000Z']);
    expect(intervals(belgian(), '2026-03-30')).toEqual(['2026-03-30T07:00:00.000Z/2026-03-30T15:00:00.000Z']);
    expect(intervals(belgian(), '2026-10-23')).toEqual(['2026-10-23T07:00:00.000Z/2026-10-23T15:00:00.000Z']);
    expect(intervals(belgian(), '2026-10-26')).toEqual(['2026-10-26T08:00:00.000Z/2026-10-26T16:00:00.000Z']);
  });

  it('counts real hours on the day of the change itself (00:00–24:00 is 23 h, then 25 h)', () => {
    const allDay = [{ from: '00:00', to: '24:00' }];
    const always = only(version({ holidays: null, weekly: { saturday: allDay, sunday: allDay } }));
    const hours = (date: string): number =>
      openingDay(always, date).intervals.reduce((sum, i) => sum + i.end.getTime() - i.start.getTime(), 0) /
      3_600_000;
    expect([hours('2026-03-28'), hours('2026-03-29'), hours('2026-10-25')]).toEqual([24, 23, 25]);
  });

  it('allows split days', () => {
    const split = only(
      version({
        weekly: {
          monday: [
            { from: '09:00', to: '12:00' },
            { from: '13:00', to: '17:00' },
          ],
        },
      }),
    );
    expect(intervals(split, '2026-06-08')).toEqual([
      '2026-06-08T07:00:00.000Z/2026-06-08T10:00:00.000Z',
      '2026-06-08T11:00:00.000Z/2026-06-08T15:00:00.000Z',
    ]);
    expect(openingDay(split, '2026-06-09').closed).toEqual({ kind: 'weekend' }); // Tuesday not listed: closed
  });

  it('closes closure days with their reason; a holiday or a weekend is named first', () => {
    const closures = [
      { date: '2026-06-10', reason: 'staff training' },
      { date: '2026-05-14', reason: 'bridge' },
      { date: '2026-06-13', reason: 'move' },
    ];
    const withClosures = only(version({ closures }));
    expect(openingDay(withClosures, '2026-06-10').closed).toEqual({
      kind: 'closure',
      reason: 'staff training',
    });
    expect(openingDay(withClosures, '2026-05-14').closed).toEqual({ kind: 'holiday', name: 'Ascension Day' });
    expect(openingDay(withClosures, '2026-06-13').closed).toEqual({ kind: 'weekend' });
  });

  it('accepts a Belgian region and no holidays at all', () => {
    expect(problems(version({ holidays: { country: 'BE', region: 'VLG' } }))).toEqual([]);
    const none = only(version({ holidays: null }));
    expect(openingDay(none, '2026-04-06').closed).toBeNull();
  });

  it('refuses a date that is not YYYY-MM-DD', () => {
    expect(() => openingDay(belgian(), '2026-02-30')).toThrow(/not a calendar date/);
  });
});

describe('calendar validation', () => {
  it('explains each mistake', () => {
    expect(problems(version({ weekly: { monday: [{ from: '13:00', to: '12:00' }] } }))).toEqual([
      'versions.0.weekly.monday.0: opening 13:00–12:00 must end after it starts (use 24:00 for midnight at the end of the day)',
    ]);
    expect(
      problems(
        version({
          weekly: {
            monday: [
              { from: '09:00', to: '12:30' },
              { from: '12:00', to: '17:00' },
            ],
          },
        }),
      ),
    ).toEqual([
      "versions.0.weekly.monday.1: opening 12:00–17:00 starts before 09:00–12:30 ends; list a day's openings in order, without overlap",
    ]);
    expect(problems(version({ weekly: { monday: [{ from: '9:00', to: '17:00' }] } }))).toEqual([
      'versions.0.weekly.monday.0.from: write opening times as HH:mm on a 24-hour clock, from 00:00 to 24:00',
    ]);
    expect(problems(version({ weekly: {} }))).toEqual([
      'versions.0.weekly: the weekly schedule has no opening hours; open at least one interval on one day',
    ]);
    expect(problems(version({ zone: 'Europe/Brusels' }))).toEqual([
      'versions.0.zone: zone is an IANA time zone such as Europe/Brussels',
    ]);
    expect(problems(version({ holidays: { country: 'XX' } }))).toEqual([
      'versions.0.holidays.country: date-holidays knows no country XX',
    ]);
    expect(problems(version({ holidays: { country: 'BE', region: 'NOPE' } }))).toEqual([
      'versions.0.holidays.region: date-holidays knows no region NOPE in BE; known: BRU, DE, VLG, WAL',
    ]);
    expect(problems(version({ closures: [{ date: '2026-02-30', reason: 'x' }] }))).toEqual([
      'versions.0.closures.0.date: a closure date is a calendar date YYYY-MM-DD',
    ]);
    expect(problems(version({ closures: [{ date: '2026-06-10', reason: ' ' }] }))).toEqual([
      'versions.0.closures.0.reason: say why the helpdesk is closed (it is shown to clients)',
    ]);
    const twice = { date: '2026-06-10', reason: 'training' };
    expect(problems(version({ closures: [twice, twice] }))).toEqual([
      'versions.0.closures.1.date: closure 2026-06-10 is listed twice',
    ]);
    expect(problems({ versions: [{ effectiveFrom: '2026-01-01' }] })).toEqual([
      'versions.0.effectiveFrom: effectiveFrom is an instant with its offset, e.g. 2026-01-01T00:00:00+01:00',
    ]);
    expect(problems({ versions: [] })).toEqual(['versions: a business calendar needs at least one version']);
  });

  it('refuses two versions taking effect at the same instant', () => {
    expect(
      problems({
        versions: [{ effectiveFrom: '2026-01-01T00:00:00+01:00' }, { effectiveFrom: '2025-12-31T23:00:00Z' }],
      }),
    ).toEqual([
      'versions.1.effectiveFrom: two versions take effect at 2025-12-31T23:00:00.000Z; give each version its own effectiveFrom',
    ]);
  });
});

describe('versions', () => {
  const calendar = businessCalendarSchema.parse({
    versions: [
      { effectiveFrom: '2026-07-01T00:00:00+02:00', zone: 'Europe/Paris' },
      { effectiveFrom: '2026-01-01T00:00:00+01:00' },
    ],
  });

  it('are kept in order of effectiveFrom', () => {
    expect(calendar.versions.map((v) => v.zone)).toEqual(['Europe/Brussels', 'Europe/Paris']);
  });

  it('the version in force at an instant is the last one that took effect at or before it', () => {
    expect(versionAt(calendar, new Date('2026-06-30T21:59:59.999Z')).zone).toBe('Europe/Brussels');
    expect(versionAt(calendar, new Date('2026-06-30T22:00:00.000Z')).zone).toBe('Europe/Paris');
    expect(versionAt(calendar, new Date('2025-06-01T00:00:00Z')).zone).toBe('Europe/Brussels'); // before all: the first
  });
});
