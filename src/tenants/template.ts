import { execFile } from 'node:child_process';
import { appendFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import type { PgBinaries } from '../postgres/binaries.js';
import { PgCluster } from '../postgres/cluster.js';
import type { OsUser } from '../postgres/os-user.js';
import { freePort } from '../shared/free-port.js';
import type { Logger } from '../shared/logger.js';

const run = promisify(execFile);

/** Bump when the template's contents change: older templates are rebuilt at the next start. */
export const TEMPLATE_FORMAT = 5;
export const ADMIN_ROLE = 'oxygis_admin';
export const TEMPLATE_OWNER = 'app_owner';
export const TEMPLATE_DATABASE = 'app';
export const CLIENTS_GROUP = 'clients';

/**
 * pg_hba.conf of every client instance: TLS only, SCRAM only; the platform's superuser from
 * loopback only; the client's own roles (members of "clients") from anywhere. No other line, so
 * anything else — plain TCP, other roles — is refused.
 */
export const HBA = `# Managed by Oxygis Cloud. TLS and scram-sha-256 only.
# TYPE  DATABASE  USER           ADDRESS        METHOD
hostssl all       ${ADMIN_ROLE}   127.0.0.1/32   scram-sha-256
hostssl all       ${ADMIN_ROLE}   ::1/128        scram-sha-256
hostssl all       +${CLIENTS_GROUP}       0.0.0.0/0      scram-sha-256
hostssl all       +${CLIENTS_GROUP}       ::/0           scram-sha-256
`;

/** Settings shared by every instance; per-instance ones go to oxygis-instance.conf. */
const BASE_CONF = `
# --- Oxygis Cloud instance defaults (tuned for many small idle instances) ---
unix_socket_directories = ''
ssl = on
ssl_cert_file = 'server.crt'
ssl_key_file = 'server.key'
ssl_min_protocol_version = 'TLSv1.2'
password_encryption = 'scram-sha-256'
# Synchronous I/O: no io worker processes per idle instance (-17 % memory, docs/BENCHMARKS.md).
io_method = sync
max_worker_processes = 2
max_parallel_workers = 0
max_parallel_workers_per_gather = 0
max_wal_senders = 2
max_replication_slots = 2
autovacuum_max_workers = 1
autovacuum_naptime = '5min'
wal_level = replica
wal_buffers = '1MB'
min_wal_size = '4MB'
max_wal_size = '64MB'
huge_pages = off
log_destination = 'stderr'
log_min_messages = warning
log_connections = off
# Continuous archiving: every finished WAL file goes to the platform (archive_command is
# written per instance at each start in oxygis-archive.conf).
archive_mode = on
include_if_exists = 'oxygis-instance.conf'
include_if_exists = 'oxygis-archive.conf'
`;

const SETUP_SQL = [
  `create role ${CLIENTS_GROUP} nologin`,
  `create role ${TEMPLATE_OWNER} login in role ${CLIENTS_GROUP}`,
  `create database ${TEMPLATE_DATABASE} owner ${TEMPLATE_OWNER}`,
  `revoke connect on database ${TEMPLATE_DATABASE} from public`,
  `grant connect on database ${TEMPLATE_DATABASE} to ${CLIENTS_GROUP}`,
  `revoke connect on database template1 from public`,
];

export interface TemplateOptions {
  dir: string;
  binaries: PgBinaries;
  osUser?: OsUser | undefined;
  adminPassword: string;
  /** PEM key and certificate used only while the template itself runs. */
  tls: { cert: string; key: string };
  logger: Logger;
}

async function ownedByPostgres(file: string, osUser: OsUser | undefined): Promise<void> {
  if (osUser) await run('chown', [`${osUser.uid}:${osUser.gid}`, file]);
}

/**
 * The pre-initialised cluster that every client instance is copied from: initdb, roles, the
 * client database, hba and tuned settings done once, so provisioning is a copy and a start.
 * Built in a scratch directory and renamed into place: a crash never leaves half a template.
 */
export async function ensureTemplate(options: TemplateOptions): Promise<string> {
  const pgdata = path.join(options.dir, 'pgdata');
  const marker = path.join(options.dir, 'FORMAT');
  try {
    if (Number(await readFile(marker, 'utf8')) === TEMPLATE_FORMAT) return pgdata;
  } catch {
    // missing or unreadable: build it
  }
  options.logger.info({ dir: options.dir }, 'building the client instance template');
  const scratch = `${options.dir}.building-${process.pid}`;
  await rm(scratch, { recursive: true, force: true });
  await mkdir(scratch, { recursive: true, mode: 0o755 });
  await ownedByPostgres(scratch, options.osUser);
  const cluster = new PgCluster({
    dataDir: path.join(scratch, 'pgdata'),
    logFile: path.join(scratch, 'template.log'),
    binaries: options.binaries,
    ...(options.osUser ? { osUser: options.osUser } : {}),
  });
  await cluster.initialise(ADMIN_ROLE, options.adminPassword, ['--wal-segsize=1']);
  const data = cluster.options.dataDir;
  await appendFile(path.join(data, 'postgresql.conf'), BASE_CONF);
  await writeFile(path.join(data, 'pg_hba.conf'), HBA);
  await writeFile(path.join(data, 'server.crt'), options.tls.cert);
  await writeFile(path.join(data, 'server.key'), options.tls.key, { mode: 0o600 });
  for (const file of ['postgresql.conf', 'pg_hba.conf', 'server.crt', 'server.key']) {
    await ownedByPostgres(path.join(data, file), options.osUser);
  }
  const port = await freePort();
  await cluster.start({ port, parameters: { listen_addresses: '127.0.0.1' } });
  try {
    const client = new pg.Client({
      host: '127.0.0.1',
      port,
      user: ADMIN_ROLE,
      password: options.adminPassword,
      database: 'postgres',
      ssl: { rejectUnauthorized: false },
    });
    await client.connect();
    try {
      for (const statement of SETUP_SQL) await client.query(statement);
    } finally {
      await client.end();
    }
    const admin = new pg.Client({
      host: '127.0.0.1',
      port,
      user: ADMIN_ROLE,
      password: options.adminPassword,
      database: TEMPLATE_DATABASE,
      ssl: { rejectUnauthorized: false },
    });
    await admin.connect();
    try {
      // The template's default database is not needed by clients; a smaller copy is a faster one.
      await admin.query('drop database postgres');
      await admin.query('checkpoint');
    } finally {
      await admin.end();
    }
  } finally {
    await cluster.stop();
  }
  await rm(path.join(data, 'server.crt'));
  await rm(path.join(data, 'server.key'));
  await rm(path.join(data, 'postmaster.opts'), { force: true });
  await writeFile(path.join(scratch, 'FORMAT'), String(TEMPLATE_FORMAT));
  await rm(options.dir, { recursive: true, force: true });
  await rename(scratch, options.dir);
  return pgdata;
}
