import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { AccountRight, AccountTable } from '../db/schema.js';

export interface Account {
  id: string;
  email: string;
  displayName: string;
  kind: AccountTable['kind'];
  roles: string[];
  clientId: string | null;
  status: AccountTable['status'];
}

export interface AccountWithHash extends Account {
  passwordHash: string | null;
}

export interface AccountDetails extends Account {
  clientSlug: string | null;
  rights: string[];
  mfaEnabled: boolean;
  createdAt: Date;
}

const columns = [
  'id',
  'email',
  'display_name as displayName',
  'kind',
  'roles',
  'client_id as clientId',
  'status',
  'password_hash as passwordHash',
] as const;

export const accountRepository = {
  async count(db: Db): Promise<number> {
    const row = await db
      .selectFrom('account')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  },

  findByEmail(db: Db, email: string): Promise<AccountWithHash | undefined> {
    return db
      .selectFrom('account')
      .select(columns)
      .where(sql`lower(email)`, '=', email.toLowerCase())
      .executeTakeFirst();
  },

  findById(db: Db, id: string): Promise<AccountWithHash | undefined> {
    return db.selectFrom('account').select(columns).where('id', '=', id).executeTakeFirst();
  },

  async insert(db: Db, account: Omit<Account, 'id'> & { passwordHash: string | null }): Promise<Account> {
    const row = await db
      .insertInto('account')
      .values({
        email: account.email,
        display_name: account.displayName,
        kind: account.kind,
        roles: account.roles,
        client_id: account.clientId,
        status: account.status,
        password_hash: account.passwordHash,
      })
      .returning(columns)
      .executeTakeFirstOrThrow();
    const { passwordHash: _hash, ...rest } = row;
    return rest;
  },

  /** Accounts with their client slug, rights and MFA state; `clientId` narrows to one client. */
  async listDetails(
    db: Db,
    filter: { clientId?: string; accountId?: string } = {},
  ): Promise<AccountDetails[]> {
    let query = db
      .selectFrom('account')
      .leftJoin('client', 'client.id', 'account.client_id')
      .select([
        'account.id',
        'account.email',
        'account.display_name as displayName',
        'account.kind',
        'account.roles',
        'account.client_id as clientId',
        'account.status',
        'account.created_at as createdAt',
        'client.slug as clientSlug',
        sql<boolean>`account.totp_enabled_at is not null`.as('mfaEnabled'),
        sql<
          string[]
        >`coalesce((select array_agg(r."right" order by r."right") from account_right r where r.account_id = account.id), '{}')`.as(
          'rights',
        ),
      ])
      .orderBy('account.email');
    if (filter.clientId !== undefined) query = query.where('account.client_id', '=', filter.clientId);
    if (filter.accountId !== undefined) query = query.where('account.id', '=', filter.accountId);
    return query.execute();
  },

  async setStatus(db: Db, id: string, status: AccountTable['status']): Promise<void> {
    await db.updateTable('account').set({ status, updated_at: new Date() }).where('id', '=', id).execute();
  },

  async rights(db: Db, id: string): Promise<string[]> {
    const rows = await db.selectFrom('account_right').select('right').where('account_id', '=', id).execute();
    return rows.map((row) => row.right);
  },

  async replaceRights(db: Db, id: string, rights: AccountRight[], grantedBy: string): Promise<void> {
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('account_right').where('account_id', '=', id).execute();
      if (rights.length > 0) {
        await trx
          .insertInto('account_right')
          .values(rights.map((right) => ({ account_id: id, right, granted_by: grantedBy })))
          .execute();
      }
    });
  },

  async setEmail(db: Db, id: string, email: string): Promise<void> {
    await db.updateTable('account').set({ email, updated_at: new Date() }).where('id', '=', id).execute();
  },

  async setPasswordHash(db: Db, id: string, passwordHash: string): Promise<void> {
    await db
      .updateTable('account')
      .set({ password_hash: passwordHash, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
  },
};
