import { sql } from 'kysely';
import type { Db } from '../db/database.js';

export interface ThrottleState {
  failures: number;
  blockedUntil: Date | null;
}

export const throttleRepository = {
  async get(db: Db, keys: string[]): Promise<Map<string, ThrottleState & { windowStart: Date }>> {
    const rows = await db
      .selectFrom('login_throttle')
      .select(['key', 'failures', 'window_start as windowStart', 'blocked_until as blockedUntil'])
      .where('key', 'in', keys)
      .execute();
    return new Map(rows.map((row) => [row.key, row]));
  },

  /**
   * Counts one failure for `key` inside a window of `windowMs` (a new window starts afresh) and
   * returns the new count. One statement, so concurrent failures are all counted.
   */
  async recordFailure(db: Db, key: string, now: Date, windowMs: number): Promise<number> {
    const windowEdge = new Date(now.getTime() - windowMs);
    const row = await sql<{ failures: number }>`
      insert into login_throttle (key, failures, window_start) values (${key}, 1, ${now})
      on conflict (key) do update set
        failures = case when login_throttle.window_start < ${windowEdge} then 1 else login_throttle.failures + 1 end,
        window_start = case when login_throttle.window_start < ${windowEdge} then ${now} else login_throttle.window_start end
      returning failures`.execute(db);
    return row.rows[0]?.failures ?? 1;
  },

  async block(db: Db, key: string, until: Date): Promise<void> {
    await db.updateTable('login_throttle').set({ blocked_until: until }).where('key', '=', key).execute();
  },

  async clear(db: Db, key: string): Promise<void> {
    await db.deleteFrom('login_throttle').where('key', '=', key).execute();
  },

  async purge(db: Db, before: Date): Promise<void> {
    await db
      .deleteFrom('login_throttle')
      .where('window_start', '<', before)
      .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<', before)]))
      .execute();
  },
};
