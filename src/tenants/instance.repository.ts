import type { Db } from '../db/database.js';
import type { InstanceStatus } from '../db/schema.js';

export interface InstanceRow {
  clientId: string;
  host: string;
  port: number;
  dataDir: string;
  dbName: string;
  ownerRole: string;
  sealedAdminPassword: string;
  status: InstanceStatus;
}

const columns = [
  'client_id as clientId',
  'host',
  'port',
  'data_dir as dataDir',
  'db_name as dbName',
  'owner_role as ownerRole',
  'sealed_admin_password as sealedAdminPassword',
  'status',
] as const;

export const instanceRepository = {
  async insert(db: Db, row: InstanceRow): Promise<void> {
    await db
      .insertInto('instance')
      .values({
        client_id: row.clientId,
        host: row.host,
        port: row.port,
        data_dir: row.dataDir,
        db_name: row.dbName,
        owner_role: row.ownerRole,
        sealed_admin_password: row.sealedAdminPassword,
        status: row.status,
      })
      .execute();
  },

  find(db: Db, clientId: string): Promise<InstanceRow | undefined> {
    return db.selectFrom('instance').select(columns).where('client_id', '=', clientId).executeTakeFirst();
  },

  list(db: Db, host: string): Promise<InstanceRow[]> {
    return db.selectFrom('instance').select(columns).where('host', '=', host).execute();
  },

  /** Ports held by instances on a host, and by the standbys (which run beside them). */
  async usedPorts(db: Db, host: string): Promise<Set<number>> {
    const rows = await db.selectFrom('instance').select('port').where('host', '=', host).execute();
    const standbys = await db.selectFrom('standby').select('port').where('port', 'is not', null).execute();
    return new Set([...rows.map((row) => row.port), ...standbys.flatMap((row) => row.port ?? [])]);
  },

  async setStatus(db: Db, clientId: string, status: InstanceStatus): Promise<void> {
    await db
      .updateTable('instance')
      .set({ status, updated_at: new Date() })
      .where('client_id', '=', clientId)
      .execute();
  },

  async setPort(db: Db, clientId: string, port: number): Promise<void> {
    await db
      .updateTable('instance')
      .set({ port, updated_at: new Date() })
      .where('client_id', '=', clientId)
      .execute();
  },

  async event(db: Db, clientId: string, kind: string, detail: Record<string, unknown> = {}): Promise<void> {
    await db
      .insertInto('instance_event')
      .values({ client_id: clientId, kind, detail: JSON.stringify(detail) })
      .execute();
  },

  events(db: Db, clientId: string, limit = 50) {
    return db
      .selectFrom('instance_event')
      .select(['at', 'kind', 'detail'])
      .where('client_id', '=', clientId)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  },
};
