import type { SlaReport } from '../sla-report.types.js';
import { markup, type Html } from './escape.js';
import { dayNumber, daysInMonth, duration, monthName, percent, shortDay, targetPercent } from './format.js';

type Day = SlaReport['availability']['daily'][number];

const WIDTH = 720;
const HEIGHT = 230;
const LEFT = 58;
const RIGHT = 10;
const TOP = 12;
const BOTTOM = 28;
const PLOT_W = WIDTH - LEFT - RIGHT;
const PLOT_H = HEIGHT - TOP - BOTTOM;
const COLOURS = { up: '#3a6ea5', down: '#e07b00', target: '#b71c1c', none: '#9e9e9e' };

/** The bottom of the scale: 99 % unless a day or the target lies lower, so small losses show. */
function floorOf(days: readonly Day[], target: number): number {
  const lowest = Math.min(target, ...days.flatMap((d) => (d.availability === null ? [] : [d.availability])));
  return [0.99, 0.98, 0.95, 0.9, 0.8, 0.5].find((c) => c <= lowest && c < target) ?? 0;
}

function dayLabel(day: Day): string {
  const parts = [
    day.availability === null ? 'nothing measured' : percent(day.availability),
    ...(day.downtimeSeconds > 0 ? [`downtime ${duration(day.downtimeSeconds)}`] : []),
    ...(day.noDataSeconds > 0 ? [`no data ${duration(day.noDataSeconds)}`] : []),
  ];
  return `${shortDay(day.date)}: ${parts.join(', ')}`;
}

/** One day: its bar (with a tooltip title) and its number under the axis. */
function bar(day: Day, position: number, slot: number, y: (ratio: number) => number, floor: number): Html {
  const x = (LEFT + position * slot + slot * 0.15).toFixed(1);
  const w = (slot * 0.7).toFixed(1);
  const title = markup`<title>${dayLabel(day)}</title>`;
  const middle = (LEFT + position * slot + slot / 2).toFixed(1);
  const tick = markup`<text class="day" x="${middle}" y="${HEIGHT - BOTTOM + 13}">${dayNumber(day.date)}</text>`;
  if (day.availability === null)
    return markup`<rect class="bar bar-none" x="${x}" y="${TOP}" width="${w}" height="${PLOT_H}" fill="url(#no-data)" stroke="${COLOURS.none}">${title}</rect>${tick}\n`;
  // A day at the bottom of the scale still shows a sliver.
  const top = Math.min(y(Math.max(day.availability, floor)), TOP + PLOT_H - 1);
  const down = day.downtimeSeconds > 0;
  const height = (TOP + PLOT_H - top).toFixed(1);
  return markup`<rect class="bar ${down ? 'bar-down' : 'bar-up'}" x="${x}" y="${top.toFixed(1)}" width="${w}" height="${height}" fill="${down ? COLOURS.down : COLOURS.up}">${title}</rect>${tick}\n`;
}

function description(report: SlaReport, floor: number): string {
  const { daily, target } = report.availability;
  const downDays = daily.filter((d) => d.downtimeSeconds > 0).map((d) => shortDay(d.date));
  const blankDays = daily.filter((d) => d.availability === null).map((d) => shortDay(d.date));
  return (
    `One bar per day of ${monthName(report.month)}, its height the availability of the day on a scale ` +
    `from ${targetPercent(floor)} to 100 %, with a line at the target of ${targetPercent(target)}. ` +
    `Days with downtime: ${downDays.length > 0 ? downDays.join(', ') : 'none'}. ` +
    `Days with nothing measured: ${blankDays.length > 0 ? blankDays.join(', ') : 'none'}.`
  );
}

const LEGEND = markup`<figcaption><span class="swatch" style="background:${COLOURS.up}"></span> no downtime
&#160; <span class="swatch" style="background:${COLOURS.down}"></span> downtime
&#160; <span class="swatch" style="background:#eee"></span> nothing measured (no data, or all excluded)
&#160; <span style="color:${COLOURS.target}">- - -</span> target</figcaption>`;

/**
 * The month day by day: one bar per day, its height the day's availability on a scale from
 * `floor` to 100 %; a line at the target; days with downtime in the warning colour; days with
 * nothing measured (no data, or wholly excluded) hatched grey at full height. The x axis has a
 * slot for every day of the month, so a provisional month fills from the left.
 */
export function availabilityChart(report: SlaReport): Html {
  const { daily, target } = report.availability;
  const floor = floorOf(daily, target);
  const slot = PLOT_W / Math.max(daysInMonth(report.month), daily.length, 1);
  const y = (ratio: number) => TOP + PLOT_H * (1 - (ratio - floor) / (1 - floor));
  const bars = daily.map((day, index) =>
    bar(day, dayNumber(day.date) > 0 ? dayNumber(day.date) - 1 : index, slot, y, floor),
  );
  const targetY = y(target).toFixed(1);
  // The target's label goes beside its line, or just under the 100 % label when they would touch.
  const targetLabelY = Math.max(y(target) + 3, TOP + 4 + 11).toFixed(1);
  return markup`<figure>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="chart-title chart-desc" font-family="Helvetica, Arial, sans-serif" font-size="10">
<title id="chart-title">Availability day by day, ${monthName(report.month)}</title>
<desc id="chart-desc">${description(report, floor)}</desc>
<defs><pattern id="no-data" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#eeeeee"/><line x1="0" y1="0" x2="0" y2="6" stroke="${COLOURS.none}" stroke-width="2"/></pattern></defs>
<style>.day { text-anchor: middle; fill: #333; font-size: 9px; } .axis { text-anchor: end; fill: #333; }</style>
<line x1="${LEFT}" y1="${TOP}" x2="${LEFT}" y2="${TOP + PLOT_H}" stroke="#888"/>
<line x1="${LEFT}" y1="${TOP + PLOT_H}" x2="${WIDTH - RIGHT}" y2="${TOP + PLOT_H}" stroke="#888"/>
<text class="axis" x="${LEFT - 4}" y="${TOP + 4}">100 %</text>
<text class="axis" x="${LEFT - 4}" y="${TOP + PLOT_H}">${targetPercent(floor)}</text>
${bars}<line class="target" x1="${LEFT}" y1="${targetY}" x2="${WIDTH - RIGHT}" y2="${targetY}" stroke="${COLOURS.target}" stroke-width="1.5" stroke-dasharray="6 3"><title>Target ${targetPercent(target)}</title></line>
<text class="axis" x="${LEFT - 4}" y="${targetLabelY}" fill="${COLOURS.target}">${targetPercent(target)}</text>
</svg>
${LEGEND}
</figure>`;
}
