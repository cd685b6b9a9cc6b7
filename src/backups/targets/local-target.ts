import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { assertSafeKey, type StorageTarget, type StoredObject } from './storage-target.js';

async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * A directory (a mounted disk standing for a zone): each object written to a temporary file,
 * fsynced, renamed into place and the directory fsynced, so a crash never leaves half an object
 * under its real name. Metadata sits beside it as `<key>.meta.json`.
 */
export class LocalTarget implements StorageTarget {
  constructor(
    readonly name: string,
    private readonly root: string,
  ) {}

  describe(): string {
    return `directory ${this.root}`;
  }

  async put(
    key: string,
    body: Readable | Buffer,
    metadata: Record<string, string> = {},
  ): Promise<StoredObject> {
    assertSafeKey(key);
    const file = this.fileOf(key);
    await mkdir(path.dirname(file), { recursive: true });
    const temporary = `${file}.tmp-${randomBytes(4).toString('hex')}`;
    const handle = await open(temporary, 'w', 0o600);
    try {
      if (Buffer.isBuffer(body)) await handle.write(body);
      else for await (const chunk of body) await handle.write(chunk as Buffer);
      await handle.sync();
    } catch (error) {
      await handle.close();
      await rm(temporary, { force: true });
      throw error;
    }
    await handle.close();
    await writeFile(`${file}.meta.json`, JSON.stringify(metadata), { mode: 0o600 });
    await rename(temporary, file);
    await fsyncDir(path.dirname(file));
    return { key, size: (await stat(file)).size };
  }

  async get(key: string): Promise<Readable> {
    assertSafeKey(key);
    await stat(this.fileOf(key));
    return createReadStream(this.fileOf(key));
  }

  async head(key: string): Promise<(StoredObject & { metadata: Record<string, string> }) | undefined> {
    assertSafeKey(key);
    try {
      const info = await stat(this.fileOf(key));
      let metadata: Record<string, string> = {};
      try {
        metadata = JSON.parse(await readFile(`${this.fileOf(key)}.meta.json`, 'utf8')) as Record<
          string,
          string
        >;
      } catch {
        // written before metadata existed, or lost: the object itself is what counts
      }
      return { key, size: info.size, metadata };
    } catch {
      return undefined;
    }
  }

  async *list(prefix: string): AsyncIterable<StoredObject> {
    const base = this.fileOf(prefix.replace(/\/$/, '') || '.');
    const walk = async function* (dir: string, root: string): AsyncIterable<StoredObject> {
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) yield* walk(full, root);
        else if (!entry.name.endsWith('.meta.json') && !entry.name.includes('.tmp-')) {
          yield { key: path.relative(root, full).split(path.sep).join('/'), size: (await stat(full)).size };
        }
      }
    };
    yield* walk(base, this.root);
  }

  async delete(key: string): Promise<void> {
    assertSafeKey(key);
    await rm(this.fileOf(key), { force: true });
    await rm(`${this.fileOf(key)}.meta.json`, { force: true });
  }

  async check(): Promise<void> {
    try {
      await mkdir(this.root, { recursive: true });
      const probe = path.join(this.root, `.probe-${randomBytes(4).toString('hex')}`);
      await writeFile(probe, 'ok');
      await rm(probe);
    } catch (error) {
      throw new Error(
        `backup target "${this.name}" (${this.root}) is not writable: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }

  private fileOf(key: string): string {
    return path.join(this.root, ...key.split('/'));
  }
}
