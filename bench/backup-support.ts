// Helpers for bench/backup-throughput.bench.ts and bench/compression.bench.ts: child processes
// timed to completion, pgbench, a scratch PostgreSQL cluster run as the PostgreSQL OS user, sizes
// of directories, and the tar | compressor baseline. Linux only, localhost only. Benchmarks only,
// never tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { chown, mkdtemp, open, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { childEnv, oxygisBin } from '../test/support/platform.js';
import { freePort, loginWithRetry, PG_BINARIES, stopChild, type OsUser } from './provisioning-support.js';
import { now } from './support.js';

export const MiB = 1024 * 1024;
export const GiB = 1024 * MiB;

/** MB/s, with MB = 2^20 bytes (as `du -m` and the platform's own `oxygis backup list`). */
export const mbPerSecond = (bytes: number, ms: number): number => bytes / MiB / (ms / 1000);

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs a command (argv, no shell unless `file` is a shell) to completion and times it. */
export function runTimed(
  file: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; user?: OsUser; cwd?: string; timeoutMs?: number } = {},
): Promise<Finished> {
  const started = now();
  return new Promise((resolve, reject) => {
    const child = spawn(file, [...args], {
      cwd: options.cwd ?? os.tmpdir(),
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.user ? { uid: options.user.uid, gid: options.user.gid } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${path.basename(file)} did not finish within ${options.timeoutMs} ms`));
    }, options.timeoutMs ?? 3_600_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: now() - started });
    });
  });
}

/**
 * Runs the oxygis CLI (like test/support/platform.ts `runCli`), noting when each line of its
 * stdout arrived (ms after the start), for commands that print progress as JSON lines.
 */
export function runCliLines(
  args: string[],
  options: { env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<Finished & { lines: { at: number; text: string }[] }> {
  const started = now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [oxygisBin, ...args], {
      env: childEnv(options.env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let partial = '';
    const lines: { at: number; text: string }[] = [];
    child.stdout.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      stdout += text;
      const parts = (partial + text).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) if (line.trim()) lines.push({ at: now() - started, text: line });
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`oxygis ${args.join(' ')} did not finish within ${options.timeoutMs} ms`));
    }, options.timeoutMs ?? 3_600_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      if (partial.trim()) lines.push({ at: now() - started, text: partial });
      resolve({ code, stdout, stderr, ms: now() - started, lines });
    });
  });
}

/** Like runTimed, but a non-zero exit is an error carrying the command's output. */
export async function runChecked(
  file: string,
  args: readonly string[],
  options: Parameters<typeof runTimed>[2] = {},
): Promise<Finished> {
  const done = await runTimed(file, args, options);
  if (done.code !== 0) {
    throw new Error(
      `${path.basename(file)} ${args.join(' ')} exited with ${done.code ?? 'a signal'}:\n${(done.stderr || done.stdout).trim().slice(-3000)}`,
    );
  }
  return done;
}

/** bash -c SCRIPT with set -o pipefail: for the tar | compressor pipelines of the baseline. */
export const runPipeline = (script: string, timeoutMs?: number) =>
  runChecked('/bin/bash', ['-c', `set -euo pipefail; ${script}`], timeoutMs ? { timeoutMs } : {});

/** Single-quoted for bash. */
export const shellQuote = (value: string): string => `'${value.replaceAll("'", `'\\''`)}'`;

/** pgbench from the PATH (Debian's postgresql-client), or undefined if it is not installed. */
export async function findPgbench(): Promise<{ file: string; version: string } | undefined> {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const file = path.join(dir, 'pgbench');
    try {
      const version = await runTimed(file, ['--version'], { timeoutMs: 10_000 });
      if (version.code === 0) return { file, version: version.stdout.trim() };
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** Bytes of every regular file under `dir` (symlinks not followed), skipping `skip` (relative). */
export async function treeBytes(dir: string, skip: readonly string[] = []): Promise<number> {
  let total = 0;
  const walk = async (relative: string): Promise<void> => {
    for (const entry of await readdir(path.join(dir, relative), { withFileTypes: true })) {
      const rel = relative ? `${relative}/${entry.name}` : entry.name;
      if (skip.includes(rel)) continue;
      if (entry.isDirectory()) await walk(rel);
      else if (entry.isFile()) {
        try {
          total += (await stat(path.join(dir, rel))).size;
        } catch {
          // removed meanwhile (a temp file of the running server)
        }
      }
    }
  };
  await walk('');
  return total;
}

/** fsync of one file (what the platform's directory target does for every object it stores). */
export async function fsyncFile(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The compressor of the baseline: the command-line tool of the codec, single-threaded. */
export interface ShellCodec {
  name: string;
  compress: string;
  decompress: string;
  extension: string;
}

export const SHELL_CODECS: Record<'gzip' | 'zstd', ShellCodec> = {
  gzip: { name: 'gzip -1', compress: 'gzip -1 -c', decompress: 'gzip -d -c', extension: 'gz' },
  zstd: { name: 'zstd -1 -T1', compress: 'zstd -1 -T1 -q -c', decompress: 'zstd -d -q -c', extension: 'zst' },
};

/**
 * The physical-limit baseline of a base backup: `tar` of the data directory (less pg_wal, which
 * a base backup leaves out too) piped through the compressor into a file, then fsync of that
 * file. GNU tar exits 1 when a file changed while it read it (the server is running): accepted.
 */
export async function baselinePack(
  pgdata: string,
  codec: ShellCodec,
  outFile: string,
): Promise<{ ms: number; tarBytes: number; storedBytes: number }> {
  const started = now();
  const done = await runPipeline(
    `{ tar -C ${shellQuote(pgdata)} --exclude=./pg_wal/* --exclude=./postmaster.pid --warning=no-file-changed --totals -cf - . || [ $? -eq 1 ]; } | ${codec.compress} > ${shellQuote(outFile)}`,
  );
  await fsyncFile(outFile);
  const ms = now() - started;
  const totals = /Total bytes written: (\d+)/.exec(done.stderr);
  return {
    ms,
    tarBytes: totals?.[1] ? Number(totals[1]) : Number.NaN,
    storedBytes: (await stat(outFile)).size,
  };
}

/**
 * The physical-limit baseline of a restore: decompress | tar -x into an empty directory, then
 * `sync -f` (the restored files on disk; PostgreSQL fsyncs a restored data directory too).
 */
export async function baselineUnpack(
  inFile: string,
  codec: ShellCodec,
  into: string,
): Promise<{ ms: number }> {
  await rm(into, { recursive: true, force: true });
  const started = now();
  await runPipeline(
    `mkdir -p ${shellQuote(into)} && ${codec.decompress} ${shellQuote(inFile)} | tar -C ${shellQuote(into)} -xf - && sync -f ${shellQuote(into)}`,
  );
  return { ms: now() - started };
}

export interface ScratchPostgres {
  port: number;
  pgdata: string;
  /** SIGINT, wait, remove the directory. */
  stop(): Promise<void>;
}

/**
 * A plain cluster for measurements that do not need the platform: `initdb` into a temp dir and
 * the postmaster on a free loopback port, trust auth, as the PostgreSQL OS user, same binaries
 * as the platform's instances.
 */
export async function startScratchPostgres(user: OsUser): Promise<ScratchPostgres> {
  const home = await mkdtemp(path.join(os.tmpdir(), 'oxygis-bench-scratch-pg-'));
  let postmaster: ChildProcess | undefined;
  const stop = async () => {
    if (postmaster) await stopChild(postmaster);
    await rm(home, { recursive: true, force: true });
  };
  try {
    await chown(home, user.uid, user.gid);
    const pgdata = path.join(home, 'pgdata');
    const env = { ...process.env, LC_MESSAGES: 'C' };
    await runChecked(
      PG_BINARIES.initdb,
      ['-D', pgdata, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-locale'],
      { user, cwd: home, env },
    );
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
      { cwd: home, uid: user.uid, gid: user.gid, stdio: ['ignore', 'ignore', 'pipe'], env },
    );
    postmaster = child;
    child.stderr.resume();
    await loginWithRetry({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' }, 60_000, 50);
    return { port, pgdata, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
