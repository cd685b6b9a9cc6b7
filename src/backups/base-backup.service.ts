import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Db } from '../db/database.js';
import type { Actor } from '../identity/access.js';
import { auditRepository } from '../identity/audit.repository.js';
import { conflict } from '../server/errors.js';
import type { Logger } from '../shared/logger.js';
import type { InstanceService } from '../tenants/instance.service.js';
import { withAdmin } from '../tenants/instance-admin.js';
import { packDataDir } from './data-dir-tar.js';
import { seal, sealBuffer } from './envelope.js';
import type { BackupKeys } from './keys.js';
import type { TargetSelection } from './target-selection.js';

export const baseKey = (clientId: string, backupId: string, file: string) =>
  `clients/${clientId}/base/${backupId}/${file}`;

export interface BaseBackupRow {
  id: string;
  status: 'running' | 'done' | 'failed' | 'expired';
  startedAt: Date;
  finishedAt: Date | null;
  expiredAt: Date | null;
  verifiedAt: Date | null;
  verifiedOk: boolean | null;
  startLsn: string | null;
  stopLsn: string | null;
  files: number | null;
  plainBytes: number | null;
  storedBytes: number | null;
  targets: string[];
  missing: string[];
  error: string | null;
}

/**
 * Base backups through PostgreSQL's backup API: pg_backup_start, the data directory streamed as a
 * tar, sealed into a staging file (never the whole database in memory), uploaded to every
 * target with its manifest (size and SHA-256 per file) and backup_label, then pg_backup_stop,
 * which waits until the WAL the backup needs is archived.
 */
export class BaseBackupService {
  constructor(
    private readonly db: Db,
    private readonly instances: InstanceService,
    private readonly selection: TargetSelection,
    private readonly keys: BackupKeys,
    private readonly stagingDir: string,
    private readonly logger: Logger,
  ) {}

  async run(clientId: string, actor?: Actor): Promise<BaseBackupRow> {
    const instance = await this.instances.find(clientId);
    if (instance?.status !== 'running') {
      throw conflict(
        'instance_not_running',
        'the client database is not running (suspended or deleted); resume it first',
      );
    }
    const key = await this.keys.forClient(clientId);
    const row = await this.db
      .insertInto('base_backup')
      .values({ client_id: clientId, status: 'running' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const backupId = row.id;
    await mkdir(this.stagingDir, { recursive: true, mode: 0o700 });
    const staging = path.join(this.stagingDir, `${backupId}.tar.oxyb`);
    try {
      const result = await withAdmin(this.instances.adminConnection(instance), async (client) => {
        const started = await client.query<{ lsn: string }>('select pg_backup_start($1, true)::text as lsn', [
          `oxygis ${backupId}`,
        ]);
        try {
          const { stream, manifest } = packDataDir(instance.dataDir);
          const summary = await seal(Readable.from(stream), createWriteStream(staging, { mode: 0o600 }), key);
          const entries = await manifest;
          const stopped = await client.query<{ lsn: string; labelfile: string }>(
            'select lsn::text as lsn, labelfile from pg_backup_stop(true)',
          );
          const stop = stopped.rows[0];
          if (!stop) throw new Error('pg_backup_stop returned nothing');
          return {
            startLsn: started.rows[0]?.lsn ?? null,
            stopLsn: stop.lsn,
            label: stop.labelfile,
            summary,
            entries,
          };
        } catch (error) {
          await client.query('select pg_backup_stop(false)').catch(() => undefined);
          throw error;
        }
      });
      const manifest = await sealBuffer(
        Buffer.from(JSON.stringify({ backupId, files: result.entries })),
        key,
      );
      const label = await sealBuffer(Buffer.from(result.label), key);
      const stored: string[] = [];
      const missing: string[] = [];
      for (const target of this.selection.forClient(clientId)) {
        try {
          await target.put(baseKey(clientId, backupId, 'data.tar.oxyb'), createReadStream(staging), {
            sha256: result.summary.storedSha256,
          });
          await target.put(baseKey(clientId, backupId, 'manifest.json.oxyb'), manifest.body, {
            sha256: manifest.storedSha256,
          });
          await target.put(baseKey(clientId, backupId, 'backup_label.oxyb'), label.body, {
            sha256: label.storedSha256,
          });
          stored.push(target.name);
        } catch (error) {
          missing.push(target.name);
          this.logger.warn({ err: error, target: target.name, backupId }, 'base backup copy failed');
        }
      }
      if (stored.length === 0) throw new Error('no backup target accepted the base backup');
      await this.db
        .updateTable('base_backup')
        .set({
          status: 'done',
          finished_at: new Date(),
          start_lsn: result.startLsn,
          stop_lsn: result.stopLsn,
          files: result.entries.length,
          plain_bytes: result.summary.plainBytes,
          stored_bytes: result.summary.storedBytes,
          stored_sha256: result.summary.storedSha256,
          targets: stored,
          missing,
        })
        .where('id', '=', backupId)
        .execute();
    } catch (error) {
      this.logger.error({ err: error, clientId, backupId }, 'base backup failed');
      await this.db
        .updateTable('base_backup')
        .set({ status: 'failed', finished_at: new Date(), error: (error as Error).message })
        .where('id', '=', backupId)
        .execute();
    } finally {
      await rm(staging, { force: true });
    }
    const [done] = await this.list(clientId, backupId);
    if (!done) throw new Error('backup row vanished');
    await auditRepository.append(this.db, {
      actorAccountId: actor?.account.id ?? null,
      actorEmail: actor?.account.email ?? null,
      clientId,
      action: done.status === 'done' ? 'backup.base_backup_taken' : 'backup.base_backup_failed',
      target: backupId,
      ip: actor?.ip ?? null,
      detail: { targets: done.targets, missing: done.missing },
    });
    return done;
  }

  /**
   * The scheduled job: a base backup for every running client whose newest successful one is
   * older than its cadence (weekly unless the client has its own), or missing. Idempotent:
   * running it twice in a row takes each backup once.
   */
  async runDue(defaultEveryHours: number, now = new Date()): Promise<number> {
    const clients = await this.db
      .selectFrom('client')
      .innerJoin('instance', 'instance.client_id', 'client.id')
      .leftJoin('backup_policy', 'backup_policy.client_id', 'client.id')
      .leftJoin(
        (eb) =>
          eb
            .selectFrom('base_backup')
            .select((b) => ['client_id', b.fn.max('started_at').as('last')])
            .where('status', 'in', ['done', 'expired'])
            .groupBy('client_id')
            .as('latest'),
        (join) => join.onRef('latest.client_id', '=', 'client.id'),
      )
      .select(['client.id', 'latest.last', 'backup_policy.base_backup_every_hours as everyHours'])
      .where('client.status', '=', 'active')
      .where('instance.status', '=', 'running')
      .execute();
    let taken = 0;
    for (const client of clients) {
      const last = client.last === null ? 0 : new Date(client.last).getTime();
      // A few minutes' slack so that a daily job does not slip a day when a backup took long.
      const everyMs = (client.everyHours ?? defaultEveryHours) * 3600_000 - 10 * 60_000;
      if (now.getTime() - last < everyMs) continue;
      const result = await this.run(client.id);
      if (result.status === 'done') taken++;
    }
    return taken;
  }

  /** After a stop or a crash: backups left half-made are marked failed, staging files removed. */
  async failInterrupted(): Promise<void> {
    await this.db
      .updateTable('base_backup')
      .set({ status: 'failed', finished_at: new Date(), error: 'interrupted by a platform stop or crash' })
      .where('status', '=', 'running')
      .execute();
    await rm(this.stagingDir, { recursive: true, force: true });
  }

  async list(clientId: string, onlyId?: string): Promise<BaseBackupRow[]> {
    let query = this.db
      .selectFrom('base_backup')
      .select([
        'id',
        'status',
        'started_at as startedAt',
        'finished_at as finishedAt',
        'expired_at as expiredAt',
        'verified_at as verifiedAt',
        'verified_ok as verifiedOk',
        'start_lsn as startLsn',
        'stop_lsn as stopLsn',
        'files',
        'plain_bytes as plainBytes',
        'stored_bytes as storedBytes',
        'targets',
        'missing',
        'error',
      ])
      .where('client_id', '=', clientId)
      .orderBy('started_at', 'desc');
    if (onlyId) query = query.where('id', '=', onlyId);
    const rows = await query.execute();
    return rows.map((r) => ({
      ...r,
      plainBytes: r.plainBytes === null ? null : Number(r.plainBytes),
      storedBytes: r.storedBytes === null ? null : Number(r.storedBytes),
    }));
  }
}
