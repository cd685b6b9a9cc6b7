import type { Db } from '../db/database.js';

export interface StoredSession {
  accountId: string;
  csrfToken: string;
  lastSeenAt: Date;
  expiresAt: Date;
}

export const sessionRepository = {
  async insert(
    db: Db,
    session: {
      idHash: Buffer;
      accountId: string;
      csrfToken: string;
      ip: string;
      userAgent: string | null;
      expiresAt: Date;
    },
  ): Promise<void> {
    await db
      .insertInto('session')
      .values({
        id_hash: session.idHash,
        account_id: session.accountId,
        csrf_token: session.csrfToken,
        ip: session.ip,
        user_agent: session.userAgent,
        expires_at: session.expiresAt,
      })
      .execute();
  },

  find(db: Db, idHash: Buffer): Promise<StoredSession | undefined> {
    return db
      .selectFrom('session')
      .select([
        'account_id as accountId',
        'csrf_token as csrfToken',
        'last_seen_at as lastSeenAt',
        'expires_at as expiresAt',
      ])
      .where('id_hash', '=', idHash)
      .executeTakeFirst();
  },

  async touch(db: Db, idHash: Buffer, at: Date): Promise<void> {
    await db.updateTable('session').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
  },

  async delete(db: Db, idHash: Buffer): Promise<void> {
    await db.deleteFrom('session').where('id_hash', '=', idHash).execute();
  },

  /** Ends every session of the account, except `keep` (the one making the change). */
  async deleteForAccount(db: Db, accountId: string, keep?: Buffer): Promise<void> {
    let query = db.deleteFrom('session').where('account_id', '=', accountId);
    if (keep) query = query.where('id_hash', '!=', keep);
    await query.execute();
  },

  /** Removes sessions past their absolute end or idle for longer than `idleMs`. */
  async purgeExpired(db: Db, now: Date, idleMs: number): Promise<number> {
    const result = await db
      .deleteFrom('session')
      .where((eb) =>
        eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', new Date(now.getTime() - idleMs))]),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  },
};
