import { describe, expect, it } from 'vitest';
import { assertAcceptablePassword } from './password-policy.js';

const code = (fn: () => void): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('password policy', () => {
  it('needs at least 12 characters, counted as people count them', () => {
    expect(code(() => assertAcceptablePassword('short pass'))).toBe('password_too_short');
    expect(code(() => assertAcceptablePassword('👩‍👩‍👧‍👦'.repeat(11)))).toBe('password_too_short'); // 11 characters
  });

  it('allows 128 characters and refuses more', () => {
    const words = 'orchard violin maple comet ';
    expect(code(() => assertAcceptablePassword(words.repeat(5).slice(0, 128)))).toBeUndefined();
    expect(code(() => assertAcceptablePassword('x'.repeat(129)))).toBe('password_too_long');
  });

  it('refuses the most common passwords and trivial patterns, whatever their length', () => {
    for (const common of ['password1234', '123456789012', 'qwertyuiopas', 'aaaaaaaaaaaa', 'iloveyou1234']) {
      expect(
        code(() => assertAcceptablePassword(common)),
        common,
      ).toBe('password_too_common');
    }
  });

  it("refuses a password made of the user's own e-mail", () => {
    expect(code(() => assertAcceptablePassword('jeanne.dupont2026', ['jeanne.dupont@brasserie.be']))).toBe(
      'password_too_common',
    );
  });

  it('has no composition rules: long passphrases of plain words pass', () => {
    expect(code(() => assertAcceptablePassword('correct horse battery staple'))).toBeUndefined();
    expect(code(() => assertAcceptablePassword('ma grand-mère préfère le thé'))).toBeUndefined();
  });
});
