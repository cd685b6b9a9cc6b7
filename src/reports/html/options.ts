import type { SlaReport } from '../sla-report.types.js';
import { markup, type Html } from './escape.js';
import { dateOrInstant, money } from './format.js';
import { section, table } from './layout.js';

/** Options activated at the client's request (the agreement passes their cost on). */
export function optionsSection(report: SlaReport): Html {
  const content =
    report.options.length === 0
      ? markup`<p>No option in force.</p>`
      : table(
          ['Option', { value: 'Unit price', num: true }, 'From', 'To'],
          report.options.map((o) => [
            o.name,
            { value: `${money(o.unitPrice, o.currency)} per ${o.unit}`, num: true },
            dateOrInstant(o.from, report.zone),
            o.to === null ? 'still in force' : dateOrInstant(o.to, report.zone),
          ]),
        );
  return section('options', '7. Options in force', content);
}
