import { spawn, type ChildProcess } from 'node:child_process';
import { chown, mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PgBinaries } from './binaries.js';
import type { OsUser } from './os-user.js';
import { commandLine, isAlive, stopPostmaster } from './process.js';

export interface ClusterOptions {
  /** PGDATA: owned by the OS user, mode 0700. */
  dataDir: string;
  /** PostgreSQL's stderr goes here (appended). */
  logFile: string;
  binaries: PgBinaries;
  osUser?: OsUser;
}

export interface StartOptions {
  port: number;
  /** Server parameters passed as `-c name=value`. */
  parameters: Record<string, string>;
  startTimeoutMs?: number;
  /** A hot standby never reports "ready": accepting read-only connections ("standby") is enough. */
  standby?: boolean;
}

export class ClusterStartError extends Error {
  constructor(
    message: string,
    readonly logExcerpt: string,
  ) {
    super(logExcerpt ? `${message}\n--- PostgreSQL log ---\n${logExcerpt}` : message);
    this.name = 'ClusterStartError';
  }
}

/**
 * One PostgreSQL cluster (data directory + postmaster) run from the given binaries. The postmaster
 * runs in its own process group so that a Ctrl-C on the terminal reaches the platform only, which
 * then stops PostgreSQL in order.
 */
export class PgCluster {
  private child: ChildProcess | undefined;
  private stopping = false;
  private retired = false;
  private exitListeners: ((code: number | null, signal: NodeJS.Signals | null) => void)[] = [];

  constructor(readonly options: ClusterOptions) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async isInitialised(): Promise<boolean> {
    try {
      await stat(path.join(this.options.dataDir, 'PG_VERSION'));
      return true;
    } catch {
      return false;
    }
  }

  /**
   * initdb into a scratch directory beside the target, renamed into place only when complete, so a
   * crash during initialisation never leaves a half-made cluster behind.
   */
  async initialise(superuser: string, password: string, extraArgs: string[] = []): Promise<void> {
    const { dataDir, osUser, binaries } = this.options;
    const scratch = `${dataDir}.initdb-${process.pid}`;
    const parent = path.dirname(dataDir);
    await mkdir(parent, { recursive: true });
    await rm(scratch, { recursive: true, force: true });
    await mkdir(scratch, { mode: 0o700 });
    const pwFile = path.join(scratch, '..', `.pwfile-${process.pid}`);
    await writeFile(pwFile, `${password}\n`, { mode: 0o600 });
    if (osUser) {
      await chown(scratch, osUser.uid, osUser.gid);
      await chown(pwFile, osUser.uid, osUser.gid);
    }
    try {
      await this.run(binaries.initdb, [
        `--pgdata=${scratch}`,
        `--username=${superuser}`,
        `--pwfile=${pwFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--no-locale',
        '--data-checksums',
        ...extraArgs,
      ]);
    } catch (error) {
      await rm(scratch, { recursive: true, force: true });
      throw error;
    } finally {
      await rm(pwFile, { force: true });
    }
    await rename(scratch, dataDir);
  }

  /**
   * A postmaster left running by a platform that was killed (kill -9) still holds this data
   * directory: stop it. A postmaster.pid naming a process that is not PostgreSQL is stale.
   */
  async reclaimStale(timeoutMs = 30_000): Promise<void> {
    const pidFile = path.join(this.options.dataDir, 'postmaster.pid');
    let content: string;
    try {
      content = await readFile(pidFile, 'utf8');
    } catch {
      return;
    }
    const pid = Number(content.split('\n')[0]);
    if (!Number.isInteger(pid) || pid <= 0) return;
    if (isAlive(pid) && (await commandLine(pid)).includes('postgres')) {
      await stopPostmaster(pid, timeoutMs);
      return;
    }
    if (isAlive(pid)) await rm(pidFile, { force: true });
  }

  async start({ port, parameters, startTimeoutMs = 60_000, standby = false }: StartOptions): Promise<void> {
    await this.reclaimStale();
    const { dataDir, logFile, osUser, binaries } = this.options;
    await mkdir(path.dirname(logFile), { recursive: true });
    const log = await open(logFile, 'a');
    const logStart = (await log.stat()).size;
    const args = ['-D', dataDir, '-p', String(port)];
    for (const [name, value] of Object.entries(parameters)) args.push('-c', `${name}=${value}`);
    this.stopping = false;
    let ready = false;
    const child = spawn(binaries.postgres, args, {
      detached: true,
      stdio: ['ignore', log.fd, log.fd],
      ...(osUser ? { uid: osUser.uid, gid: osUser.gid } : {}),
      env: { ...process.env, LC_MESSAGES: 'C' },
    });
    await log.close();
    this.child = child;
    const state = { exited: false };
    child.once('exit', (code, signal) => {
      state.exited = true;
      this.child = undefined;
      // Only a postmaster that was up counts as a crash; a failed start is reported by start().
      if (ready && !this.stopping) for (const listener of this.exitListeners) listener(code, signal);
    });
    child.once('error', () => {
      state.exited = true;
    });

    const deadline = Date.now() + startTimeoutMs;
    while (!(await this.isReady(standby))) {
      if (state.exited) {
        throw new ClusterStartError(
          `PostgreSQL in ${dataDir} exited while starting`,
          await this.logSince(logStart),
        );
      }
      if (Date.now() > deadline) {
        await this.stop();
        throw new ClusterStartError(
          `PostgreSQL in ${dataDir} did not become ready`,
          await this.logSince(logStart),
        );
      }
      await sleep(25);
    }
    ready = true;
  }

  /** Called when the postmaster exits without being asked to (a crash). */
  onUnexpectedExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void {
    this.exitListeners.push(listener);
  }

  /** Stopped on purpose: a supervisor must not bring it back (its directory may be reused). */
  get isRetired(): boolean {
    return this.retired;
  }

  async stop(timeoutMs = 30_000): Promise<void> {
    this.retired = true;
    const pid = this.child?.pid;
    if (pid === undefined) return;
    this.stopping = true;
    await stopPostmaster(pid, timeoutMs);
    this.child = undefined;
  }

  /** postmaster.pid's eighth line is the server's status; "ready" once it accepts connections. */
  private async isReady(standby: boolean): Promise<boolean> {
    try {
      const lines = (await readFile(path.join(this.options.dataDir, 'postmaster.pid'), 'utf8')).split('\n');
      const status = lines[7]?.trim();
      return (
        lines[0]?.trim() === String(this.child?.pid) &&
        (status === 'ready' || (standby && status === 'standby'))
      );
    } catch {
      return false;
    }
  }

  private async logSince(offset: number): Promise<string> {
    try {
      const text = (await readFile(this.options.logFile)).subarray(offset).toString('utf8');
      return text.trim().split('\n').slice(-20).join('\n');
    } catch {
      return '';
    }
  }

  private run(file: string, args: string[]): Promise<void> {
    const { osUser } = this.options;
    return new Promise((resolve, reject) => {
      const child = spawn(file, args, {
        stdio: ['ignore', 'pipe', 'pipe'],
        ...(osUser ? { uid: osUser.uid, gid: osUser.gid } : {}),
        env: { ...process.env, LC_MESSAGES: 'C' },
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('error', reject);
      child.once('close', (code) => {
        if (code === 0) resolve();
        else
          reject(
            new ClusterStartError(
              `${path.basename(file)} failed with exit code ${code ?? 'none'}`,
              output.trim(),
            ),
          );
      });
    });
  }
}
