/*
 * How the report writes numbers, instants and durations: English (en-GB) through Intl, instants
 * in the report's zone with the zone's abbreviation (a month may hold a change of clock).
 */

const LOCALE = 'en-GB';
const instantFormats = new Map<string, Intl.DateTimeFormat>();
const dayFormat = new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'short', timeZone: 'UTC' });
const monthFormat = new Intl.DateTimeFormat(LOCALE, { month: 'long', year: 'numeric', timeZone: 'UTC' });
const dateFormat = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeZone: 'UTC' });
const integerFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const threeDecimals = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
const upToThreeDecimals = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 3 });

function instantFormat(zone: string): Intl.DateTimeFormat {
  let format = instantFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALE, {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: zone,
      timeZoneName: 'short',
    });
    instantFormats.set(zone, format);
  }
  return format;
}

/** A local date "YYYY-MM-DD" (or month "YYYY-MM") as a UTC instant, for formatting it as is. */
function localDate(text: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(text);
  if (!match) return undefined;
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3] ?? '15')));
}

/** "2026-11" → "November 2026". */
export function monthName(month: string): string {
  const date = localDate(month);
  return date ? monthFormat.format(date) : month;
}

/** Days in a month "YYYY-MM" (0 if it is not one). */
export function daysInMonth(month: string): number {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  return match ? new Date(Date.UTC(Number(match[1]), Number(match[2]), 0)).getUTCDate() : 0;
}

/** An ISO instant in the zone: "3 Nov 2026, 02:00 CET"; text that is no instant is kept as is. */
export function instant(iso: string, zone: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : instantFormat(zone).format(date);
}

/** A date "YYYY-MM-DD" as "3 Nov 2026", an instant as `instant` does. */
export function dateOrInstant(text: string, zone: string): string {
  const date = localDate(text);
  return date ? dateFormat.format(date) : instant(text, zone);
}

/** A local date "YYYY-MM-DD" as "3 Nov". */
export function shortDay(date: string): string {
  const parsed = localDate(date);
  return parsed ? dayFormat.format(parsed) : date;
}

/** The day of the month of "YYYY-MM-DD". */
export function dayNumber(date: string): number {
  return localDate(date)?.getUTCDate() ?? 0;
}

export function integer(value: number): string {
  return integerFormat.format(value);
}

/**
 * A ratio as a percentage with 3 decimals, cut rather than rounded: 0.998999 is "99.899 %", never
 * "99.900 %" beside a "Not met". (The epsilon keeps 0.9995 from flooring to 99.949.)
 */
export function percent(ratio: number): string {
  return `${threeDecimals.format(Math.floor(ratio * 100_000 + 1e-6) / 1000)} %`;
}

/** A target ratio as written in the agreement: 0.999 → "99.9 %". */
export function targetPercent(ratio: number): string {
  return `${upToThreeDecimals.format(ratio * 100)} %`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Seconds in words, to the nearest unit shown: "45 s", "12 min 05 s", "5 min", "2 h 05 min", "1 h",
 * "3 d 4 h".
 * Exact seconds under an hour, where an error budget of 43 min 48 s is read.
 */
export function duration(seconds: number): string {
  if (seconds < 0) return `−${duration(-seconds)}`;
  const s = Math.round(seconds);
  if (s === 0 && seconds > 0) return 'under 1 s';
  if (s < 60) return `${s} s`;
  if (s < 3600) return s % 60 === 0 ? `${s / 60} min` : `${Math.floor(s / 60)} min ${pad(s % 60)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 24 * 60)
    return minutes % 60 === 0
      ? `${minutes / 60} h`
      : `${Math.floor(minutes / 60)} h ${pad(minutes % 60)} min`;
  const hours = Math.round(seconds / 3600);
  return hours % 24 === 0 ? `${hours / 24} d` : `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** Working time in ms as hours and minutes, never days (a working day is not 24 h): "3 h 20 min". */
export function workingDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${pad(minutes % 60)} min`;
}

/** Working time in ms as a number of hours: 57_600_000 → "16". */
export function workingHours(ms: number): string {
  return upToThreeDecimals.format(ms / 3_600_000);
}

/** "€12.50"; an unknown currency code is written after the number. */
export function money(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat(LOCALE, { style: 'currency', currency }).format(amount);
  } catch {
    return `${upToThreeDecimals.format(amount)} ${currency}`;
  }
}
