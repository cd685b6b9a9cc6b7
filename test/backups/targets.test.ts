import { createCipheriv, randomBytes } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Codec, DEFAULT_CODEC, open, seal, sealBuffer, sha256Of } from '../../src/backups/envelope.js';
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
  const sealed = async (data: Buffer, withKey = key, codec?: Codec) => {
    const sink = new PassThrough();
    const out = collect(sink);
    const summary = await seal(Readable.from([data]), sink, withKey, codec);
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

  const opened = async (body: Buffer, withKey = key) => {
    const sink = new PassThrough();
    const out = collect(sink);
    const result = await open(Readable.from([body]), sink, withKey);
    return { data: await out, ...result };
  };
  // Several zstd blocks (1 MiB each) and a short last one; compressible and incompressible parts.
  const mixed = Buffer.concat([
    Buffer.from('UPDATE pgbench_accounts SET abalance = abalance + 1;\n'.repeat(40_000)),
    randomBytes(1_500_000),
  ]);

  it('seals new objects with zstd, and opens objects of every codec, in small or large pieces', async () => {
    expect(DEFAULT_CODEC).toBe(Codec.Zstd);
    for (const codec of [Codec.Zstd, Codec.Gzip, Codec.None]) {
      const { body, summary } = await sealed(mixed, key, codec);
      expect(body[5], `codec byte of ${codec}`).toBe(codec);
      expect(summary).toMatchObject({ plainBytes: mixed.length, storedBytes: body.length });
      if (codec !== Codec.None) expect(body.length).toBeLessThan(mixed.length * 0.75);
      // Read as one buffer, and as the odd-sized pieces a network stream delivers.
      for (const source of [[body], [...pieces(body, 7777)]]) {
        const sink = new PassThrough();
        const out = collect(sink);
        const result = await open(Readable.from(source), sink, key);
        expect((await out).equals(mixed), `codec ${codec}`).toBe(true);
        expect(result.plainSha256).toBe(summary.plainSha256);
      }
    }
    // sealBuffer (WAL segments, manifests) uses the default too; empty data round-trips.
    const wal = await sealBuffer(mixed.subarray(0, 3 * 1024 * 1024), key);
    expect(wal.body[5]).toBe(Codec.Zstd);
    expect((await opened(wal.body)).data.equals(mixed.subarray(0, 3 * 1024 * 1024))).toBe(true);
    const empty = await sealBuffer(Buffer.alloc(0), key);
    expect((await opened(empty.body)).data.length).toBe(0);
  });

  it('still opens a gzip object sealed before zstd (built here byte by byte, as the old code did)', async () => {
    // OXYB | version 1 | codec 1 (gzip level 1) | iv | AES-256-GCM(gzip(data)) | tag
    const data = Buffer.from('INSERT INTO orders VALUES (1);\n'.repeat(5_000));
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const ciphertext = Buffer.concat([cipher.update(gzipSync(data, { level: 1 })), cipher.final()]);
    const old = Buffer.concat([
      Buffer.from('OXYB'),
      Buffer.from([1, 1]),
      iv,
      ciphertext,
      cipher.getAuthTag(),
    ]);
    expect((await opened(old)).data.equals(data)).toBe(true);
  });

  it('rejects a damaged or foreign zstd object', async () => {
    const { body } = await sealed(mixed, key, Codec.Zstd);
    const attempt = (bytes: Buffer, withKey = key) =>
      open(Readable.from([bytes]), new PassThrough().resume(), withKey);
    for (const at of [18, 20, 1000, 60_000, body.length - 20]) {
      const flipped = Buffer.from(body);
      flipped[at] = (flipped[at] ?? 0) ^ 0x01;
      await expect(attempt(flipped), `flipped byte ${at}`).rejects.toThrow(/failed authentication|invalid/);
    }
    await expect(attempt(body.subarray(0, 200_000))).rejects.toThrow(
      /failed authentication|cut short|invalid/,
    );
    await expect(attempt(body, randomBytes(32))).rejects.toThrow(/failed authentication|invalid/);
  });
});

function* pieces(data: Buffer, size: number): Generator<Buffer> {
  for (let at = 0; at < data.length; at += size) yield data.subarray(at, at + size);
}
