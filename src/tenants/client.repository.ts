import type { Db } from '../db/database.js';
import type { ClientContact } from '../db/schema.js';

export interface Client {
  id: string;
  name: string;
  slug: string;
  plan: string;
  status: 'active' | 'suspended' | 'deleting';
  contacts: ClientContact[];
  requireMfa: boolean;
  deleteAfter: Date | null;
  createdAt: Date;
}

const columns = [
  'id',
  'name',
  'slug',
  'plan',
  'status',
  'contacts',
  'require_mfa as requireMfa',
  'delete_after as deleteAfter',
  'created_at as createdAt',
] as const;

export const clientRepository = {
  insert(
    db: Db,
    client: { name: string; slug: string; plan: string; contacts: ClientContact[] },
  ): Promise<Client> {
    return db
      .insertInto('client')
      .values({ ...client, contacts: JSON.stringify(client.contacts) })
      .returning(columns)
      .executeTakeFirstOrThrow();
  },

  list(db: Db, onlyId?: string): Promise<Client[]> {
    let query = db.selectFrom('client').select(columns).orderBy('name');
    if (onlyId !== undefined) query = query.where('id', '=', onlyId);
    return query.execute();
  },

  findBySlugOrId(db: Db, key: string): Promise<Client | undefined> {
    const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(key);
    return db
      .selectFrom('client')
      .select(columns)
      .where(isUuid ? 'id' : 'slug', '=', key)
      .executeTakeFirst();
  },

  async setRequireMfa(db: Db, id: string, requireMfa: boolean): Promise<void> {
    await db.updateTable('client').set({ require_mfa: requireMfa }).where('id', '=', id).execute();
  },

  async setStatus(
    db: Db,
    id: string,
    status: Client['status'],
    deleteAfter: Date | null = null,
  ): Promise<void> {
    await db.updateTable('client').set({ status, delete_after: deleteAfter }).where('id', '=', id).execute();
  },

  dueForRemoval(db: Db, now: Date): Promise<Client[]> {
    return db
      .selectFrom('client')
      .select(columns)
      .where('status', '=', 'deleting')
      .where('delete_after', '<=', now)
      .execute();
  },

  /** Removes the client and its accounts for good (the audit log keeps their history). */
  async remove(db: Db, id: string): Promise<void> {
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('account').where('client_id', '=', id).execute();
      await trx.deleteFrom('client').where('id', '=', id).execute();
    });
  },
};
