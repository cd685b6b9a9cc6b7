import escapeText from 'escape-html';

/* Everything a report prints from its data goes through escape-html (the escaper of Express). */

/** `&`, `<`, `>`, `"` and `'` as entities: safe in text and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return escapeText(text);
}

/** Markup already made safe: only ever built by `markup` below, never from a string of data. */
export class Html {
  constructor(readonly markup: string) {}

  toString(): string {
    return this.markup;
  }
}

export type HtmlValue = Html | string | number | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value instanceof Html) return value.markup;
  if (typeof value === 'string') return escapeHtml(value);
  if (typeof value === 'number') return String(value);
  if (value === null || value === undefined) return '';
  return value.map(render).join('');
}

/**
 * A template whose literal parts are markup and whose interpolations are data: strings are
 * escaped, `Html` is kept, arrays are joined, null and undefined print nothing. So a section
 * cannot forget to escape a client's text: only the literal parts of a template are ever markup.
 * Named `markup`, not `html`: Prettier reformats `html`-tagged templates, which would change the
 * text they print.
 */
export function markup(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): Html {
  let text = strings[0] ?? '';
  values.forEach((value, index) => {
    text += render(value) + (strings[index + 1] ?? '');
  });
  return new Html(text);
}
