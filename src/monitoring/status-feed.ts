import escapeText from 'escape-html';
import { Feed } from 'feed';
import { DateTime } from 'luxon';
import type { PublicIncident, PublicMaintenance, StatusView } from './status-page.schema.js';

/**
 * The status page as a feed (Atom and RSS from the same items): one entry per incident, dated by
 * its latest change, and one per announced maintenance, dated when it was announced. Entry texts
 * are HTML in the feed formats, so everything written by people is escaped.
 */

const STATUS_WORDS: Record<PublicIncident['status'], string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
};

const escapeHtml = (text: string): string => escapeText(text);

/** "Tue 3 Nov 2026, 02:00 CET" in the page's zone. */
export function localTime(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toFormat('ccc d LLL yyyy, HH:mm ZZZZ');
}

/** "1 h 5 min", "3 min", "40 s". */
export function spokenDuration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}

function incidentSummary(incident: PublicIncident, zone: string): string {
  const lines = [
    `Started ${localTime(incident.startedAt, zone)}.`,
    incident.resolvedAt && incident.durationSeconds !== null
      ? `Resolved ${localTime(incident.resolvedAt, zone)} (after ${spokenDuration(incident.durationSeconds)}).`
      : 'Ongoing.',
  ];
  const updates = incident.updates.map(
    (u) =>
      `<li>${escapeHtml(localTime(u.at, zone))}: ${STATUS_WORDS[u.status]}${u.message ? ` — ${escapeHtml(u.message)}` : ''}</li>`,
  );
  return `<p>${lines.map(escapeHtml).join(' ')}</p>${updates.length > 0 ? `<ul>${updates.join('')}</ul>` : ''}`;
}

function maintenanceSummary(window: PublicMaintenance, zone: string): string {
  return `<p>${escapeHtml(`Planned maintenance of the platform from ${localTime(window.startsAt, zone)} to ${localTime(window.endsAt, zone)}: ${window.reason}`)}</p>`;
}

export function statusFeed(view: StatusView, pageUrl: string): Feed {
  const zone = view.timeZone;
  const incidentItems = view.incidents.map((incident) => {
    const lastChange = incident.updates.at(-1)?.at ?? incident.resolvedAt ?? incident.startedAt;
    return {
      title: escapeHtml(`${incident.title} — ${STATUS_WORDS[incident.status]}`),
      id: `${pageUrl}#incident-${incident.id}`,
      link: `${pageUrl}#incident-${incident.id}`,
      date: lastChange,
      published: incident.startedAt,
      description: incidentSummary(incident, zone),
    };
  });
  const maintenanceItems = view.maintenance.map((window) => ({
    title: escapeHtml(`Planned maintenance: ${window.reason}`),
    id: `${pageUrl}#maintenance-${window.id.replace(':', '-')}`,
    link: `${pageUrl}#maintenance`,
    date: window.announcedAt,
    published: window.announcedAt,
    description: maintenanceSummary(window, zone),
  }));
  const items = [...incidentItems, ...maintenanceItems].sort((a, b) => b.date.getTime() - a.date.getTime());
  const feed = new Feed({
    id: pageUrl,
    title: 'Oxygis Cloud status',
    description: 'Incidents and planned maintenance of Oxygis Cloud',
    link: pageUrl,
    language: 'en',
    updated: items[0]?.date ?? view.generatedAt,
    generator: false,
    author: { name: 'Oxygis Cloud' },
    feedLinks: { atom: `${pageUrl}/feed.atom`, rss: `${pageUrl}/feed.rss` },
  });
  for (const item of items) feed.addItem(item);
  return feed;
}
