import type { SlaReport } from '../sla-report.types.js';
import { type Html } from './escape.js';
import { duration, integer, percent, targetPercent, workingHours } from './format.js';
import { section, table, verdict } from './layout.js';

type Row = readonly [promise: string, figure: string, target: string, met: boolean | null];

const measured = (seconds: number | null, what: string) =>
  seconds === null ? `no ${what}` : duration(seconds);

function supportTarget(report: SlaReport): string {
  const byLevel = new Map(report.support.rows.map((r) => [r.criticality, r.targetWorkingMs]));
  const levels = [
    ['Critical', byLevel.get('critical')],
    ['Major', byLevel.get('major')],
    ['Minor', byLevel.get('minor')],
  ] as const;
  const parts = levels.flatMap(([name, ms]) => (ms === undefined ? [] : [`${name} < ${workingHours(ms)} h`]));
  return parts.length === 0 ? 'response in working hours' : `${parts.join(', ')} (working hours)`;
}

function rows(report: SlaReport): Row[] {
  const { availability: a, backups: b, dataLoss: d, restore: r, support: s } = report;
  const tickets = s.rows.reduce((n, row) => n + row.count, 0);
  const inTime = s.rows.reduce((n, row) => n + row.met, 0);
  const breached = s.rows.reduce((n, row) => n + row.breached, 0);
  const done = b.baseBackups.filter((x) => x.status === 'done' || x.status === 'expired').length;
  const gap = b.cadence.longestGapHours;
  return [
    [
      'Availability',
      a.availability === null ? 'no eligible time' : percent(a.availability),
      `at least ${targetPercent(a.target)}`,
      a.met,
    ],
    [
      'Backups',
      `${integer(done)} base backup${done === 1 ? '' : 's'}; longest gap ${gap === null ? 'not measured' : duration(gap * 3600)}`,
      `at least every ${duration(b.policy.baseBackupEveryHours * 3600)}, a copy on every target`,
      b.met,
    ],
    [
      'Data-loss exposure',
      `worst archive lag ${measured(d.worstSeconds, 'measurement')}`,
      `less than ${duration(d.limitSeconds)}`,
      d.met,
    ],
    [
      'Restore',
      `worst drill ${measured(r.worstSeconds, 'drill')}`,
      `less than ${duration(r.limitSeconds)}`,
      r.met,
    ],
    [
      'Support response',
      tickets === 0
        ? 'no ticket'
        : `${integer(inTime)} of ${integer(tickets)} answered in time, ${integer(breached)} breached`,
      supportTarget(report),
      s.met,
    ],
  ];
}

/** One line per promise of the agreement: the figure, the target and whether it was met. */
export function summarySection(report: SlaReport): Html {
  return section(
    'summary',
    'Summary',
    table(
      ['Promise', 'This month', 'Target', 'Result'],
      rows(report).map(([promise, figure, target, met]) => [promise, figure, target, verdict(met)]),
    ),
  );
}
