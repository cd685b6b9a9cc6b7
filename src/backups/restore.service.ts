import { execFile } from 'node:child_process';
import { appendFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import tar from 'tar-stream';
import type { Db } from '../db/database.js';
import type { Actor } from '../identity/access.js';
import { auditRepository } from '../identity/audit.repository.js';
import type { PgBinaries } from '../postgres/binaries.js';
import { PgCluster } from '../postgres/cluster.js';
import type { OsUser } from '../postgres/os-user.js';
import { badRequest, conflict } from '../server/errors.js';
import { freePort } from '../shared/free-port.js';
import type { Logger } from '../shared/logger.js';
import { withAdmin } from '../tenants/instance-admin.js';
import { instanceRepository } from '../tenants/instance.repository.js';
import type { InstanceService } from '../tenants/instance.service.js';
import { archiveCommand } from './archive-script.js';
import { baseKey } from './base-backup.service.js';
import { open } from './envelope.js';
import type { BackupKeys } from './keys.js';
import { readAll, sha256 } from './streams.js';
import type { StorageTarget } from './targets/storage-target.js';

const run = promisify(execFile);

export interface RestoreResult {
  baseBackupId: string;
  recoveredTo: string | null;
  durationMs: number;
  previousDataDir: string | null;
}

export interface DrillResult {
  ok: boolean;
  baseBackupId: string | null;
  durationMs: number;
  recoveredUpTo: Date | null;
  tables: number | null;
  error: string | null;
}

export interface RestoreContext {
  binaries: PgBinaries;
  osUser?: OsUser | undefined;
  script: string;
  socket: string;
}

/**
 * Point-in-time restore of one client's database into a NEW data directory beside the live one:
 * base backup + restore_command (WAL fetched from the archive) + recovery target, started on a
 * scratch port and checked; then the client is switched over to it on its own port, so host,
 * port, database and credentials stay the same. The previous data directory is kept.
 */
export class RestoreService {
  constructor(
    private readonly db: Db,
    private readonly instances: InstanceService,
    private readonly targets: StorageTarget[],
    private readonly keys: BackupKeys,
    private readonly context: RestoreContext,
    private readonly logger: Logger,
  ) {}

  /**
   * A restore drill: the latest state restored into a scratch directory, started, checked and
   * removed; the live instance is never touched. The time it took is the evidence for the
   * agreement's one-hour limit.
   */
  async drill(clientId: string): Promise<DrillResult> {
    const started = Date.now();
    try {
      const result = await this.restore(clientId, undefined, undefined, 'drill');
      const row = {
        client_id: clientId,
        ok: true,
        base_backup_id: result.baseBackupId,
        duration_ms: result.durationMs,
        recovered_up_to: result.recoveredUpTo,
        tables: result.tables,
      };
      await this.db.insertInto('restore_drill').values(row).execute();
      return {
        ok: true,
        baseBackupId: result.baseBackupId,
        durationMs: result.durationMs,
        recoveredUpTo: result.recoveredUpTo,
        tables: result.tables,
        error: null,
      };
    } catch (error) {
      const message = (error as Error).message;
      await this.db
        .insertInto('restore_drill')
        .values({ client_id: clientId, ok: false, duration_ms: Date.now() - started, error: message })
        .execute();
      return {
        ok: false,
        baseBackupId: null,
        durationMs: Date.now() - started,
        recoveredUpTo: null,
        tables: null,
        error: message,
      };
    }
  }

  drills(clientId: string) {
    return this.db
      .selectFrom('restore_drill')
      .select([
        'at',
        'ok',
        'base_backup_id as baseBackupId',
        'duration_ms as durationMs',
        'recovered_up_to as recoveredUpTo',
        'tables',
        'error',
      ])
      .where('client_id', '=', clientId)
      .orderBy('at', 'desc')
      .limit(20)
      .execute();
  }

  async restore(
    clientId: string,
    to: Date | undefined,
    actor?: Actor,
    mode: 'switch' | 'drill' = 'switch',
  ): Promise<RestoreResult & { recoveredUpTo: Date | null; tables: number | null }> {
    const started = Date.now();
    if (to && to.getTime() > Date.now())
      throw badRequest('restore_time_in_future', 'the restore time is in the future');
    const instance = await this.instances.find(clientId);
    if (!instance || instance.status === 'deleting')
      throw conflict('instance_not_found', 'the client has no database to restore');
    const backups = await this.db
      .selectFrom('base_backup')
      .select(['id', 'finished_at', 'stored_sha256'])
      .where('client_id', '=', clientId)
      .where('status', '=', 'done')
      .orderBy('finished_at', 'desc')
      .execute();
    const base = backups.find((b) => !to || (b.finished_at !== null && b.finished_at <= to));
    if (!base) {
      throw badRequest(
        'before_recoverable_window',
        to
          ? 'there is no base backup from before that time: choose a later time (see oxygis backup list)'
          : 'there is no base backup yet: run oxygis backup run first',
      );
    }
    const key = await this.keys.forClient(clientId);
    const home = path.dirname(instance.dataDir);
    const target = path.join(home, mode === 'drill' ? 'pgdata.drill' : 'pgdata.restore');
    const scratch = new PgCluster({
      dataDir: target,
      logFile: path.join(home, 'restore.log'),
      binaries: this.context.binaries,
      osUser: this.context.osUser,
    });
    await scratch.reclaimStale();
    await rm(target, { recursive: true, force: true });
    await mkdir(target, { mode: 0o700 });

    // 1. The base backup, from the first target whose copy is intact.
    const data = await this.intactObject(baseKey(clientId, base.id, 'data.tar.oxyb'), base.stored_sha256);
    const extract = tar.extract();
    extract.on('entry', (header, stream, next) => {
      const destination = path.join(target, header.name);
      if (!destination.startsWith(`${target}${path.sep}`)) return next(new Error('unsafe path in backup'));
      if (header.type === 'directory') {
        stream.resume();
        void mkdir(destination, { recursive: true, mode: 0o700 }).then(() => next(), next);
        return;
      }
      void mkdir(path.dirname(destination), { recursive: true, mode: 0o700 })
        .then(() => pipeline(stream, createWriteStream(destination, { mode: 0o600 })))
        .then(() => next(), next);
    });
    await open(Readable.from([data]), extract, key);
    const label = new PassThrough();
    const labelText = readAll(label);
    await open(
      Readable.from([await this.intactObject(baseKey(clientId, base.id, 'backup_label.oxyb'), null)]),
      label,
      key,
    );
    await writeFile(path.join(target, 'backup_label'), await labelText, { mode: 0o600 });

    // 2. Recovery settings: WAL from the archive, up to the chosen instant, then promote.
    const fetch = archiveCommand(process.execPath, this.context.script, this.context.socket, home).replace(
      ' push ',
      ' fetch ',
    );
    const settings = [
      '',
      '# oxygis restore',
      `restore_command = '${fetch.replaceAll("'", "''")}'`,
      // PostgreSQL's own timestamp syntax: ISO's "T" and "Z" are not accepted here.
      ...(to ? [`recovery_target_time = '${to.toISOString().replace('T', ' ').replace('Z', '+00')}'`] : []),
      "recovery_target_action = 'promote'",
      '',
    ].join('\n');
    await appendFile(path.join(target, 'postgresql.auto.conf'), settings);
    await writeFile(path.join(target, 'recovery.signal'), '');
    if (this.context.osUser)
      await run('chown', ['-R', `${this.context.osUser.uid}:${this.context.osUser.gid}`, target]);

    // 3. Start it on a scratch port and check it before anyone is switched over.
    const port = await freePort();
    let recoveredUpTo: Date | null = null;
    let tables: number | null = null;
    try {
      await scratch.start({
        port,
        parameters: { listen_addresses: '127.0.0.1' },
        startTimeoutMs: 30 * 60_000,
      });
      // Connections open while WAL is still replayed (hot standby): wait for the promotion.
      await withAdmin({ ...this.instances.adminConnection(instance), port }, async (client) => {
        const deadline = Date.now() + 30 * 60_000;
        for (;;) {
          const state = await client.query<{ recovering: boolean }>(
            'select pg_is_in_recovery() as recovering',
          );
          if (state.rows[0]?.recovering === false) {
            const facts = await client.query<{ replayed: Date | null; tables: number }>(
              'select pg_last_xact_replay_timestamp() as replayed, (select count(*)::int from pg_stat_user_tables) as tables',
            );
            recoveredUpTo = facts.rows[0]?.replayed ?? null;
            tables = facts.rows[0]?.tables ?? null;
            return;
          }
          if (Date.now() > deadline)
            throw new Error('the restored database did not finish its recovery in 30 minutes');
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      });
    } finally {
      await scratch.stop();
      if (mode === 'drill') await rm(target, { recursive: true, force: true });
    }
    if (mode === 'drill') {
      return {
        baseBackupId: base.id,
        recoveredTo: null,
        durationMs: Date.now() - started,
        previousDataDir: null,
        recoveredUpTo,
        tables,
      };
    }

    // 4. Switch over: the client's own port, the previous data directory kept beside.
    const auto = path.join(target, 'postgresql.auto.conf');
    const cleaned = (await readFile(auto, 'utf8')).split('\n# oxygis restore')[0] ?? '';
    await writeFile(auto, cleaned);
    const previous = path.join(home, `pgdata.previous-${new Date().toISOString().replace(/[:.]/g, '-')}`);
    await this.instances.stopInstance(clientId);
    // After a disaster the live directory may be gone: then there is nothing to keep.
    const kept = await rename(instance.dataDir, previous).then(
      () => true,
      (error: unknown) => {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        return false;
      },
    );
    await rename(target, instance.dataDir);
    await this.instances.startInstance(clientId);
    const durationMs = Date.now() - started;
    await instanceRepository.event(this.db, clientId, 'restored', {
      baseBackupId: base.id,
      recoveredTo: to?.toISOString() ?? 'latest',
      durationMs,
      previousDataDir: kept ? previous : null,
    });
    await auditRepository.append(this.db, {
      actorAccountId: actor?.account.id ?? null,
      actorEmail: actor?.account.email ?? null,
      clientId,
      action: 'backup.restored',
      ip: actor?.ip ?? null,
      detail: { baseBackupId: base.id, recoveredTo: to?.toISOString() ?? 'latest', durationMs },
    });
    this.logger.info({ clientId, durationMs }, 'client database restored');
    return {
      baseBackupId: base.id,
      recoveredTo: to?.toISOString() ?? null,
      durationMs,
      previousDataDir: kept ? previous : null,
      recoveredUpTo,
      tables,
    };
  }

  private async intactObject(objectKey: string, expected: string | null): Promise<Buffer> {
    for (const target of this.targets) {
      try {
        const head = await target.head(objectKey);
        const body = await readAll(await target.get(objectKey));
        const wanted = expected ?? head?.metadata.sha256 ?? null;
        if (wanted === null || sha256(body) === wanted) return body;
        this.logger.error(
          { object: objectKey, target: target.name },
          'corrupt backup copy skipped; trying another target',
        );
      } catch {
        // not on this target: try the next
      }
    }
    throw conflict('backup_unavailable', `no intact copy of ${objectKey} on any target`);
  }
}
