import type { ReportBaseBackup, SlaReport } from '../sla-report.types.js';
import { markup, type Html } from './escape.js';
import { duration, instant, integer } from './format.js';
import { figures, section, table, verdict } from './layout.js';

type Backups = SlaReport['backups'];

const STATUS: Record<ReportBaseBackup['status'], string> = {
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
  expired: 'Done, since expired',
};

const hours = (h: number) => duration(h * 3600);

function cadenceWord(everyHours: number): string {
  if (everyHours === 168) return ' (weekly)';
  if (everyHours === 24) return ' (daily)';
  return '';
}

function policy(p: Backups['policy']): Html {
  return figures([
    [
      'Base backup',
      `at least every ${integer(p.baseBackupEveryHours)} hours${cadenceWord(p.baseBackupEveryHours)}`,
    ],
    [
      'Weekly backups kept',
      `${integer(p.weeklyBackupsKept)}${p.weeklyBackupsKept === 52 ? ' (one year)' : ''}`,
    ],
    ['Point-in-time restore', `to any moment of the last ${integer(p.pitrDays)} days`],
  ]);
}

function verified(b: ReportBaseBackup, zone: string): string {
  if (b.verifiedOk === null || b.verifiedAt === null) return 'not verified yet';
  return b.verifiedOk
    ? `verified ${instant(b.verifiedAt, zone)}`
    : `verification FAILED ${instant(b.verifiedAt, zone)}`;
}

function baseBackups(list: readonly ReportBaseBackup[], zone: string): Html {
  if (list.length === 0) return markup`<p>No base backup started this month.</p>`;
  return table(
    ['Started', 'Finished', 'Status', 'Copies on', 'Missing', 'Verified'],
    list.map((b) => [
      instant(b.startedAt, zone),
      b.finishedAt === null ? '—' : instant(b.finishedAt, zone),
      STATUS[b.status],
      b.targets.length === 0 ? 'none' : b.targets.join(', '),
      b.missing.length === 0 ? 'none' : b.missing.join(', '),
      verified(b, zone),
    ]),
  );
}

function targets(list: Backups['targets']): Html {
  if (list.length === 0) return markup`<p>No storage target configured.</p>`;
  return table(
    [
      'Target',
      { value: 'Base backup copies', num: true },
      { value: 'WAL segments held', num: true },
      { value: 'WAL segments missing', num: true },
    ],
    list.map((t) => [
      t.name,
      { value: integer(t.baseBackupCopies), num: true },
      { value: integer(t.walSegments), num: true },
      { value: integer(t.walSegmentsMissing), num: true },
    ]),
  );
}

function recoverable(r: Backups['recoverable'], zone: string): string {
  if (r.earliest === null && r.latest === null) return 'nothing could be restored';
  const earliest = r.earliest === null ? 'unknown' : instant(r.earliest, zone);
  const latest = r.latest === null ? 'unknown' : instant(r.latest, zone);
  return `any moment from ${earliest} to ${latest}`;
}

export function backupsSection(report: SlaReport): Html {
  const b = report.backups;
  const gap = b.cadence.longestGapHours;
  const cadence = figures([
    ['Longest stretch without a base backup', gap === null ? 'nothing to measure' : hours(gap)],
    ['Required', `at most ${hours(b.cadence.requiredHours)}`],
    ['Result', verdict(b.cadence.met)],
  ]);
  const content = markup`<h3>Policy</h3>
${policy(b.policy)}
<h3>Base backups of the month</h3>
${baseBackups(b.baseBackups, report.zone)}
<h3>Cadence</h3>
${cadence}
<h3>Copies per storage target</h3>
${targets(b.targets)}
<h3>Recoverable at the end of the month</h3>
<p>${recoverable(b.recoverable, report.zone)}</p>
${figures([['Backups, overall', verdict(b.met)]])}`;
  return section('backups', '3. Backups', content);
}
