/** Words of the Monthly reports section: each promise's figure, target and verdict. */
import { formatDuration } from '../../../format';
import { formatPercent, monthLabel } from '../monitoring/figures';
import type { SlaReport } from './types';

export type Verdict = 'Met' | 'Not met' | 'Nothing to judge';

/** The report's verdict on a promise; null means nothing happened that could be judged. */
export function verdictOf(met: boolean | null): Verdict {
  if (met === null) return 'Nothing to judge';
  return met ? 'Met' : 'Not met';
}

export interface PromiseLine {
  promise: string;
  figure: string;
  target: string;
  met: boolean | null;
}

const seconds = (value: number) => formatDuration(value * 1000);
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

function backupsFigure(backups: SlaReport['backups']): string {
  const done = backups.baseBackups.filter((b) => b.status === 'done' || b.status === 'expired').length;
  const gap = backups.cadence.longestGapHours;
  return `${plural(done, 'base backup')}; longest gap ${gap === null ? 'not measured' : seconds(gap * 3600)}`;
}

function supportFigure(support: SlaReport['support']): string {
  const tickets = support.rows.reduce((n, row) => n + row.count, 0);
  if (tickets === 0) return 'No ticket';
  const inTime = support.rows.reduce((n, row) => n + row.met, 0);
  const breached = support.rows.reduce((n, row) => n + row.breached, 0);
  return `${inTime} of ${plural(tickets, 'ticket')} answered in time, ${breached} breached`;
}

/** One line per promise of the agreement, in the order of the report. */
export function promiseLines(report: SlaReport): PromiseLine[] {
  const { availability, backups, dataLoss, restore, support } = report;
  return [
    {
      promise: 'Availability',
      figure:
        availability.availability === null ? 'Nothing measured' : formatPercent(availability.availability),
      target: `At least ${formatPercent(availability.target)}`,
      met: availability.met,
    },
    {
      promise: 'Backups',
      figure: backupsFigure(backups),
      target: `A base backup at least every ${backups.policy.baseBackupEveryHours} h, a copy on every target`,
      met: backups.met,
    },
    {
      promise: 'Data-loss exposure',
      figure:
        dataLoss.worstSeconds === null
          ? 'No measurement'
          : `Worst archive lag ${seconds(dataLoss.worstSeconds)}`,
      target: `Less than ${seconds(dataLoss.limitSeconds)}`,
      met: dataLoss.met,
    },
    {
      promise: 'Restore',
      figure:
        restore.worstSeconds === null
          ? 'No restore drill'
          : `${plural(restore.drills.length, 'drill')}, the slowest ${seconds(restore.worstSeconds)}`,
      target: `Less than ${seconds(restore.limitSeconds)}`,
      met: restore.met,
    },
    {
      promise: 'Support',
      figure: supportFigure(support),
      target: 'First responses within the targets, in working hours',
      met: support.met,
    },
  ];
}

/** Which version of the month this is: provisional, as archived, or an amendment and why. */
export function versionLine(report: SlaReport, monthClosed: boolean): string {
  if (report.provisional || report.version === 0)
    return monthClosed
      ? `Provisional: ${monthLabel(report.month)} is over but its report is not archived yet.`
      : `Provisional: ${monthLabel(report.month)} is not over, figures so far.`;
  const reason = report.reason?.trim();
  if (reason) return `Version ${report.version}, amended: ${reason}`;
  if (report.version === 1) return 'Version 1, archived when the month closed.';
  return `Version ${report.version}, amended (no reason recorded).`;
}
