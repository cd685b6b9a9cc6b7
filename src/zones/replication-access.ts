import { createHmac } from 'node:crypto';
import { chown, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { OsUser } from '../postgres/os-user.js';
import { withAdmin, type AdminConnection } from '../tenants/instance-admin.js';

/** The login a standby streams WAL with: replication only, no access to any database. */
export const REPLICATION_ROLE = 'oxygis_replicator';

/** Derived per client from the platform key: never stored, different on every instance. */
export function replicationPassword(platformKey: Buffer, clientId: string): string {
  return createHmac('sha256', platformKey).update(`replication:${clientId}`).digest('base64url');
}

/**
 * The pg_hba.conf lines that admit the standby: TLS and SCRAM, the replication role only, from
 * the host the standby runs on (loopback with the local driver). Every other line stays as is.
 */
export function replicationHbaLines(addresses: string[]): string {
  return addresses
    .map((address) => `hostssl replication ${REPLICATION_ROLE} ${address} scram-sha-256`)
    .join('\n');
}

const LOOPBACK = ['127.0.0.1/32', '::1/128'];

/**
 * Lets a standby stream from an instance: the replication role with its password, and the hba
 * lines (appended once to the instance's pg_hba.conf), reloaded. Idempotent. Base backups taken
 * afterwards carry both, so a standby promoted in a failover admits the next one the same way.
 */
export async function ensureReplicationAccess(
  connection: AdminConnection,
  dataDir: string,
  password: string,
  osUser: OsUser | undefined,
): Promise<void> {
  const file = path.join(dataDir, 'pg_hba.conf');
  const text = await readFile(file, 'utf8');
  const missing = LOOPBACK.filter((address) => !text.includes(replicationHbaLines([address])));
  if (missing.length > 0) {
    await writeFile(file, `${text}${text.endsWith('\n') ? '' : '\n'}${replicationHbaLines(missing)}\n`, {
      mode: 0o600,
    });
    if (osUser) await chown(file, osUser.uid, osUser.gid);
  }
  await withAdmin(connection, async (client) => {
    await client.query(
      `do $$ begin
         if not exists (select from pg_roles where rolname = '${REPLICATION_ROLE}') then
           create role ${REPLICATION_ROLE} login replication connection limit 2;
         end if;
       end $$`,
    );
    await client.query(`alter role ${REPLICATION_ROLE} password ${client.escapeLiteral(password)}`);
    if (missing.length > 0) await client.query('select pg_reload_conf()');
  });
}
