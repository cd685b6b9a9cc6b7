import { markup, type Html, type HtmlValue } from './escape.js';
import { STYLE } from './style.js';

/** The verdict of a promise: met, not met, or nothing to judge (e.g. no drill ran). */
export function verdict(met: boolean | null): Html {
  if (met === null) return markup`<span class="verdict none">Nothing to judge</span>`;
  return met
    ? markup`<span class="verdict met">Met</span>`
    : markup`<span class="verdict not-met">Not met</span>`;
}

/** A cell: text or markup; `num` cells are right-aligned figures. */
export interface Cell {
  value: HtmlValue;
  num?: boolean;
}

const cellOf = (cell: HtmlValue | Cell): Cell =>
  typeof cell === 'object' && cell !== null && 'value' in cell ? cell : { value: cell };

function headCell(header: string | Cell): Html {
  const cell = cellOf(header);
  return cell.num
    ? markup`<th scope="col" class="num">${cell.value}</th>`
    : markup`<th scope="col">${cell.value}</th>`;
}

function bodyCell(value: HtmlValue | Cell): Html {
  const cell = cellOf(value);
  return cell.num ? markup`<td class="num">${cell.value}</td>` : markup`<td>${cell.value}</td>`;
}

/** A table whose header row is repeated on each printed page. */
export function table(
  headers: readonly (string | Cell)[],
  rows: readonly (readonly (HtmlValue | Cell)[])[],
): Html {
  const body = rows.map((row) => markup`<tr>${row.map(bodyCell)}</tr>\n`);
  return markup`<table>
<thead><tr>${headers.map(headCell)}</tr></thead>
<tbody>
${body}</tbody>
</table>`;
}

/** Label and figure pairs. */
export function figures(pairs: readonly (readonly [string, HtmlValue])[]): Html {
  const items = pairs.map(([label, value]) => markup`<dt>${label}</dt><dd>${value}</dd>\n`);
  return markup`<dl class="figures">
${items}</dl>`;
}

export function section(id: string, heading: string, content: HtmlValue, className?: string): Html {
  const classes = className ? markup` class="${className}"` : null;
  return markup`<section id="${id}"${classes}>
<h2>${heading}</h2>
${content}
</section>
`;
}

/** The whole document: nothing fetched, nothing run (the policy forbids it even if escaping failed). */
export function document(title: string, header: Html, body: readonly Html[]): Html {
  return markup`<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${STYLE}
</head>
<body>
${header}
<main>
${body}</main>
</body>
</html>
`;
}
