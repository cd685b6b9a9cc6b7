import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('base_backup')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('client_id', 'uuid', (c) => c.notNull().references('client.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('running', 'done', 'failed')`))
    .addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .addColumn('start_lsn', 'text')
    .addColumn('stop_lsn', 'text')
    .addColumn('files', 'integer')
    .addColumn('plain_bytes', 'bigint')
    .addColumn('stored_bytes', 'bigint')
    .addColumn('stored_sha256', 'text')
    .addColumn('targets', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('missing', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('error', 'text')
    .execute();
  await db.schema
    .createIndex('base_backup_client')
    .on('base_backup')
    .columns(['client_id', 'started_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('base_backup').execute();
}
