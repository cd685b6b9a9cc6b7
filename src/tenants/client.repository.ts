import type { Db } from '../db/database.js';

export interface Client {
  id: string;
  name: string;
  slug: string;
  requireMfa: boolean;
  createdAt: Date;
}

const columns = ['id', 'name', 'slug', 'require_mfa as requireMfa', 'created_at as createdAt'] as const;

export const clientRepository = {
  insert(db: Db, client: { name: string; slug: string }): Promise<Client> {
    return db.insertInto('client').values(client).returning(columns).executeTakeFirstOrThrow();
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
};
