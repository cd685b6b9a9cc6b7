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
import { Decoder as ZstdDecoder, Encoder as ZstdEncoder } from '@toondepauw/node-zstd';

/**
 * How every backup object is stored: compressed, then encrypted with AES-256-GCM under the
 * client's key, framed as `OXYB | version | codec | iv(12) | ciphertext | tag(16)`. Checksums
 * (SHA-256) of the plaintext and of the stored bytes are returned to go into the catalogue and
 * the object's metadata, so every copy can be verified without the key.
 *
 * New objects are compressed with zstd level 1 (codec 2); objects sealed with gzip level 1
 * (codec 1) before it still open, since the codec byte in the header says how to decompress.
 * Why zstd: docs/BENCHMARKS.md, "Backups and restores".
 */

const MAGIC = Buffer.from('OXYB');
const VERSION = 1;
const HEADER_BYTES = MAGIC.length + 2 + 12;
const TAG_BYTES = 16;

export const Codec = { None: 0, Gzip: 1, Zstd: 2 } as const;
export type Codec = (typeof Codec)[keyof typeof Codec];

/** What newly sealed objects use. */
export const DEFAULT_CODEC: Codec = Codec.Zstd;

/**
 * zstd is compressed in independent blocks of at most ZSTD_BLOCK plaintext bytes, each stored as
 * `length(4, big-endian) | zstd frame`: the binding compresses whole buffers (on libuv's thread
 * pool), so a stream is cut into blocks, and the codec holds about 2 MB per object at a time.
 */
const ZSTD_BLOCK = 1024 * 1024;
const ZSTD_LEVEL = 1;
/** A frame of one block is never larger than this (zstd's compress bound, rounded up). */
const ZSTD_MAX_FRAME = ZSTD_BLOCK + ZSTD_BLOCK / 128 + 1024;
const zstdEncoder = new ZstdEncoder(ZSTD_LEVEL);
const zstdDecoder = new ZstdDecoder();

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

/** Chunks held back until a whole block (or frame) is there, joined once when it is taken. */
class Pending {
  private chunks: Buffer[] = [];
  bytes = 0;

  add(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.bytes += chunk.length;
  }

  /** The first `count` bytes: a view of the first chunk if it holds them all, else a fresh copy. */
  take(count: number): Buffer {
    const first = this.chunks[0];
    let taken: Buffer;
    if (first && first.length >= count) {
      taken = first.subarray(0, count);
      const rest = first.subarray(count);
      if (rest.length > 0) this.chunks[0] = rest;
      else this.chunks.shift();
    } else {
      const all = Buffer.concat(this.chunks, this.bytes);
      taken = all.subarray(0, count);
      const rest = all.subarray(count);
      this.chunks = rest.length > 0 ? [rest] : [];
    }
    this.bytes -= count;
    return taken;
  }

  /** The big-endian uint32 at the front, without taking it. */
  peekUInt32(): number {
    const first = this.chunks[0];
    if (first && first.length >= 4) return first.readUInt32BE(0);
    const head = Buffer.concat(this.chunks, this.bytes);
    this.chunks = [head];
    return head.readUInt32BE(0);
  }
}

/** Plaintext → `length | zstd frame` per block of ZSTD_BLOCK bytes. */
class ZstdCompressor extends Transform {
  private readonly pending = new Pending();

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.pending.add(chunk);
    if (this.pending.bytes < ZSTD_BLOCK) return done();
    this.emitting(false, done);
  }

  override _flush(done: TransformCallback): void {
    this.emitting(true, done);
  }

  private emitting(final: boolean, done: TransformCallback): void {
    try {
      this.emitBlocks(final);
      done();
    } catch (error) {
      done(error as Error);
    }
  }

  private emitBlocks(final: boolean): void {
    while (this.pending.bytes >= ZSTD_BLOCK || (final && this.pending.bytes > 0)) {
      // Synchronously, on this thread: a block never crosses to a pool thread while the stream
      // machinery still owns its memory (a restore once read a corrupted frame with the async API).
      const frame = zstdEncoder.encodeSync(this.pending.take(Math.min(ZSTD_BLOCK, this.pending.bytes)));
      const length = Buffer.alloc(4);
      length.writeUInt32BE(frame.length);
      this.push(length);
      this.push(frame);
    }
  }
}

/** The reverse of ZstdCompressor; a block that does not decode is reported as corruption. */
class ZstdDecompressor extends Transform {
  private readonly pending = new Pending();

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.pending.add(chunk);
    try {
      this.emitBlocks();
      done();
    } catch (error) {
      done(error as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    done(this.pending.bytes === 0 ? null : invalidBlock('a zstd block is cut short'));
  }

  private emitBlocks(): void {
    while (this.pending.bytes >= 4) {
      const length = this.pending.peekUInt32();
      if (length === 0 || length > ZSTD_MAX_FRAME) throw invalidBlock(`a zstd block claims ${length} bytes`);
      if (this.pending.bytes < 4 + length) return;
      this.pending.take(4);
      const frame = this.pending.take(length);
      let block: Buffer;
      try {
        block = zstdDecoder.decodeSync(frame);
      } catch (error) {
        throw invalidBlock((error as Error).message);
      }
      if (block.length > ZSTD_BLOCK) throw invalidBlock(`a zstd block holds ${block.length} bytes`);
      this.push(block);
    }
  }
}

const invalidBlock = (why: string) =>
  new Error(`backup object is invalid: corrupted, or encrypted with another key (${why})`);

function compressor(codec: Codec): Transform {
  if (codec === Codec.Zstd) return new ZstdCompressor();
  if (codec === Codec.Gzip) return zlib.createGzip({ level: 1 });
  return new PassThrough();
}

function decompressor(codec: number): Transform {
  if (codec === Codec.Zstd) return new ZstdDecompressor();
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
  codec: Codec = DEFAULT_CODEC,
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
  codec: Codec = DEFAULT_CODEC,
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
