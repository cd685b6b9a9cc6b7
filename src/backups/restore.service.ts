import { rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../db/database.js';
import type { Actor } from '../identity/access.js';
import { auditRepository } from '../identity/audit.repository.js';
import type { PgBinaries } from '../postgres/binaries.js';
import { PgCluster } from '../postgres/cluster.js';
import type { OsUser } from '../postgres/os-user.js';
import { badRequest, conflict, notFound } from '../server/errors.js';
import { freePort } from '../shared/free-port.js';
import type { Logger } from '../shared/logger.js';
import { instanceRepository, type InstanceRow } from '../tenants/instance.repository.js';
import type { InstanceService } from '../tenants/instance.service.js';
import { restoreCommand } from './archive-script.js';
import type { BackupCatalogue } from './catalogue.service.js';
import type { BackupKeys } from './keys.js';
import { recover, type RecoveryTarget } from './recovery-run.js';
import { clearRecoverySettings } from './restore-files.js';
import { unpackFromTargets } from './unpack-base.js';
import { restoreRunRepository, type RestorePhase, type RestoreRun } from './restore-run.repository.js';
import type { StorageTarget } from './targets/storage-target.js';

export interface RestoreContext {
  binaries: PgBinaries;
  osUser?: OsUser | undefined;
  script: string;
  socket: string;
  /** Days the replaced data directory is kept unless the operator confirms the restore. */
  keepPreviousDays: number;
  /** The client's archive lag now, in seconds (what a disaster now would lose). */
  archiveLag: (clientId: string) => Promise<number | null>;
}

export interface RestoreRequest {
  /** Recover up to this instant; neither `to` nor `backupId`: the latest state archived. */
  to?: Date | undefined;
  /** Restore this base backup as it was when it ended (older weekly backups). */
  backupId?: string | undefined;
  /** Replace the data in place: the database stops at once and its current data is not kept. */
  inPlace?: boolean | undefined;
}

export interface DrillResult {
  ok: boolean;
  dataLossWindowSeconds: number | null;
  baseBackupId: string | null;
  durationMs: number;
  recoveredUpTo: Date | null;
  tables: number | null;
  error: string | null;
}

interface Plan {
  instance: InstanceRow;
  base: { id: string; storedBytes: number; storedSha256: string | null; targets: string[] };
  target: RecoveryTarget;
}

/**
 * Point-in-time restore of one client's database. A restore is a run (restore_run) that the CLI
 * and the console follow: the base backup is streamed from the first target holding an intact
 * copy into a new data directory beside the live one (every file checked against the manifest),
 * WAL is replayed from the archive up to the chosen instant, the result is started on a scratch
 * port and checked, and only then is the client switched over on its own port — host, port,
 * database and credentials stay the same. The replaced data is kept until the operator confirms
 * or the keeping time ends. Restore drills run the same steps without the switch.
 */
export class RestoreService {
  private readonly active = new Map<string, { cluster: PgCluster; done: Promise<void> }>();
  private readonly restoredListeners: ((clientId: string) => void)[] = [];

  constructor(
    private readonly db: Db,
    private readonly instances: InstanceService,
    private readonly catalogue: BackupCatalogue,
    private readonly targets: StorageTarget[],
    private readonly keys: BackupKeys,
    private readonly context: RestoreContext,
    private readonly logger: Logger,
  ) {}

  /**
   * Checks the request (bad input changes nothing), records the run and starts it in the
   * background; the caller follows it with `get`.
   */
  async begin(actor: Actor, clientId: string, request: RestoreRequest): Promise<RestoreRun> {
    const plan = await this.plan(clientId, request);
    const run = await restoreRunRepository.start(this.db, {
      clientId,
      requestedBy: actor.account.email,
      mode: request.inPlace ? 'in_place' : 'switch',
      targetTime: request.to ?? null,
    });
    if (!run)
      throw conflict('restore_in_progress', 'a restore of this client is already running; wait for it');
    await restoreRunRepository.update(this.db, run.id, {
      base_backup_id: plan.base.id,
      bytes_total: plan.base.storedBytes,
    });
    await auditRepository.append(this.db, {
      actorAccountId: actor.account.id,
      actorEmail: actor.account.email,
      clientId,
      action: 'backup.restore_started',
      target: run.id,
      ip: actor.ip,
      detail: {
        to: request.to?.toISOString() ?? null,
        backupId: plan.base.id,
        inPlace: Boolean(request.inPlace),
      },
    });
    const cluster = this.scratchCluster(plan.instance, 'restore');
    const done = this.execute(run.id, clientId, plan, cluster, Boolean(request.inPlace)).finally(() =>
      this.active.delete(run.id),
    );
    this.active.set(run.id, { cluster, done });
    return (await restoreRunRepository.find(this.db, clientId, run.id)) ?? run;
  }

  /** Told after a client's database was switched to restored data (its standby is rebuilt). */
  onRestored(listener: (clientId: string) => void): void {
    this.restoredListeners.push(listener);
  }

  get(clientId: string, id: string): Promise<RestoreRun | undefined> {
    return restoreRunRepository.find(this.db, clientId, id);
  }

  list(clientId: string): Promise<RestoreRun[]> {
    return restoreRunRepository.list(this.db, clientId);
  }

  /** Waits for a run started by this process (tests, and the drill job). */
  async settled(id: string): Promise<void> {
    await this.active.get(id)?.done;
  }

  /** The operator keeps the restored data: the replaced data directory is removed now. */
  async confirm(actor: Actor, clientId: string, id: string): Promise<RestoreRun> {
    const run = await restoreRunRepository.find(this.db, clientId, id);
    if (!run) throw notFound('restore_not_found', 'no such restore for this client');
    if (run.status !== 'done')
      throw conflict(
        'restore_not_done',
        `the restore is ${run.status}; only a finished restore is confirmed`,
      );
    if (run.previousDataDir && !run.previousRemovedAt) {
      await rm(run.previousDataDir, { recursive: true, force: true });
      await restoreRunRepository.update(this.db, id, { previous_removed_at: new Date() });
    }
    await auditRepository.append(this.db, {
      actorAccountId: actor.account.id,
      actorEmail: actor.account.email,
      clientId,
      action: 'backup.restore_confirmed',
      target: id,
      ip: actor.ip,
    });
    return (await restoreRunRepository.find(this.db, clientId, id)) ?? run;
  }

  /** The job: replaced data directories whose keeping time has ended are removed. */
  async removeExpiredPrevious(now = new Date()): Promise<number> {
    const due = await restoreRunRepository.previousDue(this.db, now);
    for (const run of due) {
      if (run.previousDataDir) await rm(run.previousDataDir, { recursive: true, force: true });
      await restoreRunRepository.update(this.db, run.id, { previous_removed_at: now });
    }
    return due.length;
  }

  /**
   * At start, before the instances: a run cut short by a stop or a crash is finished when it was
   * switching over (the checked data is moved in), otherwise marked failed with its scratch
   * directory removed — the live data was not changed. Leftover drill directories go too.
   */
  async recoverInterrupted(): Promise<void> {
    for (const run of await restoreRunRepository.interrupted(this.db)) {
      const home = path.dirname(run.dataDir);
      const staged = path.join(home, 'pgdata.restore');
      const scratch = new PgCluster({
        dataDir: staged,
        logFile: path.join(home, 'restore.log'),
        binaries: this.context.binaries,
        osUser: this.context.osUser,
      });
      await scratch.reclaimStale();
      const [live, restored] = await Promise.all([exists(run.dataDir), exists(staged)]);
      if (run.phase === 'switching' && restored && !live) {
        await rename(staged, run.dataDir);
        await this.finish(run.id, run.startedAt, { status: 'done', phase: 'done' });
        this.logger.warn({ clientId: run.clientId }, 'interrupted restore finished its switch-over at start');
        continue;
      }
      if (run.phase === 'switching' && !restored) {
        await this.finish(run.id, run.startedAt, { status: 'done', phase: 'done' });
        continue;
      }
      await rm(staged, { recursive: true, force: true });
      await this.finish(run.id, run.startedAt, {
        status: 'failed',
        phase: 'failed',
        error:
          'interrupted by a platform stop or crash; the database was not changed (run the restore again)',
      });
    }
    for (const instance of await this.db.selectFrom('instance').select('data_dir').execute()) {
      const drill = path.join(path.dirname(instance.data_dir), 'pgdata.drill');
      await this.scratchClusterAt(drill).reclaimStale();
      await rm(drill, { recursive: true, force: true });
    }
  }

  /** On platform stop: scratch servers of runs still going are stopped (the runs then fail). */
  async stop(): Promise<void> {
    await Promise.all([...this.active.values()].map((a) => a.cluster.stop()));
    await Promise.allSettled([...this.active.values()].map((a) => a.done));
  }

  /**
   * A restore drill: the latest state restored into a scratch directory, started, checked and
   * removed; the live instance is never touched. The time it took is the evidence for the
   * agreement's one-hour limit.
   */
  async drill(clientId: string): Promise<DrillResult> {
    const started = Date.now();
    let baseBackupId: string | null = null;
    const dataLossWindowSeconds = await this.context.archiveLag(clientId).catch(() => null);
    try {
      const plan = await this.plan(clientId, {});
      baseBackupId = plan.base.id;
      const cluster = this.scratchCluster(plan.instance, 'drill');
      const directory = path.join(path.dirname(plan.instance.dataDir), 'pgdata.drill');
      let result;
      try {
        result = await this.restoreInto(directory, clientId, plan, cluster, () => undefined);
      } finally {
        await cluster.stop();
        await rm(directory, { recursive: true, force: true });
      }
      const row = {
        client_id: clientId,
        ok: true,
        base_backup_id: baseBackupId,
        duration_ms: Date.now() - started,
        recovered_up_to: result.recoveredUpTo,
        tables: result.tables,
        data_loss_window_seconds: dataLossWindowSeconds,
      };
      await this.db.insertInto('restore_drill').values(row).execute();
      return {
        ok: true,
        baseBackupId,
        durationMs: row.duration_ms,
        dataLossWindowSeconds,
        ...result,
        error: null,
      };
    } catch (error) {
      const message = (error as Error).message;
      const durationMs = Date.now() - started;
      await this.db
        .insertInto('restore_drill')
        .values({
          client_id: clientId,
          data_loss_window_seconds: dataLossWindowSeconds,
          ok: false,
          base_backup_id: baseBackupId,
          duration_ms: durationMs,
          error: message,
        })
        .execute();
      return {
        ok: false,
        baseBackupId,
        durationMs,
        dataLossWindowSeconds,
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
        'data_loss_window_seconds as dataLossWindowSeconds',
      ])
      .where('client_id', '=', clientId)
      .orderBy('at', 'desc')
      .limit(20)
      .execute();
  }

  /** Which backup and which recovery target a request needs; a clear error for anything off. */
  private async plan(clientId: string, request: RestoreRequest): Promise<Plan> {
    if (request.to && request.backupId)
      throw badRequest('restore_target_ambiguous', 'give either a time or a backup, not both');
    if (request.to && request.to.getTime() > Date.now())
      throw badRequest('restore_time_in_future', 'the restore time is in the future');
    const instance = await this.instances.find(clientId);
    if (!instance || instance.status === 'deleting')
      throw conflict('instance_not_found', 'the client has no database to restore');
    const backups = await this.db
      .selectFrom('base_backup')
      .select(['id', 'status', 'finished_at', 'stored_bytes', 'stored_sha256', 'targets'])
      .where('client_id', '=', clientId)
      .orderBy('finished_at', 'desc')
      .execute();
    const usable = backups.filter((b) => b.status === 'done' && b.finished_at !== null);
    const toPlan = (b: (typeof usable)[number], target: RecoveryTarget): Plan => ({
      instance,
      base: {
        id: b.id,
        storedBytes: Number(b.stored_bytes ?? 0),
        storedSha256: b.stored_sha256,
        targets: b.targets,
      },
      target,
    });

    if (request.backupId) {
      const chosen = backups.find((b) => b.id === request.backupId);
      if (!chosen)
        throw notFound('backup_not_found', 'no such backup for this client (see oxygis backup list)');
      const complete = usable.find((b) => b.id === chosen.id);
      if (!complete)
        throw badRequest(
          'backup_not_restorable',
          `backup ${chosen.id} is ${chosen.status}; choose a complete backup`,
        );
      return toPlan(complete, { immediate: true });
    }
    const newest = usable[0];
    if (!newest) throw badRequest('no_backup', 'there is no base backup yet: run oxygis backup run first');
    if (!request.to) return toPlan(newest, undefined);

    const window = await this.catalogue.window(clientId);
    const iso = (d: Date | null) => d?.toISOString() ?? '-';
    if (!window.earliest || !window.latest || request.to < window.earliest) {
      throw badRequest(
        'before_recoverable_window',
        `${request.to.toISOString()} is before the recoverable window (${iso(window.earliest)} to ${iso(window.latest)}); choose a later time, or an older weekly backup with --backup (see oxygis backup list)`,
      );
    }
    if (request.to > window.latest) {
      throw badRequest(
        'after_recoverable_window',
        `the archive reaches ${iso(window.latest)}; choose an earlier time, or --latest for everything archived`,
      );
    }
    const to = request.to;
    const base = usable.find((b) => b.finished_at !== null && b.finished_at <= to);
    if (!base) throw badRequest('before_recoverable_window', 'there is no base backup from before that time');
    return toPlan(base, { time: to });
  }

  private async execute(
    runId: string,
    clientId: string,
    plan: Plan,
    cluster: PgCluster,
    inPlace: boolean,
  ): Promise<void> {
    const started = Date.now();
    const home = path.dirname(plan.instance.dataDir);
    const directory = path.join(home, 'pgdata.restore');
    const progress = throttled(async (change: { phase?: RestorePhase; bytes_done?: number }) =>
      restoreRunRepository.update(this.db, runId, change),
    );
    try {
      // In place: the database stops now, so that nothing written meanwhile is silently lost.
      if (inPlace) await this.instances.stopInstance(clientId);
      let bytes = 0;
      const result = await this.restoreInto(directory, clientId, plan, cluster, (event) => {
        if ('bytes' in event) {
          bytes += event.bytes;
          progress({ bytes_done: bytes });
        } else progress({ phase: 'replaying' });
      });
      await cluster.stop();
      await progress.flush();

      // The switch: recorded first, so a crash from here on is finished at the next start.
      await restoreRunRepository.update(this.db, runId, {
        phase: 'switching',
        recovered_up_to: result.recoveredUpTo,
      });
      await clearRecoverySettings(directory);
      await this.instances.stopInstance(clientId);
      const previous = inPlace ? null : path.join(home, `pgdata.previous-${stamp(new Date())}`);
      const kept = previous ? await moveIfPresent(plan.instance.dataDir, previous) : false;
      if (!previous) await rm(plan.instance.dataDir, { recursive: true, force: true });
      await rename(directory, plan.instance.dataDir);
      await this.instances.startInstance(clientId);

      const durationMs = Date.now() - started;
      const keptUntil = new Date(Date.now() + this.context.keepPreviousDays * 24 * 3600_000);
      await this.finish(runId, new Date(started), {
        status: 'done',
        phase: 'done',
        previous_data_dir: kept ? previous : null,
        previous_kept_until: kept ? keptUntil : null,
      });
      await instanceRepository.event(this.db, clientId, 'restored', {
        restoreId: runId,
        baseBackupId: plan.base.id,
        recoveredTo: plan.target && 'time' in plan.target ? plan.target.time.toISOString() : 'latest',
        recoveredUpTo: result.recoveredUpTo?.toISOString() ?? null,
        durationMs,
      });
      this.logger.info({ clientId, durationMs }, 'client database restored');
      for (const listener of this.restoredListeners) listener(clientId);
    } catch (error) {
      this.logger.error({ err: error, clientId, runId }, 'restore failed; the live database was not changed');
      await cluster.stop().catch(() => undefined);
      await rm(directory, { recursive: true, force: true });
      // In place, the database was stopped for the restore: it comes back with its data.
      if (inPlace && !this.instances.isRunning(clientId))
        await this.instances.startInstance(clientId).catch(() => undefined);
      await progress.flush();
      await this.finish(runId, new Date(started), {
        status: 'failed',
        phase: 'failed',
        error: (error as Error).message.split('\n')[0] ?? 'restore failed',
      });
    }
  }

  /** Unpacks the base backup from an intact copy, replays WAL to the target, checks the result. */
  private async restoreInto(
    directory: string,
    clientId: string,
    plan: Plan,
    cluster: PgCluster,
    onProgress: (event: { bytes: number } | { replaying: true }) => void,
  ) {
    await cluster.reclaimStale();
    await unpackFromTargets({
      directory,
      clientId,
      backup: plan.base,
      targets: this.targets,
      key: await this.keys.forClient(clientId),
      logger: this.logger,
      onBytes: (bytes) => onProgress({ bytes }),
    });

    onProgress({ replaying: true });
    const home = path.dirname(plan.instance.dataDir);
    const fetch = restoreCommand(process.execPath, this.context.script, this.context.socket, home);
    return recover({
      cluster,
      dataDir: directory,
      logFile: path.join(home, 'restore.log'),
      port: await freePort(),
      osUser: this.context.osUser,
      admin: this.instances.adminConnection(plan.instance),
      restoreCommand: fetch,
      target: plan.target,
      owner: { role: plan.instance.ownerRole },
      onReplay: () => undefined,
    });
  }

  private async finish(
    id: string,
    started: Date,
    change: Parameters<typeof restoreRunRepository.update>[2],
  ): Promise<void> {
    const now = new Date();
    await restoreRunRepository.update(this.db, id, {
      ...change,
      finished_at: now,
      duration_ms: now.getTime() - started.getTime(),
    });
  }

  private scratchCluster(instance: InstanceRow, kind: 'restore' | 'drill'): PgCluster {
    return this.scratchClusterAt(path.join(path.dirname(instance.dataDir), `pgdata.${kind}`));
  }

  private scratchClusterAt(dataDir: string): PgCluster {
    return new PgCluster({
      dataDir,
      logFile: path.join(path.dirname(dataDir), 'restore.log'),
      binaries: this.context.binaries,
      osUser: this.context.osUser,
    });
  }
}

const stamp = (d: Date) => d.toISOString().replace(/[:.]/g, '-');

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

/** After a disaster the live directory may be gone: then there is nothing to keep. */
async function moveIfPresent(from: string, to: string): Promise<boolean> {
  try {
    await rename(from, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return false;
  }
}

/** Progress writes at most twice a second; the latest change always lands (`flush`). */
function throttled<T extends object>(write: (change: T) => Promise<void>) {
  let pending: T | null = null;
  let timer: NodeJS.Timeout | null = null;
  let chain = Promise.resolve();
  const drain = () => {
    timer = null;
    const change = pending;
    pending = null;
    if (change) chain = chain.then(() => write(change)).catch(() => undefined);
  };
  const push = (change: T) => {
    pending = { ...(pending ?? {}), ...change };
    timer ??= setTimeout(drain, 500);
  };
  push.flush = async () => {
    if (timer) clearTimeout(timer);
    drain();
    await chain;
  };
  return push;
}
