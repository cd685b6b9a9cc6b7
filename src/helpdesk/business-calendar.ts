import Holidays from 'date-holidays';
import { DateTime, IANAZone, type WeekdayNumbers } from 'luxon';
import { z } from 'zod';

/*
 * A business calendar says when the helpdesk counts working time: weekly opening hours in an IANA
 * zone, minus legal public holidays and closure days added by hand. It is data (stored, shown,
 * audited) and it is versioned: a change is a new version with a later `effectiveFrom`, never an
 * edit. A ticket is computed with the version in force at its reception instant (`versionAt`),
 * for its whole life, so a deadline once computed never moves.
 */

/** Index + 1 is the ISO weekday (luxon's `weekday`): monday = 1 … sunday = 7. */
export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const CLOCK = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

const clock = z.string().regex(CLOCK, {
  error: 'write opening times as HH:mm on a 24-hour clock, from 00:00 to 24:00',
});

const minuteOfDay = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

const opening = z
  .strictObject({ from: clock, to: clock })
  // Only once both times are well written; a badly written one has its own message.
  .refine((o) => !CLOCK.test(o.from) || !CLOCK.test(o.to) || minuteOfDay(o.to) > minuteOfDay(o.from), {
    error: (issue) => {
      const o = issue.input as { from: string; to: string };
      return `opening ${o.from}–${o.to} must end after it starts (use 24:00 for midnight at the end of the day)`;
    },
  });

// Split days are several openings; they must be listed in order and may touch but not overlap.
const day = z
  .array(opening)
  .max(24)
  .superRefine((openings, ctx) => {
    openings.forEach((o, i) => {
      const previous = i > 0 ? openings[i - 1] : undefined;
      if (previous !== undefined && minuteOfDay(o.from) < minuteOfDay(previous.to)) {
        ctx.addIssue({
          code: 'custom',
          path: [i],
          message: `opening ${o.from}–${o.to} starts before ${previous.from}–${previous.to} ends; list a day's openings in order, without overlap`,
        });
      }
    });
  });

const weekly = z
  .strictObject({
    monday: day.default([]),
    tuesday: day.default([]),
    wednesday: day.default([]),
    thursday: day.default([]),
    friday: day.default([]),
    saturday: day.default([]),
    sunday: day.default([]),
  })
  .refine((w) => WEEKDAYS.some((d) => w[d].length > 0), {
    error: 'the weekly schedule has no opening hours; open at least one interval on one day',
  });

export type WeeklySchedule = z.output<typeof weekly>;

const nineToFive = [{ from: '09:00', to: '17:00' }];

/** Monday–Friday 09:00–17:00, the default of the issue. */
export const DEFAULT_WEEKLY: WeeklySchedule = {
  monday: nineToFive,
  tuesday: nineToFive,
  wednesday: nineToFive,
  thursday: nineToFive,
  friday: nineToFive,
  saturday: [],
  sunday: [],
};

const countries = new Holidays().getCountries();

const holidaySource = z
  .strictObject({
    country: z.string().regex(/^[A-Z]{2}$/, { error: 'holidays.country is an ISO 3166-1 code such as BE' }),
    region: z.string().min(1).optional(),
  })
  .superRefine((source, ctx) => {
    if (!(source.country in countries)) {
      ctx.addIssue({
        code: 'custom',
        path: ['country'],
        message: `date-holidays knows no country ${source.country}`,
      });
      return;
    }
    // date-holidays answers undefined for a country without regions, although its types say otherwise.
    const regions = new Holidays().getStates(source.country) as Record<string, string> | undefined;
    if (source.region !== undefined && !(source.region in (regions ?? {}))) {
      ctx.addIssue({
        code: 'custom',
        path: ['region'],
        message: `date-holidays knows no region ${source.region} in ${source.country}; known: ${Object.keys(regions ?? {}).join(', ') || 'none'}`,
      });
    }
  });

export type HolidaySource = z.output<typeof holidaySource>;

const closure = z.strictObject({
  date: z.iso.date({ error: 'a closure date is a calendar date YYYY-MM-DD' }),
  reason: z
    .string()
    .trim()
    .min(1, { error: 'say why the helpdesk is closed (it is shown to clients)' })
    .max(200),
});

export const calendarVersionSchema = z.strictObject({
  effectiveFrom: z.union([z.date(), z.iso.datetime({ offset: true }).transform((s) => new Date(s))], {
    error: 'effectiveFrom is an instant with its offset, e.g. 2026-01-01T00:00:00+01:00',
  }),
  zone: z
    .string()
    .refine((zone) => IANAZone.isValidZone(zone), {
      error: 'zone is an IANA time zone such as Europe/Brussels',
    })
    .default('Europe/Brussels'),
  weekly: weekly.default(DEFAULT_WEEKLY),
  /** Legal public holidays of this country (and region) close the day; null: none. */
  holidays: holidaySource.nullable().default({ country: 'BE' }),
  closures: z
    .array(closure)
    .default([])
    .superRefine((closures, ctx) => {
      const seen = new Set<string>();
      closures.forEach((c, i) => {
        if (seen.has(c.date)) {
          ctx.addIssue({ code: 'custom', path: [i, 'date'], message: `closure ${c.date} is listed twice` });
        }
        seen.add(c.date);
      });
    }),
});

export type CalendarVersion = z.output<typeof calendarVersionSchema>;

export const businessCalendarSchema = z.strictObject({
  versions: z
    .array(calendarVersionSchema)
    .min(1, { error: 'a business calendar needs at least one version' })
    .superRefine((versions, ctx) => {
      const seen = new Set<number>();
      versions.forEach((v, i) => {
        const at = v.effectiveFrom.getTime();
        if (seen.has(at)) {
          ctx.addIssue({
            code: 'custom',
            path: [i, 'effectiveFrom'],
            message: `two versions take effect at ${v.effectiveFrom.toISOString()}; give each version its own effectiveFrom`,
          });
        }
        seen.add(at);
      });
    })
    .transform((versions) =>
      [...versions].sort((a, b) => a.effectiveFrom.getTime() - b.effectiveFrom.getTime()),
    ),
});

export type BusinessCalendarInput = z.input<typeof businessCalendarSchema>;
/** Versions sorted by effectiveFrom. */
export type BusinessCalendar = z.output<typeof businessCalendarSchema>;

/**
 * The version that governs a ticket: the last one whose effectiveFrom is at or before the ticket's
 * reception instant. It is used for the ticket's whole life, even when a later version takes
 * effect before its deadline. Instants before the first version use the first version.
 */
export function versionAt(calendar: BusinessCalendar, receivedAt: Date): CalendarVersion {
  const at = receivedAt.getTime();
  const [first, ...later] = calendar.versions;
  if (first === undefined) throw new RangeError('a business calendar needs at least one version');
  return later.reduce((found, v) => (v.effectiveFrom.getTime() <= at ? v : found), first);
}

export interface PublicHoliday {
  date: string;
  name: string;
}

const holidayCache = new Map<string, ReadonlyMap<string, string>>();

/**
 * The legal public holidays (date-holidays type `public`; observances, school and bank holidays
 * are not days off) of a year, by local date, with their English names. A holiday closes its
 * whole local day.
 */
export function publicHolidays(source: HolidaySource, year: number): PublicHoliday[] {
  return [...holidaysOfYear(source, year)].map(([date, name]) => ({ date, name }));
}

function holidaysOfYear(source: HolidaySource, year: number): ReadonlyMap<string, string> {
  const key = `${source.country}/${source.region ?? ''}/${year}`;
  const cached = holidayCache.get(key);
  if (cached !== undefined) return cached;
  const library =
    source.region === undefined
      ? new Holidays(source.country, { languages: ['en'] })
      : new Holidays(source.country, source.region, { languages: ['en'] });
  const byDate = new Map<string, string>();
  for (const holiday of library.getHolidays(year, 'en')) {
    // `date` is the local "YYYY-MM-DD hh:mm:ss"; its day is what closes.
    if (holiday.type === 'public' && !byDate.has(holiday.date.slice(0, 10))) {
      byDate.set(holiday.date.slice(0, 10), holiday.name);
    }
  }
  holidayCache.set(key, byDate);
  return byDate;
}

/** Why a local day has no opening: no weekly hours that weekday, a public holiday, or a closure. */
export type ClosedReason =
  { kind: 'weekend' } | { kind: 'holiday'; name: string } | { kind: 'closure'; reason: string };

export interface Interval {
  start: Date;
  end: Date;
}

export interface OpeningDay {
  /** Local date in the calendar's zone, YYYY-MM-DD. */
  date: string;
  closed: ClosedReason | null;
  /** Instants, in order; empty when closed. */
  intervals: Interval[];
}

const WEEKDAY_OF: Record<WeekdayNumbers, Weekday> = {
  1: 'monday',
  2: 'tuesday',
  3: 'wednesday',
  4: 'thursday',
  5: 'friday',
  6: 'saturday',
  7: 'sunday',
};

/** Why the day is closed, checked in this order: weekend, then holiday, then closure. */
function closedReason(version: CalendarVersion, local: DateTime<true>): ClosedReason | null {
  const date = local.toISODate();
  if (version.weekly[WEEKDAY_OF[local.weekday]].length === 0) return { kind: 'weekend' };
  const holiday =
    version.holidays === null ? undefined : holidaysOfYear(version.holidays, local.year).get(date);
  if (holiday !== undefined) return { kind: 'holiday', name: holiday };
  const closure = version.closures.find((c) => c.date === date);
  if (closure !== undefined) return { kind: 'closure', reason: closure.reason };
  return null;
}

function openingOf(version: CalendarVersion, local: DateTime<true>): OpeningDay {
  const date = local.toISODate();
  const closed = closedReason(version, local);
  if (closed !== null) return { date, closed, intervals: [] };
  const { year, month, day } = local;
  const at = (time: string): Date =>
    time === '24:00'
      ? local.startOf('day').plus({ days: 1 }).toJSDate()
      : DateTime.fromObject(
          { year, month, day, hour: Number(time.slice(0, 2)), minute: Number(time.slice(3, 5)) },
          { zone: version.zone },
        ).toJSDate();
  const intervals = version.weekly[WEEKDAY_OF[local.weekday]]
    .map((o) => ({ start: at(o.from), end: at(o.to) }))
    .filter((i) => i.end > i.start);
  return { date, closed: null, intervals };
}

/**
 * The opening intervals of a local date (YYYY-MM-DD) as instants. Local times become instants with
 * luxon in the calendar's zone, so a day of a DST change keeps its wall-clock hours (09:00–17:00
 * is 8 real hours on either side of the change); an opening that spans the change itself lasts an
 * hour more or less, and a time inside the spring gap moves forward an hour (luxon's rule).
 */
export function openingDay(version: CalendarVersion, date: string): OpeningDay {
  const local = DateTime.fromISO(date, { zone: version.zone });
  if (!local.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    throw new RangeError(`${date} is not a calendar date (YYYY-MM-DD)`);
  }
  return openingOf(version, local);
}

/** Local days one after another, from the local date of `instant` in the calendar's zone, without end. */
export function* openingDaysFrom(version: CalendarVersion, instant: Date): Generator<OpeningDay, never> {
  let local = DateTime.fromJSDate(instant, { zone: version.zone }).startOf('day');
  for (;;) {
    if (!local.isValid) {
      throw new RangeError(`${instant.toISOString()} is outside the dates luxon can handle`);
    }
    yield openingOf(version, local);
    local = local.plus({ days: 1 });
  }
}

/** The local date (YYYY-MM-DD) of an instant in the calendar's zone. */
export function localDate(version: CalendarVersion, instant: Date): string {
  const local = DateTime.fromJSDate(instant, { zone: version.zone });
  if (!local.isValid) throw new RangeError(`${String(instant)} is not a valid instant`);
  return local.toISODate();
}
