import type { Db } from '../db/database.js';

export const apiTokenRepository = {
  async insert(db: Db, token: { accountId: string; name: string; tokenHash: Buffer }): Promise<string> {
    const row = await db
      .insertInto('api_token')
      .values({ account_id: token.accountId, name: token.name, token_hash: token.tokenHash })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },

  list(db: Db, accountId: string) {
    return db
      .selectFrom('api_token')
      .select([
        'id',
        'name',
        'created_at as createdAt',
        'last_used_at as lastUsedAt',
        'revoked_at as revokedAt',
      ])
      .where('account_id', '=', accountId)
      .orderBy('created_at', 'desc')
      .execute();
  },

  async revoke(db: Db, accountId: string, id: string): Promise<boolean> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return false;
    const result = await db
      .updateTable('api_token')
      .set({ revoked_at: new Date() })
      .where('id', '=', id)
      .where('account_id', '=', accountId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  },

  /** The account of a live (not revoked) token, marking it used. */
  async use(db: Db, tokenHash: Buffer, at: Date): Promise<string | undefined> {
    const row = await db
      .updateTable('api_token')
      .set({ last_used_at: at })
      .where('token_hash', '=', tokenHash)
      .where('revoked_at', 'is', null)
      .returning('account_id')
      .executeTakeFirst();
    return row?.account_id;
  },
};
