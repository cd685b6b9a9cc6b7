import type { Db } from '../db/database.js';
import type { Selectable, Updateable } from 'kysely';
import type { StandbyState, StandbyStatus, StandbyTable } from '../db/schema.js';
import type { ZoneName } from './zones.js';

export interface StandbyRow {
  clientId: string;
  zone: ZoneName;
  dataDir: string;
  port: number | null;
  status: StandbyStatus;
  state: StandbyState | null;
  lagBytes: number | null;
  lagSeconds: number | null;
  replayedAt: Date | null;
  checkedAt: Date | null;
  streamingSince: Date | null;
  baseBackupId: string | null;
  error: string | null;
  createdAt: Date;
}

type Change = Omit<Updateable<StandbyTable>, 'client_id' | 'created_at' | 'updated_at'>;

export const standbyRepository = {
  async find(db: Db, clientId: string): Promise<StandbyRow | undefined> {
    const row = await db
      .selectFrom('standby')
      .selectAll()
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    return row ? toRow(row) : undefined;
  },

  async list(db: Db): Promise<StandbyRow[]> {
    return (await db.selectFrom('standby').selectAll().execute()).map(toRow);
  },

  /** A new standby (or a rebuild of one): the row is reset to "creating". */
  async begin(db: Db, clientId: string, zone: ZoneName, dataDir: string): Promise<void> {
    const fresh = {
      zone,
      data_dir: dataDir,
      port: null,
      status: 'creating' as const,
      state: null,
      lag_bytes: null,
      lag_seconds: null,
      replayed_at: null,
      checked_at: null,
      streaming_since: null,
      base_backup_id: null,
      error: null,
      updated_at: new Date(),
    };
    await db
      .insertInto('standby')
      .values({ client_id: clientId, ...fresh })
      .onConflict((oc) => oc.column('client_id').doUpdateSet(fresh))
      .execute();
  },

  async update(db: Db, clientId: string, change: Change): Promise<void> {
    await db
      .updateTable('standby')
      .set({ ...change, updated_at: new Date() })
      .where('client_id', '=', clientId)
      .execute();
  },

  async remove(db: Db, clientId: string): Promise<void> {
    await db.deleteFrom('standby').where('client_id', '=', clientId).execute();
  },
};

function toRow(row: Selectable<StandbyTable>): StandbyRow {
  return {
    clientId: row.client_id,
    zone: row.zone === 'b' ? 'b' : 'a',
    dataDir: row.data_dir,
    port: row.port,
    status: row.status,
    state: row.state,
    lagBytes: row.lag_bytes === null ? null : Number(row.lag_bytes),
    lagSeconds: row.lag_seconds,
    replayedAt: row.replayed_at,
    checkedAt: row.checked_at,
    streamingSince: row.streaming_since,
    baseBackupId: row.base_backup_id,
    error: row.error,
    createdAt: row.created_at,
  };
}
