import type { Db } from '../db/database.js';
import type { MonitorTable } from '../db/schema.js';
import type { Insertable, Selectable } from 'kysely';

export type MonitorRow = Selectable<MonitorTable>;

export const monitorRepository = {
  async insert(db: Db, row: Insertable<MonitorTable>, now = new Date()): Promise<MonitorRow> {
    return db.transaction().execute(async (trx) => {
      const monitor = await trx.insertInto('monitor').values(row).returningAll().executeTakeFirstOrThrow();
      // A new monitor has no data until its first check.
      await trx
        .insertInto('state_interval')
        .values({ monitor_id: monitor.id, client_id: monitor.client_id, state: 'no_data', started_at: now })
        .execute();
      await trx
        .insertInto('monitor_status')
        .values({ monitor_id: monitor.id, state: 'no_data', since: now })
        .execute();
      return monitor;
    });
  },

  list(db: Db, clientId?: string): Promise<MonitorRow[]> {
    let query = db.selectFrom('monitor').selectAll().orderBy('created_at');
    if (clientId) query = query.where('client_id', '=', clientId);
    return query.execute();
  },

  find(db: Db, id: string): Promise<MonitorRow | undefined> {
    return db.selectFrom('monitor').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async remove(db: Db, id: string): Promise<void> {
    await db.deleteFrom('monitor').where('id', '=', id).execute();
  },

  status(db: Db, ids: string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return db.selectFrom('monitor_status').selectAll().where('monitor_id', 'in', ids).execute();
  },
};
