/** Words and numbers of the Availability section: percentages, minutes, months. */

/** The zone of the agreement: its months and days are those of Brussels. */
export const AGREEMENT_TIME_ZONE = 'Europe/Brussels';

const percent = new Intl.NumberFormat(undefined, { maximumFractionDigits: 3 });

/**
 * A ratio as a percentage to three decimals, rounded down: a month with any downtime never
 * reads "100 %".
 */
export function formatPercent(ratio: number): string {
  return `${percent.format(Math.floor(ratio * 100_000) / 1000)} %`;
}

const minutes = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

/** Seconds as minutes, to a tenth: "43,200 min", "2.5 min", "−3.2 min". */
export function formatMinutes(seconds: number): string {
  return `${minutes.format(seconds / 60).replace('-', '−')} min`;
}

const milliseconds = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

export function formatMilliseconds(ms: number): string {
  return `${milliseconds.format(ms)} ms`;
}

/** The month (`YYYY-MM`) an instant falls in, in the agreement's zone. */
export function monthOf(instant: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: AGREEMENT_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}`;
}

/** "November 2026". */
export function monthLabel(month: string): string {
  const [year, number] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year ?? 1970, (number ?? 1) - 1, 1)),
  );
}

/** "Mon 3 Nov" for a local date `YYYY-MM-DD`. */
export function dayLabel(date: string): string {
  return new Intl.DateTimeFormat(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));
}

/** This month and the ones before it, back to the month of `since` (at most `count`), newest first. */
export function monthsSince(since: Date, now: Date, count = 13): string[] {
  const first = monthOf(since);
  const months: string[] = [];
  let [year = 1970, number = 1] = monthOf(now).split('-').map(Number);
  while (months.length < count) {
    const month = `${year}-${String(number).padStart(2, '0')}`;
    months.push(month);
    if (month <= first) break;
    number -= 1;
    if (number === 0) {
      number = 12;
      year -= 1;
    }
  }
  return months;
}
