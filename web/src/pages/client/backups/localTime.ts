/** Wall-clock times typed in the browser, turned into instants the API understands. */

const LOCAL_INPUT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;

/**
 * The instant that a `datetime-local` value ("2026-11-29T10:15" or "…:30") names in the
 * browser's time zone, as ISO 8601 in UTC; undefined when it is not such a value.
 */
export function instantFromLocalInput(value: string): string | undefined {
  if (!LOCAL_INPUT.test(value)) return undefined;
  // ECMAScript reads a date-time without an offset as local time, which is what the person meant.
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** The browser's IANA time zone, such as "Europe/Paris". */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
