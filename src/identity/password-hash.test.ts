import { describe, expect, it } from 'vitest';
import {
  ab64Decode,
  ab64Encode,
  hashPassword,
  needsRehash,
  parseHash,
  verifyPassword,
} from './password-hash.js';

// Known-correct hashes from passlib's own test suite (pbkdf2_sha512_test.known_correct_hashes).
const PASSLIB_VECTORS: [string, string][] = [
  [
    'password',
    '$pbkdf2-sha512$1212$RHY0Fr3IDMSVO/RSZyb5ow$eNLfBK.eVozomMr.1gYa17k9B7KIK25NOEshvhrSX.esqY3s.FvWZViXz4KoLlQI.BzY/YTNJOiKc5gBYFYGww',
  ],
  [
    '\u0399\u03c9\u03b1\u03bd\u03bd\u03b7\u03c2',
    '$pbkdf2-sha512$1212$KkbvoKGsAIcF8IslDR6skQ$8be/PRmd88Ps8fmPowCJttH9G3vgxpG.Krjt3KT.NP6cKJ0V4Prarqf.HBwz0dCkJ6xgWnSj2ynXSV7MlvMa8Q',
  ],
];

describe('pbkdf2-sha512 password hashes (passlib format)', () => {
  it.each(PASSLIB_VECTORS)('verifies the passlib hash of %j', async (password, hash) => {
    expect(await verifyPassword(password, hash)).toBe(true);
    expect(await verifyPassword(`${password}x`, hash)).toBe(false);
  });

  it('writes hashes passlib can read: prefix, rounds, 16-byte salt, 64-byte checksum in adapted base64', async () => {
    const hash = await hashPassword('a long enough passphrase', 2000);
    expect(hash).toMatch(/^\$pbkdf2-sha512\$2000\$[A-Za-z0-9./]{22}\$[A-Za-z0-9./]{86}$/);
    const parsed = parseHash(hash);
    expect(parsed?.salt.length).toBe(16);
    expect(parsed?.checksum.length).toBe(64);
    expect(await verifyPassword('a long enough passphrase', hash)).toBe(true);
  });

  it('salts: the same password hashes differently each time', async () => {
    const [a, b] = await Promise.all([
      hashPassword('same password here', 1000),
      hashPassword('same password here', 1000),
    ]);
    expect(a).not.toBe(b);
  });

  it('refuses malformed hashes instead of throwing', async () => {
    for (const bad of [
      '',
      'plaintext',
      '$pbkdf2-sha256$1212$4vjV83LKPjQzk31VI4E0Vw$hsYF68OiOUPdDZ1Fg.fJPeq1h/gXXY7acBp9/6c.tmQ',
      '$pbkdf2-sha512$0$RHY0Fr3IDMSVO/RSZyb5ow$eNLfBK',
      '$pbkdf2-sha512$1212$RHY0Fr3IDMSVO/RSZyb5ow$short',
      '$pbkdf2-sha512$1212$bad salt!$eNLfBK.eVozomMr.1gYa17k9B7KIK25NOEshvhrSX.esqY3s.FvWZViXz4KoLlQI.BzY/YTNJOiKc5gBYFYGww',
    ]) {
      expect(parseHash(bad)).toBeUndefined();
      expect(await verifyPassword('password', bad)).toBe(false);
    }
  });

  it('asks for a re-hash when the stored rounds are below the policy', () => {
    const [, hash] = PASSLIB_VECTORS[0] ?? ['', ''];
    expect(needsRehash(hash, 210_000)).toBe(true);
    expect(needsRehash(hash, 1212)).toBe(false);
  });

  it('adapted base64 round-trips every byte value', () => {
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    expect(ab64Decode(ab64Encode(all)).equals(all)).toBe(true);
    expect(ab64Encode(all)).not.toMatch(/[+=]/);
  });
});
