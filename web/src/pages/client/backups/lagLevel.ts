/**
 * The agreement promises at most 5 minutes of lost changes. Archiving more than 2 minutes behind
 * eats the margin of that promise (a breach of the platform's own objective); a warning shows
 * from 1 minute, while there is still time to act.
 */
export const LAG_WARNING_SECONDS = 60;
export const LAG_BREACH_SECONDS = 120;

export type LagLevel = 'ok' | 'warning' | 'breach';

/** Nothing archived on every target yet (null) protects nothing: a breach too. */
export function lagLevel(lagSeconds: number | null): LagLevel {
  if (lagSeconds === null || lagSeconds > LAG_BREACH_SECONDS) return 'breach';
  if (lagSeconds > LAG_WARNING_SECONDS) return 'warning';
  return 'ok';
}
