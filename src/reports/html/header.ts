import type { SlaReport } from '../sla-report.types.js';
import { markup, type Html } from './escape.js';
import { instant, monthName } from './format.js';

export function reportTitle(report: SlaReport): string {
  return `Service level report — ${report.client.name} — ${monthName(report.month)}`;
}

/** Which version of the month this is: provisional, the first, or an amendment and its reason. */
export function versionLine(report: SlaReport): Html {
  if (report.provisional || report.version === 0)
    return markup`<p class="meta version provisional">Provisional: not archived yet (a month's report is archived the day after the month ends)</p>`;
  const reason = report.reason?.trim();
  if (report.version === 1)
    return reason
      ? markup`<p class="meta version">Version 1 — made by hand: ${reason}</p>`
      : markup`<p class="meta version">Version 1</p>`;
  return markup`<p class="meta version">Version ${report.version} — amended: ${reason ? reason : 'no reason recorded'}</p>`;
}

export function reportHeader(report: SlaReport): Html {
  return markup`<header>
<h1>${reportTitle(report)}</h1>
${versionLine(report)}
<p class="meta">Client: ${report.client.name} (${report.client.slug}), ${report.client.plan} plan</p>
<p class="meta">Generated ${instant(report.generatedAt, report.zone)}. All times in ${report.zone}.</p>
</header>`;
}
