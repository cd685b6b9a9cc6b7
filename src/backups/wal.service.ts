import { createWriteStream } from 'node:fs';
import { chown, readFile, rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { Db } from '../db/database.js';
import type { Logger } from '../shared/logger.js';
import { open, sealBuffer } from './envelope.js';
import type { BackupKeys } from './keys.js';
import { readAll, sha256 } from './streams.js';
import type { TargetSelection } from './target-selection.js';
import { walRepository } from './wal.repository.js';

/** WAL file names PostgreSQL archives: segments, timeline histories, backup history files. */
const WAL_NAME =
  /^([0-9A-F]{24}|[0-9A-F]{8}\.history|[0-9A-F]{24}\.[0-9A-F]{8}\.backup|[0-9A-F]{24}\.partial)$/;

export const walKey = (clientId: string, name: string) => `clients/${clientId}/wal/${name}`;

export class WalArchiveError extends Error {}

export interface ArchiveStatus {
  latestSegment: string | null;
  latestArchivedAt: Date | null;
  /** Newest segment stored on every target: the data-loss exposure is measured from it. */
  latestCompleteAt: Date | null;
  lagSeconds: number | null;
  segmentsMissingCopies: number;
  /** Segments each target still lacks (targets missing none are absent). */
  missingByTarget: Record<string, number>;
}

/**
 * Continuous archiving: each WAL file a client's instance finishes is sealed with the client's
 * key and written to every target. PostgreSQL is told "archived" only once at least one target
 * holds it durably; the targets that failed are recorded and caught up when they return, so a
 * target outage never stops protection.
 */
export class WalService {
  private readonly quietSince = new Map<string, Date>();

  constructor(
    private readonly db: Db,
    private readonly selection: TargetSelection,
    private readonly keys: BackupKeys,
    private readonly logger: Logger,
    private readonly targetDeadlineMs = 15_000,
  ) {}

  async push(
    clientId: string,
    name: string,
    file: string,
  ): Promise<{ targets: string[]; missing: string[] }> {
    if (!WAL_NAME.test(name)) throw new WalArchiveError(`"${name}" is not a WAL file name`);
    const data = await readFile(file);
    const sealed = await sealBuffer(data, await this.keys.forClient(clientId));
    const metadata = { sha256: sealed.storedSha256, plainsha256: sealed.plainSha256 };
    // A target that hangs must not hold the archiver: past the deadline its copy counts as
    // missing and is caught up later (rewriting the same sealed bytes is harmless).
    const targets = this.selection.forClient(clientId);
    const results = await Promise.allSettled(
      targets.map((target) =>
        withDeadline(target.put(walKey(clientId, name), sealed.body, metadata), this.targetDeadlineMs),
      ),
    );
    const stored: string[] = [];
    const missing: string[] = [];
    results.forEach((result, index) => {
      const target = targets[index];
      if (!target) return;
      if (result.status === 'fulfilled') stored.push(target.name);
      else {
        missing.push(target.name);
        this.logger.warn(
          { client: clientId, segment: name, target: target.name, err: result.reason as unknown },
          'WAL copy failed; will catch up',
        );
      }
    });
    if (stored.length === 0) {
      throw new WalArchiveError(`no backup target accepted ${name}; PostgreSQL keeps it and retries`);
    }
    await walRepository.record(this.db, {
      clientId,
      name,
      plainBytes: sealed.plainBytes,
      storedBytes: sealed.storedBytes,
      plainSha256: sealed.plainSha256,
      storedSha256: sealed.storedSha256,
      targets: stored,
      missing,
    });
    return { targets: stored, missing };
  }

  /**
   * restore_command: writes the WAL file, decrypted, to `destination` (owned by the PostgreSQL
   * user), from the first target whose copy matches the catalogued checksum. Returns the target
   * it came from, or undefined when no target has it (recovery then ends there).
   */
  async fetch(
    clientId: string,
    name: string,
    destination: string,
    owner?: { uid: number; gid: number },
  ): Promise<string | undefined> {
    if (!WAL_NAME.test(name)) throw new WalArchiveError(`"${name}" is not a WAL file name`);
    const record = await this.db
      .selectFrom('wal_segment')
      .select(['stored_sha256', 'plain_sha256'])
      .where('client_id', '=', clientId)
      .where('name', '=', name)
      .executeTakeFirst();
    const key = await this.keys.forClient(clientId);
    for (const target of this.selection.all) {
      let stored: Buffer;
      try {
        stored = await readAll(await target.get(walKey(clientId, name)));
      } catch {
        continue;
      }
      if (record && sha256(stored) !== record.stored_sha256) {
        this.logger.error(
          { client: clientId, segment: name, target: target.name },
          'corrupt WAL copy skipped; trying another target',
        );
        continue;
      }
      const temporary = `${destination}.oxygis-${process.pid}`;
      const sink = createWriteStream(temporary, { mode: 0o600 });
      const opened = await open(Readable.from([stored]), sink, key);
      if (record && opened.plainSha256 !== record.plain_sha256) {
        await rm(temporary, { force: true });
        continue;
      }
      if (owner) await chown(temporary, owner.uid, owner.gid);
      await rename(temporary, destination);
      return target.name;
    }
    return undefined;
  }

  /** Copies segments to the targets that missed them (the sealed bytes are the same everywhere). */
  async catchUp(): Promise<number> {
    let copied = 0;
    for (const record of await walRepository.incomplete(this.db)) {
      const source = this.selection.all.find((t) => record.targets.includes(t.name));
      if (!source) continue;
      for (const name of record.missing) {
        const target = this.selection.all.find((t) => t.name === name);
        if (!target) continue;
        try {
          const body = await readAll(await source.get(walKey(record.clientId, record.name)));
          if (sha256(body) !== record.storedSha256) {
            this.logger.error(
              { client: record.clientId, segment: record.name, source: source.name },
              'stored WAL copy is corrupt',
            );
            continue;
          }
          await target.put(walKey(record.clientId, record.name), body, { sha256: record.storedSha256 });
          await walRepository.caughtUp(this.db, record.clientId, record.name, name);
          copied++;
        } catch {
          // still down: the next round tries again
        }
      }
    }
    if (copied > 0) this.logger.info({ copied }, 'missing WAL copies caught up');
    return copied;
  }

  /** The instance had nothing left to archive at `at` (see WalSwitcher). */
  fullyArchived(clientId: string, at: Date): void {
    this.quietSince.set(clientId, at);
  }

  /**
   * Archive lag: how old the newest change that would be lost right now could be — the time
   * since the newest WAL stored on every target, or since the instance was last seen with
   * nothing left to archive (an idle client is not exposed), whichever is later.
   */
  async status(clientId: string, now = new Date()): Promise<ArchiveStatus> {
    const { latest, latestComplete, segmentsMissingCopies, missingByTarget } = await walRepository.status(
      this.db,
      clientId,
    );
    const completeAt = latestComplete?.completeAt ?? null;
    const quiet = this.quietSince.get(clientId);
    const protectedAt =
      segmentsMissingCopies === 0 && quiet && (!completeAt || quiet > completeAt) ? quiet : completeAt;
    return {
      latestSegment: latest?.name ?? null,
      latestArchivedAt: latest?.archivedAt ?? null,
      latestCompleteAt: completeAt,
      lagSeconds: protectedAt
        ? Math.max(0, Math.round((now.getTime() - protectedAt.getTime()) / 1000))
        : null,
      segmentsMissingCopies,
      missingByTarget,
    };
  }
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
