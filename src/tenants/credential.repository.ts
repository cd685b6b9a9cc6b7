import type { Db } from '../db/database.js';

export interface CredentialRow {
  id: string;
  clientId: string;
  accountId: string;
  accountEmail: string;
  roleName: string;
  mode: 'read_only' | 'read_write';
  createdAt: Date;
  rotatedAt: Date | null;
}

export const credentialRepository = {
  list(db: Db, clientId: string, accountId?: string): Promise<CredentialRow[]> {
    let query = db
      .selectFrom('db_credential')
      .innerJoin('account', 'account.id', 'db_credential.account_id')
      .select([
        'db_credential.id',
        'db_credential.client_id as clientId',
        'db_credential.account_id as accountId',
        'account.email as accountEmail',
        'db_credential.role_name as roleName',
        'db_credential.mode',
        'db_credential.created_at as createdAt',
        'db_credential.rotated_at as rotatedAt',
      ])
      .where('db_credential.client_id', '=', clientId)
      .orderBy('account.email');
    if (accountId !== undefined) query = query.where('db_credential.account_id', '=', accountId);
    return query.execute();
  },

  async insert(
    db: Db,
    row: { clientId: string; accountId: string; roleName: string; mode: 'read_only' | 'read_write' },
  ): Promise<void> {
    await db
      .insertInto('db_credential')
      .values({ client_id: row.clientId, account_id: row.accountId, role_name: row.roleName, mode: row.mode })
      .execute();
  },

  async rotated(db: Db, id: string): Promise<void> {
    await db.updateTable('db_credential').set({ rotated_at: new Date() }).where('id', '=', id).execute();
  },

  async delete(db: Db, id: string): Promise<void> {
    await db.deleteFrom('db_credential').where('id', '=', id).execute();
  },
};
