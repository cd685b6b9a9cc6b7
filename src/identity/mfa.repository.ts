import type { Db } from '../db/database.js';

export interface MfaState {
  sealedSecret: string | null;
  enabled: boolean;
  lastStep: number | null;
  clientRequiresMfa: boolean;
}

export const mfaRepository = {
  async state(db: Db, accountId: string): Promise<MfaState | undefined> {
    const row = await db
      .selectFrom('account')
      .leftJoin('client', 'client.id', 'account.client_id')
      .select([
        'account.totp_secret as sealedSecret',
        'account.totp_enabled_at as enabledAt',
        'account.totp_last_step as lastStep',
        'client.require_mfa as clientRequiresMfa',
      ])
      .where('account.id', '=', accountId)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      sealedSecret: row.sealedSecret,
      enabled: row.enabledAt !== null,
      lastStep: row.lastStep === null ? null : Number(row.lastStep),
      clientRequiresMfa: row.clientRequiresMfa ?? false,
    };
  },

  async setPendingSecret(db: Db, accountId: string, sealedSecret: string): Promise<void> {
    await db
      .updateTable('account')
      .set({ totp_secret: sealedSecret, totp_enabled_at: null, totp_last_step: null })
      .where('id', '=', accountId)
      .execute();
  },

  async enable(db: Db, accountId: string, step: number, recoveryHashes: Buffer[]): Promise<void> {
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('account')
        .set({ totp_enabled_at: new Date(), totp_last_step: step })
        .where('id', '=', accountId)
        .execute();
      await trx.deleteFrom('recovery_code').where('account_id', '=', accountId).execute();
      await trx
        .insertInto('recovery_code')
        .values(recoveryHashes.map((code_hash) => ({ account_id: accountId, code_hash })))
        .execute();
    });
  },

  async disable(db: Db, accountId: string): Promise<void> {
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('account')
        .set({ totp_secret: null, totp_enabled_at: null, totp_last_step: null })
        .where('id', '=', accountId)
        .execute();
      await trx.deleteFrom('recovery_code').where('account_id', '=', accountId).execute();
    });
  },

  /** Records the time step used, only if it is newer than the last one (no replay). */
  async useStep(db: Db, accountId: string, step: number): Promise<boolean> {
    const result = await db
      .updateTable('account')
      .set({ totp_last_step: step })
      .where('id', '=', accountId)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', String(step))]))
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  },

  async useRecoveryCode(db: Db, accountId: string, codeHash: Buffer): Promise<boolean> {
    const result = await db
      .updateTable('recovery_code')
      .set({ used_at: new Date() })
      .where('account_id', '=', accountId)
      .where('code_hash', '=', codeHash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  },
};
