import type { Db } from '../db/database.js';
import type { OneTimeLinkTable } from '../db/schema.js';

export type LinkPurpose = OneTimeLinkTable['purpose'];

export const linkRepository = {
  async insert(
    db: Db,
    link: { tokenHash: Buffer; accountId: string; purpose: LinkPurpose; expiresAt: Date },
  ): Promise<void> {
    await db
      .insertInto('one_time_link')
      .values({
        token_hash: link.tokenHash,
        account_id: link.accountId,
        purpose: link.purpose,
        expires_at: link.expiresAt,
      })
      .execute();
  },

  /** Uses the link once: the account id for the single caller that consumed a live link. */
  async consume(db: Db, tokenHash: Buffer, purpose: LinkPurpose, now: Date): Promise<string | undefined> {
    const row = await db
      .updateTable('one_time_link')
      .set({ used_at: now })
      .where('token_hash', '=', tokenHash)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('account_id')
      .executeTakeFirst();
    return row?.account_id;
  },

  /** Earlier unused links of the same purpose stop working when a new one is sent. */
  async revokeOpen(db: Db, accountId: string, purpose: LinkPurpose, now: Date): Promise<void> {
    await db
      .updateTable('one_time_link')
      .set({ used_at: now })
      .where('account_id', '=', accountId)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .execute();
  },
};
