import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { badRequest } from '../server/errors.js';

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

// zxcvbn-ts with its common-password and keyboard-pattern lists (a well-kept estimator, not a
// hand-typed list). Score 0-1 = guessable within ~10^6 guesses: refused.
const estimator = new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });

/**
 * NIST SP 800-63B: length, no composition rules, and no password that is common or guessable
 * from the account's own e-mail or name.
 */
export function assertAcceptablePassword(password: string, userInputs: string[] = []): void {
  // Characters as people count them (grapheme clusters), not UTF-16 code units.
  const length = Array.from(new Intl.Segmenter().segment(password)).length;
  if (length < PASSWORD_MIN) {
    throw badRequest('password_too_short', `choose a password of at least ${PASSWORD_MIN} characters`);
  }
  if (length > PASSWORD_MAX) {
    throw badRequest('password_too_long', `choose a password of at most ${PASSWORD_MAX} characters`);
  }
  const inputs = userInputs
    .flatMap((input) => {
      const lower = input.toLowerCase();
      return [lower, lower.split('@')[0] ?? '', ...lower.split(/[^\p{L}\p{N}]+/u)];
    })
    .filter((word) => word.length > 2);
  if (estimator.check(password, inputs).score < 2) {
    throw badRequest(
      'password_too_common',
      'this password is too easy to guess (a common password, a simple pattern or your own name); ' +
        'choose another, for example a few unrelated words',
    );
  }
}
