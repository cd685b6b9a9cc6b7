import { DateTime } from 'luxon';

/*
 * The purchase order's lines, pure: an option priced per month, active over part of a period,
 * is billed for the share of each calendar month (in the agreement's zone) it was active.
 */

export interface ActiveOption {
  code: string;
  name: string;
  unit: string;
  unitPrice: number;
  currency: string;
  activatedAt: Date;
  deactivatedAt: Date | null;
}

export interface OrderLine {
  option: string;
  name: string;
  from: string;
  to: string;
  /** Months, to 4 decimals (each calendar month's share counted to the second). */
  quantity: number;
  unit: string;
  unitPrice: number;
  currency: string;
  total: number;
}

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

/** Months between two instants, month by month in `zone`. */
export function monthsBetween(from: Date, to: Date, zone: string): number {
  let months = 0;
  let cursor = DateTime.fromJSDate(from, { zone }).startOf('month');
  while (cursor.toMillis() < to.getTime()) {
    const next = cursor.plus({ months: 1 });
    const start = Math.max(cursor.toMillis(), from.getTime());
    const end = Math.min(next.toMillis(), to.getTime());
    if (end > start) months += (end - start) / (next.toMillis() - cursor.toMillis());
    cursor = next;
  }
  return months;
}

export function orderLines(
  options: readonly ActiveOption[],
  period: { from: Date; to: Date },
  zone: string,
): OrderLine[] {
  return options.flatMap((o) => {
    const from = new Date(Math.max(o.activatedAt.getTime(), period.from.getTime()));
    const to = new Date(Math.min((o.deactivatedAt ?? period.to).getTime(), period.to.getTime()));
    if (to <= from) return [];
    const quantity = round(monthsBetween(from, to, zone), 4);
    return [
      {
        option: o.code,
        name: o.name,
        from: from.toISOString(),
        to: to.toISOString(),
        quantity,
        unit: o.unit,
        unitPrice: o.unitPrice,
        currency: o.currency,
        total: round(quantity * o.unitPrice, 2),
      },
    ];
  });
}
