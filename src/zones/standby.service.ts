import { execFile } from 'node:child_process';
import { chown, mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { restoreCommand } from '../backups/archive-script.js';
import type { BaseBackupService } from '../backups/base-backup.service.js';
import type { BackupKeys } from '../backups/keys.js';
import type { StorageTarget } from '../backups/targets/storage-target.js';
import { unpackFromTargets } from '../backups/unpack-base.js';
import type { AlertService } from '../alerts/alert.service.js';
import type { Db } from '../db/database.js';
import { assertCanAdministerClient, assertOperator, type Actor } from '../identity/access.js';
import { auditRepository } from '../identity/audit.repository.js';
import type { OsUser } from '../postgres/os-user.js';
import { badRequest, conflict, notFound } from '../server/errors.js';
import type { Logger } from '../shared/logger.js';
import type { ClientService } from '../tenants/client.service.js';
import type { HostDriver } from '../tenants/host-driver.js';
import { withAdmin } from '../tenants/instance-admin.js';
import { instanceRepository, type InstanceRow } from '../tenants/instance.repository.js';
import type { InstanceService } from '../tenants/instance.service.js';
import { ensureReplicationAccess, replicationPassword } from './replication-access.js';
import { clearStandbySettings, setInstancePort, writeStandbySettings } from './standby-files.js';
import { standbyRepository, type StandbyRow } from './standby.repository.js';
import type { Zones } from './zones.js';

const run = promisify(execFile);

export interface StandbyContext {
  platformKey: Buffer;
  osUser: OsUser | undefined;
  /** The archive script and socket (the standby's restore_command). */
  script: string;
  socket: string;
}

/**
 * The multi-zone option: each client that has it runs a hot standby of its database in the other
 * zone, streaming from the primary over TLS (falling back on the WAL archive when it falls
 * behind). The standby is laid down from a fresh base backup of our own — the npm PostgreSQL
 * binaries have no pg_basebackup — then started and watched (`StandbyWatch`). A failover promotes
 * it and makes it the client's database on the client's own port; a new standby is then built in
 * the zone the primary left. Crashes at any step are finished or undone at the next start.
 */
export class StandbyService {
  private readonly building = new Map<string, Promise<void>>();

  constructor(
    private readonly db: Db,
    private readonly clients: ClientService,
    private readonly instances: InstanceService,
    /** Runs the standbys (a host driver of its own: its processes are keyed by client too). */
    private readonly driver: HostDriver,
    private readonly zones: Zones,
    private readonly baseBackups: BaseBackupService,
    private readonly targets: StorageTarget[],
    private readonly keys: BackupKeys,
    private readonly alerts: AlertService,
    private readonly context: StandbyContext,
    private readonly logger: Logger,
  ) {
    instances.onDestroy((clientId) => this.remove(clientId));
  }

  /** What a client (administrators and staff) sees: where the standby is and how far behind. */
  async status(actor: Actor, clientKey: string) {
    const client = await this.clients.find(actor, clientKey);
    assertCanAdministerClient(actor.account, client.id);
    const instance = await this.instances.find(client.id);
    const standby = await standbyRepository.find(this.db, client.id);
    return {
      client: client.slug,
      primaryZone: instance ? this.zones.zoneOf(instance.dataDir) : null,
      standby: standby ? this.view(standby) : null,
    };
  }

  /** Starts building a standby in the background (the option's activation, a rebuild). */
  begin(clientId: string): Promise<void> {
    const current = this.building.get(clientId);
    if (current) return current;
    const work = this.create(clientId)
      .catch((error: unknown) => {
        this.logger.error({ err: error, clientId }, 'standby could not be built');
      })
      .finally(() => this.building.delete(clientId));
    this.building.set(clientId, work);
    return work;
  }

  /** Waits for a build started by this process (tests). */
  async settled(clientId: string): Promise<void> {
    await this.building.get(clientId);
  }

  /** Operators: throw the standby away and build it again from a fresh base backup. */
  async rebuild(actor: Actor, clientKey: string): Promise<void> {
    const client = await this.clients.find(actor, clientKey);
    assertOperator(actor.account);
    if (!(await standbyRepository.find(this.db, client.id)))
      throw notFound('standby_not_found', 'this client has no standby (the multi-zone option is not active)');
    await this.audit(actor, client.id, 'standby.rebuilt', {});
    await standbyRepository.update(this.db, client.id, { status: 'creating', state: null, error: null });
    void this.begin(client.id);
  }

  /** A restore switched the primary to other data: the standby (if any) is built again. */
  afterRestore(clientId: string): void {
    void standbyRepository.find(this.db, clientId).then((standby) => {
      if (standby) void this.begin(clientId);
    });
  }

  /** The option's deactivation and the client's removal: stopped and removed, nothing left. */
  async remove(clientId: string): Promise<void> {
    await this.building.get(clientId);
    const standby = await standbyRepository.find(this.db, clientId);
    if (!standby) return;
    await this.driver.remove({ key: clientId, dataDir: standby.dataDir, port: standby.port ?? 0 });
    await rm(`${standby.dataDir}.partial`, { recursive: true, force: true });
    await standbyRepository.remove(this.db, clientId);
    await this.alerts.resolve('standby_not_streaming', clientId);
    await this.alerts.resolve('standby_failed', clientId);
    await instanceRepository.event(this.db, clientId, 'standby_removed', { zone: standby.zone });
  }

  /**
   * Operators: the standby becomes the client's database. The primary is stopped (a clean stop
   * sends its last WAL to the standby first; a lost zone is simply gone), the standby promoted,
   * then moved onto the client's port — the connection details do not change. A new standby is
   * then built in the zone the primary left.
   */
  async failover(actor: Actor, clientKey: string, confirm: string | undefined) {
    const client = await this.clients.find(actor, clientKey);
    assertOperator(actor.account);
    if (confirm !== client.slug)
      throw badRequest(
        'confirmation_required',
        `type the client's slug (${client.slug}) to confirm the failover`,
      );
    const standby = await standbyRepository.find(this.db, client.id);
    if (!standby)
      throw notFound('standby_not_found', 'this client has no standby (the multi-zone option is not active)');
    const instance = await this.instances.find(client.id);
    if (!instance) throw conflict('instance_not_found', 'the client has no database');
    if (standby.status !== 'running' || standby.port === null || !this.driver.isRunning(client.id))
      throw conflict(
        'standby_not_ready',
        `the standby is ${standby.status === 'running' ? 'not running' : standby.status}; it cannot take over now`,
      );
    const from = this.zones.zoneOf(instance.dataDir);
    await standbyRepository.update(this.db, client.id, { status: 'promoting' });
    await this.audit(actor, client.id, 'standby.failover_started', { from, to: standby.zone });
    await this.instances.stopInstance(client.id).catch(() => undefined);
    try {
      await withAdmin(
        { ...this.instances.adminConnection(instance), port: standby.port },
        async (session) => {
          const promoted = await session.query<{ ok: boolean }>('select pg_promote(true, 60) as ok');
          if (!promoted.rows[0]?.ok) throw new Error('the standby did not finish its promotion within 60 s');
        },
      );
    } catch (error) {
      // Not promoted: the primary comes back as it was.
      await standbyRepository.update(this.db, client.id, { status: 'running' });
      await this.instances.startInstance(client.id).catch(() => undefined);
      throw conflict('failover_failed', `the standby could not be promoted: ${(error as Error).message}`);
    }
    await this.finishFailover(standby, instance);
    await this.instances.startInstance(client.id);
    await instanceRepository.event(this.db, client.id, 'failover', { from, to: standby.zone });
    await this.audit(actor, client.id, 'standby.failover_done', { from, to: standby.zone });
    this.logger.warn(
      { client: client.slug, from, to: standby.zone },
      'failover: the standby is the primary now',
    );
    void this.begin(client.id);
    return this.status(actor, clientKey);
  }

  /**
   * At start, before the instances: a failover cut after the promotion is finished (so the
   * promoted data starts as the primary, not the old one); one cut before it is called off;
   * half-built standbys are thrown away (built again once the instances run, `startAll`).
   */
  async recoverInterrupted(): Promise<void> {
    for (const standby of await standbyRepository.list(this.db)) {
      if (standby.status === 'promoting') {
        const instance = await this.instances.find(standby.clientId);
        const promoted = !(await exists(path.join(standby.dataDir, 'standby.signal')));
        if (instance && promoted) {
          await this.finishFailover(standby, instance);
          await instanceRepository.event(this.db, standby.clientId, 'failover', {
            from: this.zones.zoneOf(instance.dataDir),
            to: standby.zone,
            finishedAtStart: true,
          });
          this.logger.warn({ clientId: standby.clientId }, 'interrupted failover finished at start');
        } else {
          await standbyRepository.update(this.db, standby.clientId, { status: 'running' });
        }
      }
      if (standby.status === 'creating') await this.discardPartial(standby);
    }
  }

  /** After the instances started: every standby runs again; unfinished ones are built again. */
  async startAll(): Promise<void> {
    for (const standby of await standbyRepository.list(this.db)) {
      if (standby.status === 'creating') {
        void this.begin(standby.clientId);
        continue;
      }
      if (standby.status !== 'running' || standby.port === null) continue;
      try {
        await this.driver.start({
          key: standby.clientId,
          dataDir: standby.dataDir,
          port: standby.port,
          standby: true,
        });
      } catch (error) {
        this.logger.error({ err: error, clientId: standby.clientId }, 'a standby cannot start');
        await standbyRepository.update(this.db, standby.clientId, { state: 'down' });
      }
    }
  }

  async stopAll(): Promise<void> {
    await Promise.allSettled([...this.building.values()]);
    await this.driver.stopAll();
  }

  isRunning(clientId: string): boolean {
    return this.driver.isRunning(clientId);
  }

  /** The standbys to look at, with how to reach them and their primary. */
  async watched(): Promise<{ standby: StandbyRow; instance: InstanceRow }[]> {
    const result: { standby: StandbyRow; instance: InstanceRow }[] = [];
    for (const standby of await standbyRepository.list(this.db)) {
      if (standby.status !== 'running') continue;
      const instance = await this.instances.find(standby.clientId);
      if (instance) result.push({ standby, instance });
    }
    return result;
  }

  private async create(clientId: string): Promise<void> {
    const instance = await this.instances.find(clientId);
    if (!instance) throw new Error('the client has no database');
    const zone = this.zones.other(this.zones.zoneOf(instance.dataDir));
    const home = this.zones.home(zone, clientId);
    const dataDir = path.join(home, 'pgdata');
    const partial = `${dataDir}.partial`;
    if (path.resolve(home) === path.resolve(path.dirname(instance.dataDir)))
      throw new Error(
        `the standby's home ${home} is the primary's: the two zones must be different directories`,
      );
    await this.driver.remove({ key: clientId, dataDir, port: 0 });
    await standbyRepository.begin(this.db, clientId, zone, dataDir);
    try {
      if (instance.status !== 'running' || !this.instances.isRunning(clientId))
        throw new Error(
          'the client database is not running; the standby is built once it runs (rebuild it then)',
        );
      const admin = this.instances.adminConnection(instance);
      const password = replicationPassword(this.context.platformKey, clientId);
      await ensureReplicationAccess(admin, instance.dataDir, password, this.context.osUser);
      // A fresh base backup: the standby then has little WAL to catch up on.
      const backup = await this.baseBackups.run(clientId);
      if (backup.status !== 'done')
        throw new Error(`the base backup failed: ${backup.error ?? 'unknown error'}`);
      const port = await this.instances.allocatePort();
      await standbyRepository.update(this.db, clientId, { port, base_backup_id: backup.id });

      await mkdir(home, { recursive: true, mode: 0o755 });
      await unpackFromTargets({
        directory: partial,
        clientId,
        backup: { id: backup.id, targets: backup.targets },
        targets: this.targets,
        key: await this.keys.forClient(clientId),
        logger: this.logger,
      });
      await writeStandbySettings(partial, {
        primary: { host: '127.0.0.1', port: instance.port },
        password,
        caPem: admin.ca,
        restoreCommand: restoreCommand(process.execPath, this.context.script, this.context.socket, home),
      });
      await setInstancePort(partial, port);
      await this.own(home, partial);
      await rename(partial, dataDir);
      await this.driver.start({ key: clientId, dataDir, port, standby: true });
      await standbyRepository.update(this.db, clientId, { status: 'running', state: 'catching_up' });
      await this.alerts.resolve('standby_failed', clientId);
      await instanceRepository.event(this.db, clientId, 'standby_created', {
        zone,
        port,
        baseBackupId: backup.id,
      });
      this.logger.info({ clientId, zone, port }, 'standby running');
    } catch (error) {
      const message = (error as Error).message.split('\n')[0] ?? 'standby failed';
      await this.driver.remove({ key: clientId, dataDir, port: 0 }).catch(() => undefined);
      await standbyRepository
        .update(this.db, clientId, { status: 'failed', state: null, port: null, error: message })
        .catch(() => undefined);
      await this.alerts
        .raise('standby_failed', clientId, `the standby in zone ${zone} could not be built: ${message}`)
        .catch(() => undefined);
      throw error;
    }
  }

  /** Promoted data becomes the client's instance on the client's port; the old data goes. */
  private async finishFailover(standby: StandbyRow, instance: InstanceRow): Promise<void> {
    await this.driver.stop(standby.clientId);
    await clearStandbySettings(standby.dataDir);
    await setInstancePort(standby.dataDir, instance.port);
    await this.own(path.dirname(standby.dataDir), standby.dataDir);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('instance')
        .set({ data_dir: standby.dataDir, updated_at: new Date() })
        .where('client_id', '=', standby.clientId)
        .execute();
      await trx.deleteFrom('standby').where('client_id', '=', standby.clientId).execute();
    });
    // The old primary's data has diverged from the promoted one: it cannot serve again.
    if (path.resolve(instance.dataDir) !== path.resolve(standby.dataDir))
      await this.instances.removeData(instance);
    await this.alerts.resolve('standby_not_streaming', standby.clientId);
  }

  private async discardPartial(standby: StandbyRow): Promise<void> {
    await this.driver
      .remove({ key: standby.clientId, dataDir: standby.dataDir, port: 0 })
      .catch(() => undefined);
    await rm(`${standby.dataDir}.partial`, { recursive: true, force: true });
  }

  private async own(home: string, dataDir: string): Promise<void> {
    const user = this.context.osUser;
    if (!user) return;
    await chown(home, user.uid, user.gid);
    await run('chown', ['-R', `${user.uid}:${user.gid}`, dataDir]);
  }

  private view(standby: StandbyRow) {
    return {
      zone: standby.zone,
      status: standby.status,
      state: standby.state,
      port: standby.port,
      lagBytes: standby.lagBytes,
      lagSeconds: standby.lagSeconds,
      replayedAt: standby.replayedAt,
      checkedAt: standby.checkedAt,
      streamingSince: standby.streamingSince,
      baseBackupId: standby.baseBackupId,
      error: standby.error,
      createdAt: standby.createdAt,
    };
  }

  private async audit(
    actor: Actor,
    clientId: string,
    action: string,
    detail: Record<string, unknown>,
  ): Promise<void> {
    await auditRepository.append(this.db, {
      actorAccountId: actor.account.id,
      actorEmail: actor.account.email,
      clientId,
      action,
      target: clientId,
      ip: actor.ip,
      detail,
    });
  }
}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );
