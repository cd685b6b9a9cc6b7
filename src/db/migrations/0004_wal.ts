import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Every WAL file archived for a client, where its copies are, and which targets still miss one.
  await db.schema
    .createTable('wal_segment')
    .addColumn('client_id', 'uuid', (c) => c.notNull().references('client.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('archived_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('plain_bytes', 'bigint', (c) => c.notNull())
    .addColumn('stored_bytes', 'bigint', (c) => c.notNull())
    .addColumn('plain_sha256', 'text', (c) => c.notNull())
    .addColumn('stored_sha256', 'text', (c) => c.notNull())
    .addColumn('targets', sql`text[]`, (c) => c.notNull())
    .addColumn('missing', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('complete_at', 'timestamptz')
    .addPrimaryKeyConstraint('wal_segment_pk', ['client_id', 'name'])
    .execute();
  await sql`create index wal_segment_missing on wal_segment (client_id) where cardinality(missing) > 0`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('wal_segment').execute();
}
