import type { ReportIncident, SlaReport } from '../sla-report.types.js';
import { markup, type Html } from './escape.js';
import { duration, instant } from './format.js';
import { section, table } from './layout.js';

/** A postmortem given as a web address is a link; anything else (or another scheme) is text. */
function postmortem(text: string | null): Html | string {
  if (text === null || text.trim() === '') return 'not written yet';
  try {
    const url = new URL(text.trim());
    if (url.protocol === 'https:' || url.protocol === 'http:')
      return markup`<a href="${url.href}">${text}</a>`;
  } catch {
    // Not an address: the postmortem itself.
  }
  return text;
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function row(incident: ReportIncident, zone: string) {
  return [
    markup`${incident.title}<br><span class="note">${capitalised(incident.status)}</span>`,
    instant(incident.openedAt, zone),
    incident.resolvedAt === null ? 'still open' : instant(incident.resolvedAt, zone),
    { value: duration(incident.durationSeconds), num: true },
    incident.impact,
    postmortem(incident.postmortem),
  ];
}

export function incidentsSection(report: SlaReport): Html {
  const content =
    report.incidents.length === 0
      ? markup`<p>No incident this month.</p>`
      : table(
          ['Incident', 'Start', 'End', { value: 'Duration', num: true }, 'Impact', 'Postmortem'],
          report.incidents.map((incident) => row(incident, report.zone)),
        );
  return section('incidents', '2. Incidents', content);
}
