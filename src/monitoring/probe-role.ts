import { createHmac } from 'node:crypto';
import { withAdmin, type AdminConnection } from '../tenants/instance-admin.js';
import { CLIENTS_GROUP } from '../tenants/template.js';

/** The login the platform's database probe uses on every client instance. */
export const PROBE_ROLE = 'oxygis_probe';

/** Derived per client from the platform key: never stored, different on every instance. */
export function probePassword(platformKey: Buffer, clientId: string): string {
  return createHmac('sha256', platformKey).update(`probe:${clientId}`).digest('base64url');
}

/**
 * Makes sure the probe role exists on an instance with its password: a login in the clients'
 * group (so the instance's TLS + SCRAM rules admit it) with no privilege beyond connecting and at
 * most two connections. Idempotent.
 */
export async function ensureProbeRole(connection: AdminConnection, password: string): Promise<void> {
  await withAdmin(connection, async (client) => {
    await client.query(
      `do $$ begin
         if not exists (select from pg_roles where rolname = '${PROBE_ROLE}') then
           create role ${PROBE_ROLE} login connection limit 2 in role ${CLIENTS_GROUP};
         end if;
       end $$`,
    );
    await client.query(`alter role ${PROBE_ROLE} password ${client.escapeLiteral(password)}`);
  });
}
