import { execFile } from 'node:child_process';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { PgBinaries } from '../postgres/binaries.js';
import { PgCluster } from '../postgres/cluster.js';
import type { OsUser } from '../postgres/os-user.js';
import { supervise } from '../postgres/supervisor.js';
import type { Logger } from '../shared/logger.js';
import type { HostDriver, InstanceCrash, InstanceLocation } from './host-driver.js';
import { instanceCertificate } from './instance-tls.js';
import type { Plan } from './plans.js';

const run = promisify(execFile);

export interface LocalHostOptions {
  root: string;
  templateDir: string;
  templateAdminPassword: string;
  binaries: PgBinaries;
  osUser?: OsUser | undefined;
  ca: { cert: string; key: string };
  listenAddresses: string;
  publicHost: string;
  /** archive_command settings and proof token of an instance (continuous WAL archiving). */
  archive?: { settingsFor(key: string, home: string): string; tokenFor(key: string): string } | undefined;
  logger: Logger;
}

/** Client instances as PostgreSQL processes on this machine, under `<data-dir>/instances`. */
export class LocalHostDriver implements HostDriver {
  readonly name = 'local';
  private readonly clusters = new Map<string, PgCluster>();
  private readonly crashListeners: ((crash: InstanceCrash) => void)[] = [];
  private readonly restartListeners: ((key: string) => void)[] = [];

  constructor(private readonly options: LocalHostOptions) {}

  /** A driver of its own (own processes) for instances under another root: the second zone. */
  forRoot(root: string): LocalHostDriver {
    return new LocalHostDriver({ ...this.options, root });
  }

  get publicHost(): string {
    return this.options.publicHost;
  }

  templateAdminPassword(): string {
    return this.options.templateAdminPassword;
  }

  caPem(): string {
    return this.options.ca.cert;
  }

  async createFromTemplate(key: string, port: number, plan: Plan): Promise<InstanceLocation> {
    const home = path.join(this.options.root, key);
    const dataDir = path.join(home, 'pgdata');
    const partial = `${dataDir}.partial`;
    await mkdir(home, { recursive: true, mode: 0o755 });
    await rm(partial, { recursive: true, force: true });
    // cp -a keeps owner and modes (PostgreSQL insists on 0700 and its own user).
    await run('cp', ['-a', path.join(this.options.templateDir, 'pgdata'), partial]);
    const { cert, key: privateKey } = await instanceCertificate(this.options.ca, [this.options.publicHost]);
    await this.writeOwned(path.join(partial, 'server.crt'), cert, 0o644);
    await this.writeOwned(path.join(partial, 'server.key'), privateKey, 0o600);
    const location = { key, dataDir, port };
    await this.writeSettings(partial, port, plan);
    await rename(partial, dataDir);
    return location;
  }

  async configure(location: InstanceLocation, plan: Plan): Promise<void> {
    await this.writeSettings(location.dataDir, location.port, plan);
  }

  async start(location: InstanceLocation): Promise<void> {
    await this.writeArchiveSettings(location);
    let cluster = this.clusters.get(location.key);
    if (!cluster) {
      cluster = new PgCluster({
        dataDir: location.dataDir,
        logFile: path.join(path.dirname(location.dataDir), 'postgres.log'),
        binaries: this.options.binaries,
        ...(this.options.osUser ? { osUser: this.options.osUser } : {}),
      });
      const startOptions = { port: location.port, parameters: {}, standby: Boolean(location.standby) };
      supervise(cluster, startOptions, this.options.logger, {
        onCrash: ({ code, signal }) => {
          for (const listener of this.crashListeners) listener({ key: location.key, code, signal });
        },
        onRestarted: () => {
          for (const listener of this.restartListeners) listener(location.key);
        },
      });
      this.clusters.set(location.key, cluster);
    }
    try {
      await cluster.start({
        port: location.port,
        parameters: {},
        startTimeoutMs: 30_000,
        standby: Boolean(location.standby),
      });
    } catch (error) {
      this.clusters.delete(location.key);
      throw error;
    }
  }

  async stop(key: string): Promise<void> {
    const cluster = this.clusters.get(key);
    this.clusters.delete(key);
    await cluster?.stop();
  }

  isRunning(key: string): boolean {
    return this.clusters.get(key)?.pid !== undefined;
  }

  async diskUsageBytes(location: InstanceLocation): Promise<number> {
    const { stdout } = await run('du', ['-sb', location.dataDir]);
    return Number(stdout.split('\t')[0]);
  }

  async removeByKey(key: string): Promise<void> {
    if (!/^[\w-]+$/.test(key)) throw new Error(`not an instance key: ${key}`);
    await this.stop(key);
    const home = path.join(this.options.root, key);
    for (const dataDir of [path.join(home, 'pgdata'), path.join(home, 'pgdata.partial')]) {
      // A postmaster left running by a platform that was killed still holds the directory.
      await new PgCluster({
        dataDir,
        logFile: path.join(home, 'postgres.log'),
        binaries: this.options.binaries,
      }).reclaimStale();
    }
    await rm(home, { recursive: true, force: true });
  }

  async remove(location: InstanceLocation): Promise<void> {
    const home = path.dirname(location.dataDir);
    if (path.dirname(home) === home) throw new Error(`not an instance home: ${home}`);
    if (this.clusters.get(location.key)?.options.dataDir === location.dataDir) await this.stop(location.key);
    await new PgCluster({
      dataDir: location.dataDir,
      logFile: path.join(home, 'postgres.log'),
      binaries: this.options.binaries,
    }).reclaimStale();
    await rm(home, { recursive: true, force: true });
  }

  async listKeys(): Promise<string[]> {
    try {
      return (await readdir(this.options.root, { withFileTypes: true }))
        .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
        .map((entry) => entry.name);
    } catch {
      return [];
    }
  }

  onCrash(listener: (crash: InstanceCrash) => void): void {
    this.crashListeners.push(listener);
  }

  onRestart(listener: (key: string) => void): void {
    this.restartListeners.push(listener);
  }

  async stopAll(): Promise<void> {
    const keys = [...this.clusters.keys()];
    await Promise.all(keys.map((key) => this.stop(key)));
  }

  /** Rewritten at every start, so a moved data directory or socket is picked up. */
  private async writeArchiveSettings(location: InstanceLocation): Promise<void> {
    const archive = this.options.archive;
    if (!archive) return;
    const home = path.dirname(location.dataDir);
    await this.writeOwned(path.join(home, 'archive.token'), archive.tokenFor(location.key), 0o600);
    await this.writeOwned(
      path.join(location.dataDir, 'oxygis-archive.conf'),
      archive.settingsFor(location.key, home),
      0o600,
    );
  }

  private async writeSettings(dataDir: string, port: number, plan: Plan): Promise<void> {
    const settings = [
      '# Managed by Oxygis Cloud: port and plan limits of this instance.',
      `port = ${port}`,
      `listen_addresses = '${this.options.listenAddresses}'`,
      `max_connections = ${plan.maxConnections}`,
      `shared_buffers = '${plan.sharedBuffers}'`,
      `work_mem = '${plan.workMem}'`,
      `maintenance_work_mem = '${plan.maintenanceWorkMem}'`,
      '',
    ].join('\n');
    await this.writeOwned(path.join(dataDir, 'oxygis-instance.conf'), settings, 0o600);
  }

  private async writeOwned(file: string, content: string, mode: number): Promise<void> {
    await writeFile(file, content, { mode });
    if (this.options.osUser)
      await run('chown', [`${this.options.osUser.uid}:${this.options.osUser.gid}`, file]);
  }
}
