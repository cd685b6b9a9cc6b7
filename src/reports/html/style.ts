import { markup } from './escape.js';

/*
 * Print first: A4 pages with margins, headings kept with what follows, table rows never split,
 * table headers repeated on each page, every appendix on a new page. The verdicts are words, so
 * the report reads the same printed in black and white.
 */
export const STYLE = markup`<style>
  @page { size: A4; margin: 18mm 15mm 20mm 15mm; }
  :root { color-scheme: light; }
  * { box-sizing: border-box; }
  body {
    margin: 0;
    font-family: 'Helvetica Neue', Helvetica, Arial, 'Liberation Sans', sans-serif;
    font-size: 10pt;
    line-height: 1.4;
    color: #1a1a1a;
    background: #fff;
  }
  @media screen { body { max-width: 210mm; margin: 2em auto; padding: 0 1.5em; } }
  header { border-bottom: 2px solid #1a1a1a; padding-bottom: 0.6em; margin-bottom: 1em; }
  h1 { font-size: 17pt; margin: 0 0 0.3em; line-height: 1.2; }
  h2 { font-size: 13pt; margin: 1.6em 0 0.5em; border-bottom: 1px solid #bbb; padding-bottom: 0.15em; }
  h3 { font-size: 11pt; margin: 1.1em 0 0.4em; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  p { margin: 0.3em 0 0.6em; }
  .meta { margin: 0.1em 0; color: #333; }
  .version { font-weight: 600; }
  .provisional { color: #8a4b00; }
  table { width: 100%; border-collapse: collapse; margin: 0.4em 0 1em; font-size: 9pt; }
  thead { display: table-header-group; }
  tr, th, td { break-inside: avoid; page-break-inside: avoid; }
  th, td { border: 1px solid #c8c8c8; padding: 3px 6px; text-align: left; vertical-align: top; }
  th { background: #efefef; font-weight: 600; }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  td { overflow-wrap: anywhere; }
  dl.figures { display: grid; grid-template-columns: max-content 1fr; gap: 2px 1.2em; margin: 0.4em 0 1em; }
  dl.figures dt { font-weight: 600; }
  dl.figures dd { margin: 0; }
  .verdict { font-weight: 700; white-space: nowrap; }
  .verdict.met { color: #1b5e20; }
  .verdict.not-met { color: #b71c1c; }
  .verdict.none { color: #555; }
  .note { color: #444; font-size: 9pt; }
  figure { margin: 0.5em 0 1em; break-inside: avoid; page-break-inside: avoid; }
  figure svg { width: 100%; height: auto; display: block; }
  figcaption { font-size: 9pt; color: #333; }
  .swatch { display: inline-block; width: 0.9em; height: 0.9em; vertical-align: -0.1em; border: 1px solid #777; }
  .appendix { break-before: page; page-break-before: always; }
  a { color: #0b4f9c; }
</style>`;
