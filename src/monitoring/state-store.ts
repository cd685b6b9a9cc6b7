import type { Db } from '../db/database.js';
import type { MonitorState } from '../db/schema.js';

/**
 * Writes state intervals, the source of truth of availability: a transition closes the monitor's
 * open interval and opens the next one at the same instant, in one transaction.
 */
export const stateStore = {
  async transition(
    db: Db,
    monitor: { id: string; clientId: string },
    to: MonitorState,
    at: Date,
  ): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const open = await trx
        .selectFrom('state_interval')
        .select(['id', 'started_at'])
        .where('monitor_id', '=', monitor.id)
        .where('ended_at', 'is', null)
        .forUpdate()
        .executeTakeFirst();
      // Never before the open interval began (a streak can start before a restart's gap ended).
      const when = open && open.started_at > at ? open.started_at : at;
      if (open) {
        if (open.started_at.getTime() === when.getTime())
          await trx.deleteFrom('state_interval').where('id', '=', open.id).execute();
        else
          await trx.updateTable('state_interval').set({ ended_at: when }).where('id', '=', open.id).execute();
      }
      await trx
        .insertInto('state_interval')
        .values({ monitor_id: monitor.id, client_id: monitor.clientId, state: to, started_at: when })
        .execute();
      await trx
        .insertInto('monitor_status')
        .values({ monitor_id: monitor.id, state: to, since: when })
        .onConflict((oc) => oc.column('monitor_id').doUpdateSet({ state: to, since: when }))
        .execute();
    });
  },

  /**
   * After a stop or a crash: every monitor's open interval ends at the prober's last heartbeat
   * and the time since is "no data" — neither up nor down. Returns the gap's start.
   */
  async recordGap(db: Db, now: Date): Promise<Date> {
    return db.transaction().execute(async (trx) => {
      const beat = await trx
        .selectFrom('prober_heartbeat')
        .select('beat_at')
        .where('id', '=', 1)
        .executeTakeFirst();
      const gap = beat && beat.beat_at < now ? beat.beat_at : now;
      const open = await trx
        .selectFrom('state_interval')
        .select(['id', 'monitor_id', 'client_id', 'started_at'])
        .where('ended_at', 'is', null)
        .where('state', '<>', 'no_data')
        .execute();
      for (const interval of open) {
        const end = interval.started_at > gap ? interval.started_at : gap;
        await trx
          .updateTable('state_interval')
          .set({ ended_at: end })
          .where('id', '=', interval.id)
          .execute();
        await trx
          .insertInto('state_interval')
          .values({
            monitor_id: interval.monitor_id,
            client_id: interval.client_id,
            state: 'no_data',
            started_at: end,
          })
          .execute();
        await trx
          .updateTable('monitor_status')
          .set({ state: 'no_data', since: end })
          .where('monitor_id', '=', interval.monitor_id)
          .execute();
      }
      return gap;
    });
  },

  async heartbeat(db: Db, at = new Date()): Promise<void> {
    await db
      .insertInto('prober_heartbeat')
      .values({ id: 1, beat_at: at })
      .onConflict((oc) => oc.column('id').doUpdateSet({ beat_at: at }))
      .execute();
  },

  /** Each monitor's current state (what the trackers start from after a reload). */
  current(db: Db) {
    return db.selectFrom('monitor_status').select(['monitor_id', 'state']).execute();
  },
};
