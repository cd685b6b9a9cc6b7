import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { REPLICATION_ROLE } from './replication-access.js';

const MARK = '\n# oxygis standby';
export const STANDBY_CA_FILE = 'standby-ca.pem';

export interface StandbySettings {
  primary: { host: string; port: number };
  password: string;
  /** PEM of the CA that signed the primary's certificate (verified on every connection). */
  caPem: string;
  /** WAL the primary has already archived is fetched from the archive, the rest streamed. */
  restoreCommand: string;
}

const quoted = (value: string) => `'${value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
/** A libpq keyword value: single-quoted, with quotes and backslashes escaped. */
const conninfoValue = (value: string) => `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

/**
 * Turns an unpacked base backup into a standby: standby.signal, the primary to stream from (TLS
 * verified against the platform CA, SCRAM with the replication role) and the archive to fall back
 * on. Kept apart in postgresql.auto.conf behind a marker, so a promotion takes it out again.
 */
export async function writeStandbySettings(dataDir: string, settings: StandbySettings): Promise<void> {
  await writeFile(path.join(dataDir, STANDBY_CA_FILE), settings.caPem, { mode: 0o600 });
  const conninfo = [
    `host=${settings.primary.host}`,
    `port=${settings.primary.port}`,
    `user=${REPLICATION_ROLE}`,
    `password=${conninfoValue(settings.password)}`,
    'sslmode=verify-ca',
    // No client certificate (the server runs with the platform's HOME, whose ~/.postgresql it cannot read).
    'sslcertmode=disable',
    // Relative to the data directory (the server's working directory), which is renamed into place.
    `sslrootcert=${STANDBY_CA_FILE}`,
    'application_name=oxygis_standby',
  ].join(' ');
  const lines = [
    MARK.trimStart(),
    `primary_conninfo = ${quoted(conninfo)}`,
    `restore_command = ${quoted(settings.restoreCommand)}`,
    "recovery_target_timeline = 'latest'",
    'hot_standby = on',
    '',
  ];
  await clearStandbySettings(dataDir);
  const file = path.join(dataDir, 'postgresql.auto.conf');
  await writeFile(file, `${await readFile(file, 'utf8')}\n${lines.join('\n')}`, { mode: 0o600 });
  await writeFile(path.join(dataDir, 'standby.signal'), '', { mode: 0o600 });
}

/** After a promotion: the standby's settings (and its signal) go, the data runs as a primary. */
export async function clearStandbySettings(dataDir: string): Promise<void> {
  const file = path.join(dataDir, 'postgresql.auto.conf');
  const text = await readFile(file, 'utf8');
  await writeFile(file, text.split(MARK)[0] ?? '', { mode: 0o600 });
  await rm(path.join(dataDir, 'standby.signal'), { force: true });
}

/** The instance's own settings came with the backup: only the port differs. */
export async function setInstancePort(dataDir: string, port: number): Promise<void> {
  const file = path.join(dataDir, 'oxygis-instance.conf');
  const text = await readFile(file, 'utf8');
  if (!/^port = \d+$/m.test(text)) throw new Error(`${file} has no port line`);
  await writeFile(file, text.replace(/^port = \d+$/m, `port = ${port}`), { mode: 0o600 });
}
