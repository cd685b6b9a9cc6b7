import { link, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { commandLine, isAlive } from '../postgres/process.js';

export class AlreadyRunningError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `another oxygis (pid ${pid}) is already running on the data directory ${dataDir}; ` +
        `stop it first (Ctrl-C in its terminal, or kill ${pid}), or use another --data-dir`,
    );
    this.name = 'AlreadyRunningError';
  }
}

async function holder(lockFile: string): Promise<number | undefined> {
  try {
    const pid = Number((JSON.parse(await readFile(lockFile, 'utf8')) as { pid?: unknown }).pid);
    return Number.isInteger(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** A lock left by a process that is gone (kill -9, power loss), or by a pid now reused by something else. */
async function isStale(pid: number | undefined): Promise<boolean> {
  if (pid === undefined || !isAlive(pid)) return true;
  if (pid === process.pid) return false;
  return !(await commandLine(pid)).includes('node');
}

/**
 * One platform per data directory. The lock file holds the owner's pid; a stale lock (its owner
 * died) is taken over without manual steps. Returns the release function.
 */
export async function acquireLock(dataDir: string): Promise<() => Promise<void>> {
  const lockFile = path.join(dataDir, 'oxygis.lock');
  const mine = `${lockFile}.${process.pid}`;
  await writeFile(mine, JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }), {
    mode: 0o644,
  });
  try {
    try {
      await link(mine, lockFile);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = await holder(lockFile);
      if (!(await isStale(owner))) throw new AlreadyRunningError(dataDir, owner ?? 0);
      // Two starts may both see the stale lock: both rename, then each checks who won.
      await rename(mine, lockFile);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const winner = await holder(lockFile);
      if (winner !== process.pid) throw new AlreadyRunningError(dataDir, winner ?? 0);
    }
  } finally {
    await rm(mine, { force: true });
  }
  return async () => {
    if ((await holder(lockFile)) === process.pid) await rm(lockFile, { force: true });
  };
}
