import type { ResponsibilityAppendix } from './html/appendix.js';
import { matrixAsRows, RESPONSIBILITY_MATRIX } from './responsibility-matrix.js';

/** The shared-responsibility matrix as the report's appendix: one table per deployment model. */
export function responsibilityAppendix(): ResponsibilityAppendix {
  const footnotes = RESPONSIBILITY_MATRIX.footnotes.map((f) => `${f.mark} ${f.text}`).join(' ');
  return RESPONSIBILITY_MATRIX.models.map((model) => ({
    title: `${model.name}${model.mark ? ` ${model.mark}` : ''}`,
    note: `${model.description} ${RESPONSIBILITY_MATRIX.reading} ${footnotes}`.trim(),
    columns: ['Area', 'Responsible', 'Who does what'],
    rows: matrixAsRows(model.id).map((row) => ({
      area: `${row.area}${row.mark ? ` ${row.mark}` : ''}`,
      cells: [row.partyNames.join(' + '), row.detail ?? ''],
    })),
  }));
}
