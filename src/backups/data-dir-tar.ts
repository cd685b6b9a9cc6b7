import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';

/** What a base backup leaves out (PostgreSQL's own list for file-system backups, plus ours). */
const SKIP_DIR_CONTENTS = new Set([
  'pg_wal',
  'pg_replslot',
  'pg_dynshmem',
  'pg_notify',
  'pg_serial',
  'pg_snapshots',
  'pg_stat_tmp',
  'pg_subtrans',
]);
const SKIP_FILES = new Set([
  'postmaster.pid',
  'postmaster.opts',
  'backup_label',
  'tablespace_map',
  'oxygis-archive.conf',
]);

export interface ManifestEntry {
  path: string;
  size: number;
  sha256: string;
}

/** Reads exactly `size` bytes: a file that shrank while being read is padded (WAL replay repairs it). */
class ExactLength extends Transform {
  private seen = 0;

  constructor(private readonly size: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const room = this.size - this.seen;
    const part = chunk.subarray(0, Math.max(0, room));
    this.seen += part.length;
    done(null, part);
  }

  override _flush(done: TransformCallback): void {
    if (this.seen < this.size) this.push(Buffer.alloc(this.size - this.seen));
    done();
  }
}

async function* files(
  root: string,
  relative = '',
): AsyncGenerator<{ path: string; full: string; isDir: boolean }> {
  const entries = await readdir(path.join(root, relative), { withFileTypes: true });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const rel = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      yield { path: rel, full: path.join(root, rel), isDir: true };
      if (!SKIP_DIR_CONTENTS.has(rel)) yield* files(root, rel);
    } else if (entry.isFile() && !SKIP_FILES.has(rel) && !entry.name.endsWith('.tmp')) {
      yield { path: rel, full: path.join(root, rel), isDir: false };
    }
  }
}

/**
 * Streams a running cluster's data directory as a tar (between pg_backup_start and
 * pg_backup_stop), never holding more than a chunk in memory, and records each file's size and
 * SHA-256 in the manifest.
 */
export function packDataDir(root: string): { stream: tar.Pack; manifest: Promise<ManifestEntry[]> } {
  const pack = tar.pack();
  const manifest = (async () => {
    const entries: ManifestEntry[] = [];
    for await (const file of files(root)) {
      if (file.isDir) {
        await new Promise<void>((resolve, reject) =>
          pack.entry({ name: `${file.path}/`, type: 'directory', mode: 0o700 }, (error) =>
            error ? reject(error) : resolve(),
          ),
        );
        continue;
      }
      let size: number;
      try {
        size = (await stat(file.full)).size;
      } catch {
        continue; // removed since the listing (a dropped table): WAL replay knows
      }
      const hash = createHash('sha256');
      const entry = pack.entry({ name: file.path, size, mode: 0o600, type: 'file' });
      const hashing = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk);
          done(null, chunk);
        },
      });
      await pipeline(createReadStream(file.full), new ExactLength(size), hashing, entry);
      entries.push({ path: file.path, size, sha256: hash.digest('hex') });
    }
    pack.finalize();
    return entries;
  })();
  manifest.catch((error: unknown) => pack.destroy(error instanceof Error ? error : new Error(String(error))));
  return { stream: pack, manifest };
}
