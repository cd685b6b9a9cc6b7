import type { ComponentState, DayBar, IncidentStatus } from './types';

export const STATE_WORDS: Record<ComponentState, string> = {
  operational: 'Operational',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
  no_data: 'No data',
};

export const OVERALL_WORDS: Record<ComponentState, string> = {
  operational: 'All systems operational',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
  no_data: 'No data yet',
};

export const INCIDENT_STATUS_WORDS: Record<IncidentStatus, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
};

/** The badge tone of a state: green, amber or red; grey without data. */
export function stateTone(state: ComponentState): string {
  switch (state) {
    case 'operational':
      return 'badge-ok';
    case 'degraded_performance':
    case 'partial_outage':
      return 'badge-warning';
    case 'major_outage':
      return 'badge-bad';
    case 'no_data':
      return 'badge-neutral';
  }
}

/**
 * "99.95 %": rounded down to two decimals, so a day with any downtime never reads 100 %. The
 * decimal point is fixed (not the reader's locale) so the page reads the same everywhere.
 */
export function percentUp(uptime: number): string {
  if (uptime >= 1) return '100 %';
  return `${(Math.floor(uptime * 10_000) / 100).toFixed(2)} %`;
}

/** What a bar says to screen readers and in its tooltip: "2026-11-03: 99.95 % up". */
export function barLabel(day: DayBar): string {
  return day.uptime === null ? `${day.date}: no data` : `${day.date}: ${percentUp(day.uptime)} up`;
}

/** The bar's colour class: full, within the 99.9 % target, below it, or no data. */
export function barTone(uptime: number | null): string {
  if (uptime === null) return 'uptime-bar-none';
  if (uptime >= 1) return 'uptime-bar-up';
  return uptime >= 0.999 ? 'uptime-bar-minor' : 'uptime-bar-major';
}

/** The share up over the days with data, for the line under the bars; null without any. */
export function periodUptime(days: readonly DayBar[]): number | null {
  const known = days.flatMap((day) => (day.uptime === null ? [] : [day.uptime]));
  if (known.length === 0) return null;
  return known.reduce((sum, uptime) => sum + uptime, 0) / known.length;
}
