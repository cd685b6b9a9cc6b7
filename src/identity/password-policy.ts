import { badRequest } from '../server/errors.js';

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

/** Length only, no composition rules (NIST SP 800-63B); a common-password check joins it. */
export function assertAcceptablePassword(password: string): void {
  // Characters as people count them (grapheme clusters), not UTF-16 code units.
  const length = Array.from(new Intl.Segmenter().segment(password)).length;
  if (length < PASSWORD_MIN) {
    throw badRequest('password_too_short', `choose a password of at least ${PASSWORD_MIN} characters`);
  }
  if (length > PASSWORD_MAX) {
    throw badRequest('password_too_long', `choose a password of at most ${PASSWORD_MAX} characters`);
  }
}
