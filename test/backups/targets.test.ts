import { randomBytes } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { open, seal, sha256Of } from '../../src/backups/envelope.js';
import { AzureBlobTarget } from '../../src/backups/targets/azure-target.js';
import { LocalTarget } from '../../src/backups/targets/local-target.js';
import type { StorageTarget } from '../../src/backups/targets/storage-target.js';
import { AZURITE_ACCOUNT, AZURITE_KEY, startAzurite, type RunningAzurite } from '../support/azurite.js';
import { removeDir, tempDir } from '../support/platform.js';

let azurite: RunningAzurite;
let dir: string;
const targets: StorageTarget[] = [];

beforeAll(async () => {
  azurite = await startAzurite();
  dir = await tempDir('oxygis-target-');
  targets.push(
    new LocalTarget('zone-a', dir),
    new AzureBlobTarget({
      name: 'azure',
      accountUrl: azurite.accountUrl,
      accountName: AZURITE_ACCOUNT,
      accountKey: AZURITE_KEY,
      container: 'backups',
    }),
  );
}, 60_000);

afterAll(async () => {
  await azurite.stop();
  await removeDir(dir);
});

const collect = async (stream: Readable) => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

describe.each([0, 1])('storage target %#', (index) => {
  const target = () => targets[index] as StorageTarget;

  it('stores, lists, reads back, describes and deletes objects', async () => {
    await target().check();
    const body = randomBytes(300_000);
    const stored = await target().put('clients/c1/wal/000000010000000000000001', body, { sha256: 'abc' });
    expect(stored.size).toBe(body.length);
    await target().put('clients/c1/wal/000000010000000000000002', Readable.from([body.subarray(0, 10)]));
    expect((await collect(await target().get('clients/c1/wal/000000010000000000000001'))).equals(body)).toBe(
      true,
    );
    expect(await target().head('clients/c1/wal/000000010000000000000001')).toMatchObject({
      size: body.length,
      metadata: { sha256: 'abc' },
    });
    const keys: string[] = [];
    for await (const object of target().list('clients/c1/')) keys.push(object.key);
    expect(keys).toEqual([
      'clients/c1/wal/000000010000000000000001',
      'clients/c1/wal/000000010000000000000002',
    ]);
    await target().delete('clients/c1/wal/000000010000000000000002');
    expect(await target().head('clients/c1/wal/000000010000000000000002')).toBeUndefined();
    expect(target().describe()).not.toContain(AZURITE_KEY);
  });

  it('refuses keys that would escape the store', async () => {
    await expect(target().put('../etc/passwd', Buffer.from('x'))).rejects.toThrow(/not a valid object key/);
    await expect(target().put('/abs', Buffer.from('x'))).rejects.toThrow(/not a valid object key/);
  });
});

describe('an unreachable Azure target', () => {
  it('fails its check with a message that names it', async () => {
    const wrong = new AzureBlobTarget({
      name: 'far-away',
      accountUrl: 'http://127.0.0.1:1/devstoreaccount1',
      accountName: AZURITE_ACCOUNT,
      accountKey: AZURITE_KEY,
      container: 'x',
    });
    await expect(wrong.check()).rejects.toThrow(/backup target "far-away" .* cannot be reached/);
  }, 60_000);
});

describe('the sealed envelope', () => {
  const key = randomBytes(32);
  const sealed = async (data: Buffer, withKey = key) => {
    const sink = new PassThrough();
    const out = collect(sink);
    const summary = await seal(Readable.from([data]), sink, withKey);
    return { body: await out, summary };
  };

  it('compresses, encrypts and round-trips, with checksums of both sides', async () => {
    const data = Buffer.from('INSERT INTO orders VALUES (1);\n'.repeat(10_000));
    const { body, summary } = await sealed(data);
    expect(summary.plainBytes).toBe(data.length);
    expect(summary.storedBytes).toBe(body.length);
    expect(body.length).toBeLessThan(data.length / 10); // repetitive WAL compresses
    expect(body.includes(Buffer.from('INSERT INTO'))).toBe(false); // and is encrypted
    expect(await sha256Of(Readable.from([body]))).toBe(summary.storedSha256);
    const sink = new PassThrough();
    const out = collect(sink);
    const opened = await open(Readable.from([body]), sink, key);
    expect((await out).equals(data)).toBe(true);
    expect(opened.plainSha256).toBe(summary.plainSha256);
  });

  it('detects a flipped byte, a truncation and a wrong key', async () => {
    const data = randomBytes(50_000);
    const { body } = await sealed(data);
    const attempt = (bytes: Buffer, withKey = key) =>
      open(Readable.from([bytes]), new PassThrough().resume(), withKey);
    const flipped = Buffer.from(body);
    flipped[1000] = (flipped[1000] ?? 0) ^ 0x01;
    await expect(attempt(flipped)).rejects.toThrow(/failed authentication|incorrect header|invalid/);
    await expect(attempt(body.subarray(0, body.length - 5))).rejects.toThrow();
    await expect(attempt(body, randomBytes(32))).rejects.toThrow(
      /failed authentication|incorrect header|invalid/,
    );
    await expect(attempt(Buffer.from('not a backup at all, nope'))).rejects.toThrow(
      /not an Oxygis backup object/,
    );
  });
});
