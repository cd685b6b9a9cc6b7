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
