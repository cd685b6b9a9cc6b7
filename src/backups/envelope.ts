import {
  createCipheriv,
  createDecipheriv,
  createHash,
  randomBytes,
  type DecipherGCM,
  type Hash,
} from 'node:crypto';
import { PassThrough, Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';

/**
 * How every backup object is stored: compressed, then encrypted with AES-256-GCM under the
 * client's key, framed as `OXYB | version | codec | iv(12) | ciphertext | tag(16)`. Checksums
 * (SHA-256) of the plaintext and of the stored bytes are returned to go into the catalogue and
 * the object's metadata, so every copy can be verified without the key.
 */

const MAGIC = Buffer.from('OXYB');
const VERSION = 1;
const HEADER_BYTES = MAGIC.length + 2 + 12;
const TAG_BYTES = 16;

export const Codec = { None: 0, Gzip: 1 } as const;
export type Codec = (typeof Codec)[keyof typeof Codec];

export interface SealSummary {
  plainBytes: number;
  plainSha256: string;
  storedBytes: number;
  storedSha256: string;
}

function counter(hash: Hash, count: { bytes: number }): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      count.bytes += chunk.length;
      done(null, chunk);
    },
  });
}

function compressor(codec: Codec): Transform {
  return codec === Codec.Gzip ? zlib.createGzip({ level: 1 }) : new PassThrough();
}

function decompressor(codec: number): Transform {
  if (codec === Codec.Gzip) return zlib.createGunzip();
  if (codec === Codec.None) return new PassThrough();
  throw new Error(`unknown compression codec ${codec} in a backup object`);
}

class Encrypter extends Transform {
  private readonly cipher;
  private headerSent = false;

  constructor(
    key: Buffer,
    private readonly codec: Codec,
    private readonly iv = randomBytes(12),
  ) {
    super();
    this.cipher = createCipheriv('aes-256-gcm', key, iv);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.sendHeader();
    done(null, this.cipher.update(chunk));
  }

  override _flush(done: TransformCallback): void {
    this.sendHeader();
    this.push(this.cipher.final());
    done(null, this.cipher.getAuthTag());
  }

  private sendHeader(): void {
    if (this.headerSent) return;
    this.headerSent = true;
    this.push(Buffer.concat([MAGIC, Buffer.from([VERSION, this.codec]), this.iv]));
  }
}

class Decrypter extends Transform {
  private header = Buffer.alloc(0);
  private decipher: DecipherGCM | undefined;
  private held = Buffer.alloc(0);
  codec = -1;

  constructor(private readonly key: Buffer) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let data = chunk;
    if (!this.decipher) {
      this.header = Buffer.concat([this.header, data]);
      if (this.header.length < HEADER_BYTES) return done();
      if (!this.header.subarray(0, 4).equals(MAGIC) || this.header[4] !== VERSION) {
        return done(new Error('not an Oxygis backup object (bad header)'));
      }
      this.codec = this.header[5] ?? -1;
      this.decipher = createDecipheriv('aes-256-gcm', this.key, this.header.subarray(6, HEADER_BYTES));
      data = this.header.subarray(HEADER_BYTES);
    }
    // The last 16 bytes are the tag: hold them back until the end.
    const all = Buffer.concat([this.held, data]);
    this.held = all.subarray(Math.max(0, all.length - TAG_BYTES));
    done(null, this.decipher.update(all.subarray(0, Math.max(0, all.length - TAG_BYTES))));
  }

  override _flush(done: TransformCallback): void {
    if (!this.decipher || this.held.length !== TAG_BYTES)
      return done(new Error('backup object is truncated'));
    this.decipher.setAuthTag(this.held);
    try {
      done(null, this.decipher.final());
    } catch {
      done(new Error('backup object failed authentication: corrupted, or encrypted with another key'));
    }
  }
}

/** Compresses and encrypts `source` into `destination`; resolves with sizes and checksums. */
export async function seal(
  source: Readable,
  destination: NodeJS.WritableStream,
  key: Buffer,
  codec: Codec = Codec.Gzip,
): Promise<SealSummary> {
  const plainHash = createHash('sha256');
  const storedHash = createHash('sha256');
  const plain = { bytes: 0 };
  const stored = { bytes: 0 };
  await pipeline(
    source,
    counter(plainHash, plain),
    compressor(codec),
    new Encrypter(key, codec),
    counter(storedHash, stored),
    destination,
  );
  return {
    plainBytes: plain.bytes,
    plainSha256: plainHash.digest('hex'),
    storedBytes: stored.bytes,
    storedSha256: storedHash.digest('hex'),
  };
}

/** Seals a buffer in memory (WAL segments: 1-16 MB). */
export async function sealBuffer(
  data: Buffer,
  key: Buffer,
  codec: Codec = Codec.Gzip,
): Promise<{ body: Buffer } & SealSummary> {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const { Readable } = await import('node:stream');
  const summary = await seal(Readable.from([data]), sink, key, codec);
  return { body: Buffer.concat(chunks), ...summary };
}

/** Decompresses with the codec named in the header, which is known once the first bytes passed. */
class LazyDecompressor extends Transform {
  private inner: Transform | undefined;

  constructor(private readonly codecOf: () => number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const inner = this.start();
    if (inner.write(chunk)) done();
    else inner.once('drain', () => done());
  }

  override _flush(done: TransformCallback): void {
    const inner = this.start();
    inner.once('end', () => done());
    inner.once('error', done);
    inner.end();
  }

  private start(): Transform {
    if (this.inner) return this.inner;
    const inner = decompressor(this.codecOf());
    inner.on('data', (chunk: Buffer) => this.push(chunk));
    inner.on('error', (error) => this.destroy(error));
    this.inner = inner;
    return inner;
  }
}

/**
 * Decrypts and decompresses `source` into `destination`. Rejects on a wrong key, a flipped byte
 * or a truncated object; whatever was written before the rejection must then be thrown away.
 */
export async function open(
  source: Readable,
  destination: NodeJS.WritableStream,
  key: Buffer,
): Promise<{ plainSha256: string; plainBytes: number }> {
  const decrypter = new Decrypter(key);
  const plainHash = createHash('sha256');
  const plain = { bytes: 0 };
  await pipeline(
    source,
    decrypter,
    new LazyDecompressor(() => decrypter.codec),
    counter(plainHash, plain),
    destination,
  );
  return { plainSha256: plainHash.digest('hex'), plainBytes: plain.bytes };
}

/** SHA-256 of a stream (verifying a stored copy against its catalogued checksum needs no key). */
export async function sha256Of(source: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of source) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
