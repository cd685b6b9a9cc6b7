import { markup } from '../reports/html/escape.js';
import type { OrderLine } from './purchase-order.js';

const money = (value: number, currency: string) =>
  new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(value);
const day = (iso: string | Date) =>
  new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'Europe/Brussels' }).format(
    new Date(iso),
  );

/** The purchase order appendix: one line per option and period, escaped, self-contained. */
export function purchaseOrderHtml(order: {
  name: string;
  from: Date;
  to: Date;
  lines: OrderLine[];
  total: number;
}): string {
  const currency = order.lines[0]?.currency ?? 'EUR';
  return markup`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Purchase order — options — ${order.name}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:.3rem .5rem;text-align:left}td.n{text-align:right}</style>
</head><body>
<h1>Purchase order appendix: service options</h1>
<p>${order.name}, ${day(order.from)} – ${day(order.to)}. Monthly prices are billed for the share of each calendar month (Europe/Brussels) the option was active.</p>
<table><thead><tr><th scope="col">Option</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Quantity</th><th scope="col">Unit price</th><th scope="col">Total</th></tr></thead>
<tbody>${order.lines.map(
    (l) =>
      markup`<tr><td>${l.name}</td><td>${day(l.from)}</td><td>${day(l.to)}</td><td class="n">${l.quantity.toFixed(4)} ${l.unit}</td><td class="n">${money(l.unitPrice, l.currency)} per ${l.unit}</td><td class="n">${money(l.total, l.currency)}</td></tr>`,
  )}</tbody>
<tfoot><tr><th scope="row" colspan="5">Total</th><td class="n">${money(order.total, currency)}</td></tr></tfoot></table>
${order.lines.length === 0 ? markup`<p>No option was active in this period.</p>` : null}
</body></html>`.toString();
}
