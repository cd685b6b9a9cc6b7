import type { ReportDrill, SlaReport } from '../sla-report.types.js';
import { markup, type Html } from './escape.js';
import { duration, instant } from './format.js';
import { figures, section, table, verdict } from './layout.js';

function drillVerdict(drill: ReportDrill, limitSeconds: number): Html {
  if (!drill.ok) return verdict(false);
  return verdict(drill.durationSeconds === null ? null : drill.durationSeconds <= limitSeconds);
}

function drills(report: SlaReport): Html {
  const { drills: list, limitSeconds } = report.restore;
  if (list.length === 0) return markup`<p>No restore drill this month.</p>`;
  return table(
    [
      'Drill',
      'Outcome',
      { value: 'Restore time', num: true },
      'Recovered up to',
      { value: 'Data-loss window', num: true },
      'Against the limit',
    ],
    list.map((d) => [
      instant(d.at, report.zone),
      d.ok ? 'restored and verified' : `failed${d.error === null ? '' : `: ${d.error}`}`,
      { value: d.durationSeconds === null ? '—' : duration(d.durationSeconds), num: true },
      d.recoveredUpTo === null ? '—' : instant(d.recoveredUpTo, report.zone),
      { value: d.dataLossWindowSeconds === null ? '—' : duration(d.dataLossWindowSeconds), num: true },
      drillVerdict(d, limitSeconds),
    ]),
  );
}

/** Restore (MADD, the agreement's "< 1 hour"): the month's drills and the time each took. */
export function restoreSection(report: SlaReport): Html {
  const r = report.restore;
  const list = figures([
    ['Worst restore time', r.worstSeconds === null ? 'not measured' : duration(r.worstSeconds)],
    ['Limit', `less than ${duration(r.limitSeconds)}`],
    ['Result', verdict(r.met)],
  ]);
  const content = markup`<p class="note">A drill restores the client's database beside the live one from its backups, checks it, and measures how long the restore took.</p>
${drills(report)}
${list}`;
  return section('restore', '5. Restore', content);
}
