/** Calendar days and months of the duty roster, in the agreement's zone (Brussels). */
import { AGREEMENT_TIME_ZONE, monthOf } from '../client/monitoring/figures';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Today's date (`YYYY-MM-DD`) in the agreement's zone, whatever the browser's. */
export function todayInAgreementZone(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: AGREEMENT_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The month an address names (`?month=2026-11`), or this month in the agreement's zone. */
export function monthOrCurrent(value: string | null): string {
  return value !== null && MONTH.test(value) ? value : monthOf(new Date());
}

/** The first and last day of a month `YYYY-MM`. */
export function monthRange(month: string): { from: string; to: string } {
  const [year = 1970, number = 1] = month.split('-').map(Number);
  const lastDay = new Date(Date.UTC(year, number, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(lastDay).padStart(2, '0')}` };
}

/** The month `delta` months away: shiftMonth('2026-12', 1) is '2027-01'. */
export function shiftMonth(month: string, delta: number): string {
  const [year = 1970, number = 1] = month.split('-').map(Number);
  const shifted = new Date(Date.UTC(year, number - 1 + delta, 1));
  return `${shifted.getUTCFullYear()}-${String(shifted.getUTCMonth() + 1).padStart(2, '0')}`;
}
