import { monthOf, monthsSince } from '../monitoring/figures';
import type { ReportFormat } from './types';

/** How many months the picker offers: this one and the twelve before it. */
const MONTHS_OFFERED = 13;

/** `GET` the archived versions of the client's reports. */
export function reportsPath(clientSlug: string): string {
  return `/api/clients/${encodeURIComponent(clientSlug)}/reports/sla`;
}

/** A month's report in a format: the latest version, or the one asked for. */
export function reportPath(
  clientSlug: string,
  month: string,
  format: ReportFormat,
  version?: number,
): string {
  const query = new URLSearchParams({ format });
  if (version !== undefined) query.set('version', String(version));
  return `${reportsPath(clientSlug)}/${encodeURIComponent(month)}?${query.toString()}`;
}

/** Where an operator posts a new version of a closed month's report. */
export function amendmentsPath(clientSlug: string, month: string): string {
  return `${reportsPath(clientSlug)}/${encodeURIComponent(month)}/amendments`;
}

/** The name the browser saves a PDF under (the server's own, so both agree). */
export function pdfFileName(clientSlug: string, month: string, version?: number): string {
  return `oxygis-sla-${clientSlug}-${month}${version === undefined ? '' : `-v${version}`}.pdf`;
}

/** This month and the twelve before it, newest first (months of the agreement's zone). */
export function reportMonths(now: Date): string[] {
  return monthsSince(new Date(0), now, MONTHS_OFFERED);
}

/** The last closed month if the client existed then; else this month, its report so far. */
export function defaultReportMonth(months: readonly string[], clientCreatedAt: string): string {
  const [current = '', previous] = months;
  if (previous === undefined) return current;
  return monthOf(new Date(clientCreatedAt)) <= previous ? previous : current;
}

/** Whether a month (YYYY-MM) is over, as the agreement's calendar counts: its report may be amended. */
export function isClosedMonth(month: string, now: Date): boolean {
  return month < monthOf(now);
}
