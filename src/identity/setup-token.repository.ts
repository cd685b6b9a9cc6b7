import type { Db } from '../db/database.js';

export const setupTokenRepository = {
  async replace(db: Db, tokenHash: Buffer): Promise<void> {
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('setup_token').where('used_at', 'is', null).execute();
      await trx.insertInto('setup_token').values({ token_hash: tokenHash }).execute();
    });
  },

  /** Marks the token used; true only for the one caller that consumed an unused token. */
  async consume(db: Db, tokenHash: Buffer): Promise<boolean> {
    const result = await db
      .updateTable('setup_token')
      .set({ used_at: new Date() })
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  },
};
