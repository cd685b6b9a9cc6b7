import type { ComplianceRow } from '../../helpdesk/compliance.js';
import type { SlaReport } from '../sla-report.types.js';
import { markup, type Html } from './escape.js';
import { integer, workingDuration, workingHours } from './format.js';
import { figures, section, table, verdict } from './layout.js';

/** The agreement prints the critical level as "Review"; its targets as it words them. */
const LEVELS: Record<ComplianceRow['criticality'], { name: string; agreement: string }> = {
  critical: { name: 'Critical (agreement: Review)', agreement: '< 8 working hours' },
  major: { name: 'Major', agreement: '< 2 working days' },
  minor: { name: 'Minor', agreement: '< 5 working days' },
};

function target(row: ComplianceRow): string {
  const measured = `< ${workingHours(row.targetWorkingMs)} working hours`;
  const agreement = LEVELS[row.criticality].agreement;
  return measured === agreement ? measured : `${measured} (agreement: ${agreement})`;
}

/** A row is judged on the tickets whose deadline is past; only pending ones leave nothing to judge. */
function rowVerdict(row: ComplianceRow): Html {
  if (row.breached > 0) return verdict(false);
  return verdict(row.met > 0 ? true : null);
}

function worst(row: ComplianceRow): string {
  if (row.worstResponseWorkingMs === null) return '—';
  const time = workingDuration(row.worstResponseWorkingMs);
  return row.worstStillOpen ? `${time} (still unanswered)` : time;
}

export function supportSection(report: SlaReport): Html {
  const { rows, met } = report.support;
  const tickets = rows.reduce((n, r) => n + r.count, 0);
  const list = table(
    [
      'Criticality',
      'Target',
      { value: 'Tickets', num: true },
      { value: 'Met', num: true },
      { value: 'Breached', num: true },
      { value: 'Pending', num: true },
      { value: 'Median response', num: true },
      { value: 'Worst response', num: true },
      'Result',
    ],
    rows.map((r) => [
      LEVELS[r.criticality].name,
      target(r),
      { value: integer(r.count), num: true },
      { value: integer(r.met), num: true },
      { value: integer(r.breached), num: true },
      { value: integer(r.pending), num: true },
      {
        value: r.medianResponseWorkingMs === null ? '—' : workingDuration(r.medianResponseWorkingMs),
        num: true,
      },
      { value: worst(r), num: true },
      rowVerdict(r),
    ]),
  );
  const content = markup`<p class="note">First-response times, counted in working hours: Monday to Friday, 9:00 to 17:00, excluding Belgian public holidays.</p>
${list}
${tickets === 0 ? markup`<p>No ticket this month.</p>` : null}
${figures([['Support, overall', verdict(met)]])}`;
  return section('support', '6. Support', content);
}
