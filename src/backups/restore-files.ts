import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { appendFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import type { ManifestEntry } from './data-dir-tar.js';
import { open } from './envelope.js';
import { readAll } from './streams.js';

const MARK = '\n# oxygis restore';

/**
 * Unpacks a sealed base backup into an empty directory as it streams in (never the whole backup
 * in memory), hashing every file on the way and checking it against the backup's manifest.
 * `onBytes` reports stored bytes read, for progress. Throws, leaving the directory to be thrown
 * away, on a wrong key, a damaged copy or a file that does not match the manifest.
 */
export async function unpackBaseBackup(
  sealed: Readable,
  manifest: ManifestEntry[],
  directory: string,
  key: Buffer,
  onBytes: (bytes: number) => void,
): Promise<void> {
  const expected = new Map(manifest.map((entry) => [entry.path, entry]));
  const seen = new Set<string>();
  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    // A damaged backup destroys the entry being read; the error reaches the caller through
    // `open` below, never as an unhandled 'error' event (that would stop the platform).
    stream.on('error', () => undefined);
    const destination = path.join(directory, header.name);
    if (!destination.startsWith(`${directory}${path.sep}`)) return next(new Error('unsafe path in backup'));
    if (header.type === 'directory') {
      stream.resume();
      void mkdir(destination, { recursive: true, mode: 0o700 }).then(() => next(), next);
      return;
    }
    const hash = createHash('sha256');
    const hashing = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        done(null, chunk);
      },
    });
    void mkdir(path.dirname(destination), { recursive: true, mode: 0o700 })
      .then(() => pipeline(stream, hashing, createWriteStream(destination, { mode: 0o600 })))
      .then(() => {
        const entry = expected.get(header.name);
        const digest = hash.digest('hex');
        if (entry && entry.sha256 !== digest) throw new Error(`${header.name} does not match the manifest`);
        seen.add(header.name);
        next();
      })
      .catch(next);
  });
  const counting = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      onBytes(chunk.length);
      done(null, chunk);
    },
  });
  sealed.on('error', (error: Error) => counting.destroy(error));
  await open(sealed.pipe(counting), extract, key);
  const absent = manifest.filter((entry) => !seen.has(entry.path));
  if (absent.length > 0)
    throw new Error(`${absent.length} file(s) of the manifest are missing, e.g. ${absent[0]?.path}`);
}

/** Opens a small sealed object (manifest, backup_label) into memory. */
export async function openSmall(sealed: Readable, key: Buffer): Promise<Buffer> {
  const plain = new PassThrough();
  const text = readAll(plain);
  await open(sealed, plain, key);
  return text;
}

/** Recovery settings: WAL from the archive, up to the chosen instant (or the end), then promote. */
export async function writeRecoverySettings(
  directory: string,
  restoreCommand: string,
  target: { time: Date } | { immediate: true } | undefined,
): Promise<void> {
  const lines = [
    MARK.trimStart(),
    `restore_command = '${restoreCommand.replaceAll("'", "''")}'`,
    // PostgreSQL's own timestamp syntax: ISO's "T" and "Z" are not accepted here.
    ...(target && 'time' in target
      ? [`recovery_target_time = '${target.time.toISOString().replace('T', ' ').replace('Z', '+00')}'`]
      : []),
    ...(target && 'immediate' in target ? ["recovery_target = 'immediate'"] : []),
    "recovery_target_action = 'promote'",
    '',
  ];
  await clearRecoverySettings(directory);
  await appendFile(path.join(directory, 'postgresql.auto.conf'), `\n${lines.join('\n')}`);
  await writeFile(path.join(directory, 'recovery.signal'), '');
}

/** Takes the restore's settings out again, so the restored instance runs like any other. */
export async function clearRecoverySettings(directory: string): Promise<void> {
  const file = path.join(directory, 'postgresql.auto.conf');
  const text = await readFile(file, 'utf8');
  await writeFile(file, text.split(MARK)[0] ?? '');
}

export async function removeRecoverySignal(directory: string): Promise<void> {
  await rm(path.join(directory, 'recovery.signal'), { force: true });
}
