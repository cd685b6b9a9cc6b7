import { availabilitySection } from './html/availability.js';
import { backupsSection } from './html/backups.js';
import { dataLossSection } from './html/data-loss.js';
import { incidentsSection } from './html/incidents.js';
import { document } from './html/layout.js';
import { optionsSection } from './html/options.js';
import { reportHeader, reportTitle } from './html/header.js';
import { responsibilityAppendix, type ResponsibilityAppendix } from './html/appendix.js';
import { restoreSection } from './html/restore.js';
import { summarySection } from './html/summary.js';
import { supportSection } from './html/support.js';
import type { SlaReport } from './sla-report.types.js';

export type { ResponsibilityAppendix } from './html/appendix.js';

/**
 * The monthly SLA evidence report as one self-contained HTML5 document (inline CSS, no script,
 * nothing fetched), written for the client's management and laid out to print on A4: a summary
 * of every promise, then one section per promise with the figure, the target and the verdict.
 * Every string from the data is escaped (see html/escape.ts).
 */
export function renderSlaReportHtml(
  report: SlaReport,
  appendix: { responsibility?: ResponsibilityAppendix },
): string {
  const body = [
    summarySection(report),
    availabilitySection(report),
    incidentsSection(report),
    backupsSection(report),
    dataLossSection(report),
    restoreSection(report),
    supportSection(report),
    optionsSection(report),
    ...(appendix.responsibility ? [responsibilityAppendix(appendix.responsibility)] : []),
  ].filter((part) => part !== null);
  return document(reportTitle(report), reportHeader(report), body).markup;
}
