import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { AccountTable } from '../db/schema.js';

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

  async setPasswordHash(db: Db, id: string, passwordHash: string): Promise<void> {
    await db
      .updateTable('account')
      .set({ password_hash: passwordHash, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
  },
};
