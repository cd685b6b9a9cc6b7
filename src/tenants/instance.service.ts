import { randomBytes } from 'node:crypto';
import type { Db } from '../db/database.js';
import { ClusterStartError } from '../postgres/cluster.js';
import { AppError } from '../server/errors.js';
import type { Logger } from '../shared/logger.js';
import type { SecretBox } from '../shared/secret-box.js';
import type { HostDriver, InstanceLocation } from './host-driver.js';
import { personalise, type AdminConnection } from './instance-admin.js';
import { instanceRepository, type InstanceRow } from './instance.repository.js';
import type { Plan } from './plans.js';

export interface ConnectionDetails {
  host: string;
  port: number;
  database: string;
  user: string;
  /** Shown once, at creation; never stored in clear. */
  password?: string;
  uri: string;
  caFile: string;
}

export const newPassword = (): string => randomBytes(24).toString('base64url');

/** PostgreSQL names for a client: "brasserie-dupont" → database brasserie_dupont, owner brasserie_dupont_owner. */
export function namesFor(slug: string): { dbName: string; ownerRole: string } {
  const base = slug.replaceAll('-', '_');
  return { dbName: base, ownerRole: `${base}_owner` };
}

export class InstanceStartError extends AppError {
  constructor(message: string) {
    super(503, 'instance_start_failed', message);
  }
}

/**
 * Each client's dedicated PostgreSQL instance: provisioned from the template in well under a
 * second, started with the platform, restarted when it crashes (recorded as events), suspended,
 * resumed and removed. A provisioning that fails — or is cut by a crash — leaves nothing behind.
 */
export class InstanceService {
  private readonly startListeners: ((clientId: string) => void)[] = [];
  private readonly destroyListeners: ((clientId: string) => Promise<void>)[] = [];

  constructor(
    private readonly db: Db,
    private readonly driver: HostDriver,
    private readonly box: SecretBox,
    private readonly ports: { from: number; to: number },
    private readonly caFile: string,
    private readonly logger: Logger,
  ) {
    driver.onCrash(({ key, code, signal }) => {
      void instanceRepository.event(this.db, key, 'crashed', { code, signal }).catch(() => undefined);
    });
    driver.onRestart((key) => {
      void instanceRepository.event(this.db, key, 'restarted').catch(() => undefined);
    });
  }

  async provision(client: { id: string; slug: string; plan: Plan }): Promise<ConnectionDetails> {
    const names = namesFor(client.slug);
    const adminPassword = newPassword();
    const ownerPassword = newPassword();
    let location: InstanceLocation | undefined;
    try {
      for (let attempt = 1; ; attempt++) {
        const port = await this.allocatePort();
        if (attempt === 1) {
          await instanceRepository.insert(this.db, {
            clientId: client.id,
            host: this.driver.name,
            port,
            dataDir: '',
            ...names,
            sealedAdminPassword: this.box.seal(adminPassword),
            status: 'provisioning',
          });
        } else {
          await instanceRepository.setPort(this.db, client.id, port);
        }
        location = location
          ? { ...location, port }
          : await this.driver.createFromTemplate(client.id, port, client.plan);
        if (attempt > 1) await this.driver.configure(location, client.plan);
        await this.db
          .updateTable('instance')
          .set({ data_dir: location.dataDir })
          .where('client_id', '=', client.id)
          .execute();
        try {
          await this.driver.start(location);
          break;
        } catch (error) {
          // Another process took the port between the check and the start: try another one.
          const portTaken =
            error instanceof ClusterStartError &&
            /could not bind|Address already in use/i.test(error.logExcerpt);
          if (!portTaken || attempt >= 5) throw error;
        }
      }
      await personalise(
        {
          port: location.port,
          password: this.driver.templateAdminPassword(),
          database: 'template1',
          ca: this.driver.caPem(),
        },
        names,
        { adminPassword, ownerPassword },
      );
      await instanceRepository.setStatus(this.db, client.id, 'running');
      await instanceRepository.event(this.db, client.id, 'provisioned', { port: location.port });
      for (const listener of this.startListeners) listener(client.id);
      return this.details({ ...names, port: location.port }, ownerPassword);
    } catch (error) {
      this.logger.error({ err: error, client: client.slug }, 'provisioning failed; removing what was made');
      await this.driver.removeByKey(client.id).catch(() => undefined);
      await this.db.deleteFrom('instance').where('client_id', '=', client.id).execute();
      if (error instanceof ClusterStartError) {
        throw new InstanceStartError(
          `the database instance could not start:\n${error.logExcerpt || error.message}`,
        );
      }
      throw error;
    }
  }

  details(
    instance: { dbName: string; ownerRole: string; port: number },
    password?: string,
  ): ConnectionDetails {
    const host = this.driver.publicHost;
    const auth = password
      ? `${encodeURIComponent(instance.ownerRole)}:${encodeURIComponent(password)}`
      : encodeURIComponent(instance.ownerRole);
    return {
      host,
      port: instance.port,
      database: instance.dbName,
      user: instance.ownerRole,
      ...(password ? { password } : {}),
      uri: `postgresql://${auth}@${host}:${instance.port}/${instance.dbName}?sslmode=verify-full&sslrootcert=${encodeURIComponent(this.caFile)}`,
      caFile: this.caFile,
    };
  }

  find(clientId: string): Promise<InstanceRow | undefined> {
    return instanceRepository.find(this.db, clientId);
  }

  adminConnection(instance: InstanceRow): AdminConnection {
    return {
      port: instance.port,
      password: this.box.open(instance.sealedAdminPassword),
      database: instance.dbName,
      ca: this.driver.caPem(),
    };
  }

  async suspend(clientId: string): Promise<void> {
    await this.driver.stop(clientId);
    await instanceRepository.setStatus(this.db, clientId, 'suspended');
    await instanceRepository.event(this.db, clientId, 'suspended');
  }

  async resume(instance: InstanceRow): Promise<void> {
    await this.startOne(instance);
    await instanceRepository.event(this.db, instance.clientId, 'resumed');
  }

  async stopForDeletion(clientId: string): Promise<void> {
    await this.driver.stop(clientId);
    await instanceRepository.setStatus(this.db, clientId, 'deleting');
    await instanceRepository.event(this.db, clientId, 'stopped_for_deletion');
  }

  /** Removes the instance for good, with what belongs to it elsewhere (its standby). */
  async destroy(instance: InstanceRow): Promise<void> {
    for (const listener of this.destroyListeners) await listener(instance.clientId);
    await this.driver.removeByKey(instance.clientId);
    // After a failover the data lives in the other zone's directory.
    await this.driver.remove({ key: instance.clientId, dataDir: instance.dataDir, port: instance.port });
  }

  /** Stops an instance and removes its data and home (the old primary after a failover). */
  async removeData(instance: InstanceRow): Promise<void> {
    await this.driver.remove({ key: instance.clientId, dataDir: instance.dataDir, port: instance.port });
  }

  /** Told before an instance is removed for good. */
  onDestroy(listener: (clientId: string) => Promise<void>): void {
    this.destroyListeners.push(listener);
  }

  async diskUsageBytes(instance: InstanceRow): Promise<number | null> {
    try {
      return await this.driver.diskUsageBytes({
        key: instance.clientId,
        dataDir: instance.dataDir,
        port: instance.port,
      });
    } catch {
      return null;
    }
  }

  /** Running instances with their superuser connection (for platform-side maintenance). */
  async running(): Promise<{ clientId: string; connection: AdminConnection }[]> {
    const all = await instanceRepository.list(this.db, this.driver.name);
    return all
      .filter((instance) => instance.status === 'running' && this.driver.isRunning(instance.clientId))
      .map((instance) => ({ clientId: instance.clientId, connection: this.adminConnection(instance) }));
  }

  /** Stops an instance without changing its status (a restore switching data directories). */
  async stopInstance(clientId: string): Promise<void> {
    await this.driver.stop(clientId);
  }

  /** Told after an instance started (provisioned, resumed, restarted, restored). */
  onStarted(listener: (clientId: string) => void): void {
    this.startListeners.push(listener);
  }

  async startInstance(clientId: string): Promise<void> {
    const instance = await instanceRepository.find(this.db, clientId);
    if (!instance) throw new Error(`no instance for ${clientId}`);
    await this.startOne(instance);
  }

  isRunning(clientId: string): boolean {
    return this.driver.isRunning(clientId);
  }

  events(clientId: string) {
    return instanceRepository.events(this.db, clientId);
  }

  /**
   * At platform start: remove what an interrupted provisioning left (rows, directories, clients
   * that never got an instance), then start every instance that should run.
   */
  async startAll(): Promise<void> {
    const unfinished = await this.db
      .selectFrom('client')
      .leftJoin('instance', 'instance.client_id', 'client.id')
      .select(['client.id', 'client.slug', 'instance.data_dir as dataDir', 'instance.port'])
      .where((eb) =>
        eb.or([eb('instance.client_id', 'is', null), eb('instance.status', '=', 'provisioning')]),
      )
      .execute();
    for (const leftover of unfinished) {
      this.logger.warn({ client: leftover.slug }, 'removing a client whose provisioning was interrupted');
      await this.driver.removeByKey(leftover.id).catch(() => undefined);
      await this.db.deleteFrom('client').where('id', '=', leftover.id).execute();
    }
    const known = new Set(
      (await this.db.selectFrom('instance').select('client_id').execute()).map((r) => r.client_id),
    );
    for (const key of await this.driver.listKeys()) {
      if (!known.has(key)) {
        this.logger.warn({ key }, 'removing an instance directory that no client owns');
        await this.driver.removeByKey(key).catch(() => undefined);
      }
    }
    const instances = await instanceRepository.list(this.db, this.driver.name);
    const toStart = instances.filter((i) => i.status === 'running' || i.status === 'failed');
    // A few at a time: hundreds of instances must not all start in the same instant.
    for (let i = 0; i < toStart.length; i += 4) {
      await Promise.all(
        toStart.slice(i, i + 4).map((instance) => this.startOne(instance).catch(() => undefined)),
      );
    }
  }

  async stopAll(): Promise<void> {
    await this.driver.stopAll();
  }

  private async startOne(instance: InstanceRow): Promise<void> {
    try {
      await this.driver.start({ key: instance.clientId, dataDir: instance.dataDir, port: instance.port });
      await instanceRepository.setStatus(this.db, instance.clientId, 'running');
      await instanceRepository.event(this.db, instance.clientId, 'started');
      for (const listener of this.startListeners) listener(instance.clientId);
    } catch (error) {
      const excerpt = error instanceof ClusterStartError ? error.logExcerpt : String(error);
      this.logger.error({ client: instance.clientId, excerpt }, 'a client instance cannot start');
      await instanceRepository.setStatus(this.db, instance.clientId, 'failed');
      await instanceRepository.event(this.db, instance.clientId, 'start_failed', { log: excerpt });
      throw new InstanceStartError(`the database instance could not start:\n${excerpt}`);
    }
  }

  /** A free port of the instance range (standbys take theirs from it too). */
  async allocatePort(): Promise<number> {
    const used = await instanceRepository.usedPorts(this.db, this.driver.name);
    for (let port = this.ports.from; port <= this.ports.to; port++) {
      if (used.has(port)) continue;
      if (await isFree(port)) return port;
    }
    throw new AppError(
      503,
      'no_free_port',
      `no free port left in ${this.ports.from}-${this.ports.to}; widen OXYGIS_INSTANCE_PORTS`,
    );
  }
}

async function isFree(port: number): Promise<boolean> {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
  });
}
