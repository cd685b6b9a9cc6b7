import { pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { promisify } from 'node:util';

const pbkdf2Async = promisify(pbkdf2);

/**
 * Password hashes in passlib's `$pbkdf2-sha512$<rounds>$<salt>$<checksum>` format (as used by
 * Odoo and every passlib user), so existing hashes import as they are. Salt and checksum use
 * passlib's "adapted base64": standard base64 with `.` instead of `+` and no padding.
 * Hashing runs on libuv's thread pool (async pbkdf2), never on the event loop.
 */

const PREFIX = '$pbkdf2-sha512$';
const SALT_BYTES = 16;
const CHECKSUM_BYTES = 64;

export interface ParsedHash {
  rounds: number;
  salt: Buffer;
  checksum: Buffer;
}

export function ab64Encode(data: Buffer): string {
  return data.toString('base64').replaceAll('+', '.').replace(/=+$/, '');
}

export function ab64Decode(text: string): Buffer {
  return Buffer.from(text.replaceAll('.', '+'), 'base64');
}

const AB64 = /^[A-Za-z0-9./]+$/;

/** undefined when `hash` is not a well-formed pbkdf2-sha512 hash. */
export function parseHash(hash: string): ParsedHash | undefined {
  if (!hash.startsWith(PREFIX)) return undefined;
  const [roundsText, saltText, checksumText, ...rest] = hash.slice(PREFIX.length).split('$');
  if (rest.length > 0 || !roundsText || !saltText || !checksumText) return undefined;
  if (!/^[1-9]\d{0,9}$/.test(roundsText) || !AB64.test(saltText) || !AB64.test(checksumText))
    return undefined;
  const checksum = ab64Decode(checksumText);
  if (checksum.length !== CHECKSUM_BYTES) return undefined;
  return { rounds: Number(roundsText), salt: ab64Decode(saltText), checksum };
}

/**
 * At most one hash per core at a time: the rest wait here, in JavaScript, instead of filling
 * libuv's thread pool, where they would hold up every file read, DNS lookup and zlib call of the
 * process (a sign-in storm stalled even the console's index.html for a second; docs/BENCHMARKS.md).
 */
const hashSlots = { free: Math.max(1, availableParallelism()), waiting: [] as (() => void)[] };

async function withHashSlot<T>(work: () => Promise<T>): Promise<T> {
  if (hashSlots.free > 0) hashSlots.free--;
  else await new Promise<void>((resolve) => hashSlots.waiting.push(resolve));
  try {
    return await work();
  } finally {
    const next = hashSlots.waiting.shift();
    if (next) next();
    else hashSlots.free++;
  }
}

function derive(password: string, salt: Buffer, rounds: number): Promise<Buffer> {
  return withHashSlot(() =>
    pbkdf2Async(Buffer.from(password, 'utf8'), salt, rounds, CHECKSUM_BYTES, 'sha512'),
  );
}

export async function hashPassword(password: string, rounds: number): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const checksum = await derive(password, salt, rounds);
  return `${PREFIX}${rounds}$${ab64Encode(salt)}$${ab64Encode(checksum)}`;
}

/** Constant-time comparison of the derived key; false for a malformed hash. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const parsed = parseHash(hash);
  if (!parsed) return false;
  const candidate = await derive(password, parsed.salt, parsed.rounds);
  return timingSafeEqual(candidate, parsed.checksum);
}

/** True when the stored hash is weaker than the current policy and should be re-hashed. */
export function needsRehash(hash: string, rounds: number): boolean {
  const parsed = parseHash(hash);
  return !parsed || parsed.rounds < rounds || parsed.salt.length < SALT_BYTES;
}

/** A dummy hash to verify against when the account does not exist, so timing does not tell. */
export async function dummyVerify(password: string, rounds: number): Promise<void> {
  await derive(password, DUMMY_SALT, rounds);
}

const DUMMY_SALT = randomBytes(SALT_BYTES);
