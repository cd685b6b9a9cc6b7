import type { SlaReport } from '../sla-report.types.js';
import { markup, type Html } from './escape.js';
import { duration, integer } from './format.js';
import { figures, section, verdict } from './layout.js';

const lag = (seconds: number | null) => (seconds === null ? 'not measured' : duration(seconds));

/** Data-loss exposure (MADL, the agreement's "< 5 minutes"): the archive lag of the month. */
export function dataLossSection(report: SlaReport): Html {
  const d = report.dataLoss;
  const list = figures([
    ['Worst archive lag', lag(d.worstSeconds)],
    ['Typical (median)', lag(d.typicalSeconds)],
    ['95th percentile', lag(d.p95Seconds)],
    ['Limit', `less than ${duration(d.limitSeconds)} of data lost`],
    ['Minutes measured', integer(d.minutesMeasured)],
    ['Minutes over the limit', integer(d.minutesOverLimit)],
    ['Result', verdict(d.met)],
  ]);
  const content = markup`<p class="note">The archive lag is how much recent data a restore could not bring back at that minute: the data at risk if the database were lost then.</p>
${list}`;
  return section('data-loss', '4. Data-loss exposure', content);
}
