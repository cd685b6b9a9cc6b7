import type { SlaReport } from '../sla-report.types.js';
import { availabilityChart } from './chart.js';
import { markup, type Html } from './escape.js';
import { duration, instant, percent, targetPercent } from './format.js';
import { figures, section, table, verdict } from './layout.js';

type Availability = SlaReport['availability'];

/** Seconds to the millisecond, as the availability arithmetic counts them. */
const ms = (seconds: number) => Math.round(seconds * 1000) / 1000;

function periods(report: SlaReport): Html {
  const { excludedPeriods, downPeriods, noDataPeriods } = report.availability;
  const zone = report.zone;
  const length = (p: { from: string; to: string }) =>
    duration((Date.parse(p.to) - Date.parse(p.from)) / 1000);
  const excluded =
    excludedPeriods.length === 0
      ? markup`<p>No planned maintenance and no force majeure this month: every minute counted.</p>`
      : table(
          ['Excluded as', 'Reason', 'From', 'To', { value: 'Duration', num: true }],
          excludedPeriods.map((p) => [
            p.kind === 'maintenance' ? 'Planned maintenance' : 'Force majeure',
            p.reason,
            instant(p.from, zone),
            instant(p.to, zone),
            { value: length(p), num: true },
          ]),
        );
  const down =
    downPeriods.length === 0
      ? markup`<p>No downtime this month.</p>`
      : table(
          ['From', 'To', { value: 'Duration', num: true }],
          downPeriods.map((p) => [
            instant(p.from, zone),
            instant(p.to, zone),
            { value: length(p), num: true },
          ]),
        );
  const noData =
    noDataPeriods.length === 0
      ? markup`<p>The state of the service was known at every moment.</p>`
      : table(
          ['From', 'To', { value: 'Duration', num: true }],
          noDataPeriods.map((p) => [
            instant(p.from, zone),
            instant(p.to, zone),
            { value: length(p), num: true },
          ]),
        );
  return markup`<h3>Excluded periods</h3>
${excluded}
<h3>Downtime</h3>
${down}
<h3>Time without data</h3>
<p class="note">Time when the platform could not tell whether the service was up: left out of the eligible time, never counted as up.</p>
${noData}`;
}

function errorBudget(a: Availability): Html {
  const allowed = ms(a.errorBudgetSeconds + a.downtimeSeconds);
  const left = a.errorBudgetSeconds;
  const state = left >= 0 ? `${duration(left)} left` : `exceeded by ${duration(-left)}`;
  return markup`${duration(allowed)} allowed (${targetPercent(1 - a.target)} of the eligible time), ${duration(a.downtimeSeconds)} used: ${state}`;
}

export function availabilitySection(report: SlaReport): Html {
  const a = report.availability;
  const zone = report.zone;
  const worstCase =
    a.noDataSeconds > 0 && a.eligibleSeconds + a.noDataSeconds > 0
      ? percent((a.eligibleSeconds - a.downtimeSeconds) / (a.eligibleSeconds + a.noDataSeconds))
      : null;
  const list = figures([
    ['Period', `${instant(a.from, zone)} – ${instant(a.to, zone)}`],
    ['Calendar time', duration(a.periodSeconds)],
    ['Planned maintenance (excluded)', duration(a.excludedSeconds.maintenance)],
    ['Force majeure (excluded)', duration(a.excludedSeconds.forceMajeure)],
    ['No data (left out)', duration(a.noDataSeconds)],
    ['Eligible time', duration(a.eligibleSeconds)],
    ['Downtime', duration(a.downtimeSeconds)],
    [
      'Availability',
      a.availability === null
        ? 'nothing to measure: no eligible time'
        : markup`<strong>${percent(a.availability)}</strong> (eligible time − downtime) / eligible time`,
    ],
    ...(worstCase === null ? [] : [['Counting no-data time as down', worstCase] as const]),
    ['Target', `at least ${targetPercent(a.target)}, excluding planned maintenance and force majeure`],
    ['Error budget', errorBudget(a)],
    ['Result', verdict(a.met)],
  ]);
  return section(
    'availability',
    '1. Availability',
    markup`${list}
<h3>The month day by day</h3>
${availabilityChart(report)}
${periods(report)}`,
  );
}
