import { createHash, randomBytes } from 'node:crypto';

/** Opaque bearer secrets (sessions, API tokens, one-time links): only their SHA-256 is stored. */
export function newSecret(prefix = ''): { secret: string; hash: Buffer } {
  const secret = `${prefix}${randomBytes(32).toString('base64url')}`;
  return { secret, hash: hashSecret(secret) };
}

export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}
