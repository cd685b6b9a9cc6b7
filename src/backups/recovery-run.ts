import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { PgCluster } from '../postgres/cluster.js';
import type { OsUser } from '../postgres/os-user.js';
import { withAdmin, type AdminConnection } from '../tenants/instance-admin.js';
import { writeRecoverySettings } from './restore-files.js';

const run = promisify(execFile);

export type RecoveryTarget = { time: Date } | { immediate: true } | undefined;

export interface RecoveryOptions {
  cluster: PgCluster;
  dataDir: string;
  logFile: string;
  port: number;
  osUser: OsUser | undefined;
  admin: AdminConnection;
  restoreCommand: string;
  target: RecoveryTarget;
  /** The client's own login role, checked once recovery is over (the connection opens its database). */
  owner: { role: string };
  /** Called while WAL is replayed, with the instant of the newest transaction replayed. */
  onReplay: (upTo: Date | null) => void;
  timeoutMs?: number;
}

export interface RecoveryResult {
  recoveredUpTo: Date | null;
  tables: number;
}

const TARGET_NOT_REACHED = 'recovery ended before configured recovery target was reached';

/**
 * Starts an unpacked base backup in recovery, waits until it has replayed the archive up to the
 * target and promoted itself, and checks that the client's role and database are there.
 *
 * A target instant after the archive's last transaction is never reached, and PostgreSQL then
 * stops ("recovery ended before configured recovery target was reached"); the state at that
 * instant is then the archive's end, so recovery is started again without a target. The caller
 * has checked the instant is inside the recoverable window, so nothing after it is missing.
 */
export async function recover(options: RecoveryOptions): Promise<RecoveryResult> {
  const timeoutMs = options.timeoutMs ?? 30 * 60_000;
  const deadline = Date.now() + timeoutMs;
  let target = options.target;
  for (;;) {
    await writeRecoverySettings(options.dataDir, options.restoreCommand, target);
    if (options.osUser)
      await run('chown', ['-R', `${options.osUser.uid}:${options.osUser.gid}`, options.dataDir]);
    const logStart = await stat(options.logFile).then(
      (s) => s.size,
      () => 0,
    );
    try {
      await options.cluster.start({
        port: options.port,
        parameters: { listen_addresses: '127.0.0.1' },
        startTimeoutMs: timeoutMs,
      });
      return await waitForPromotion(options, deadline);
    } catch (error) {
      const log = await readFile(options.logFile)
        .then((b) => b.subarray(logStart).toString('utf8'))
        .catch(() => '');
      await options.cluster.stop();
      if (target && 'time' in target && log.includes(TARGET_NOT_REACHED)) {
        target = undefined;
        continue;
      }
      const lastLines = log.trim().split('\n').slice(-5).join('\n');
      throw new Error(`${(error as Error).message}${lastLines ? `\n${lastLines}` : ''}`, { cause: error });
    }
  }
}

async function waitForPromotion(options: RecoveryOptions, deadline: number): Promise<RecoveryResult> {
  const connection = { ...options.admin, port: options.port };
  return withAdmin(connection, async (client) => {
    for (;;) {
      const state = await client.query<{ recovering: boolean; replayed: Date | null }>(
        'select pg_is_in_recovery() as recovering, pg_last_xact_replay_timestamp() as replayed',
      );
      const row = state.rows[0];
      options.onReplay(row?.replayed ?? null);
      if (row?.recovering === false) break;
      if (Date.now() > deadline) throw new Error('the restored database did not finish its recovery in time');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const facts = await client.query<{ replayed: Date | null; login: boolean | null; tables: number }>(
      `select pg_last_xact_replay_timestamp() as replayed,
              (select rolcanlogin from pg_roles where rolname = $1) as login,
              (select count(*)::int from pg_stat_user_tables) as tables`,
      [options.owner.role],
    );
    const fact = facts.rows[0];
    if (!fact?.login) throw new Error(`the restored database has no login role ${options.owner.role}`);
    const tables = fact.tables;
    return { recoveredUpTo: fact.replayed, tables };
  });
}
