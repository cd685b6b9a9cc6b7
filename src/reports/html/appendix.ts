import { markup, type Html } from './escape.js';
import { table } from './layout.js';

/**
 * The shared-responsibility matrix as the report prints it: one table per deployment model.
 * `columns` head the `cells` of each row; a first extra column heads the areas (else "Area").
 * Structural on purpose, so the report does not depend on how the matrix is modelled.
 */
export type ResponsibilityAppendix = readonly {
  title: string;
  note: string;
  columns: readonly string[];
  rows: readonly { area: string; cells: readonly string[] }[];
}[];

function modelTable(model: ResponsibilityAppendix[number]): Html {
  const width = Math.max(0, ...model.rows.map((r) => r.cells.length));
  const areaHeading = model.columns.length > width ? (model.columns[0] ?? 'Area') : 'Area';
  const headings = model.columns.length > width ? model.columns.slice(1) : model.columns;
  return markup`<h3>${model.title}</h3>
${model.note.trim() === '' ? null : markup`<p class="note">${model.note}</p>`}
${table(
  [areaHeading, ...headings],
  model.rows.map((r) => [markup`<strong>${r.area}</strong>`, ...r.cells]),
)}`;
}

export function responsibilityAppendix(appendix: ResponsibilityAppendix): Html | null {
  if (appendix.length === 0) return null;
  return markup`<section id="responsibility" class="appendix">
<h2>Appendix: shared responsibility</h2>
${appendix.map(modelTable)}
</section>`;
}
