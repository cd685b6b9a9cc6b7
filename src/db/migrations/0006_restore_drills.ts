import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Proof that restores work: each drill restores the latest backup into a scratch instance.
  await db.schema
    .createTable('restore_drill')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('client_id', 'uuid', (c) => c.notNull().references('client.id').onDelete('cascade'))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('ok', 'boolean', (c) => c.notNull())
    .addColumn('base_backup_id', 'uuid')
    .addColumn('duration_ms', 'integer')
    .addColumn('recovered_up_to', 'timestamptz')
    .addColumn('tables', 'integer')
    .addColumn('error', 'text')
    .execute();
  await db.schema
    .createIndex('restore_drill_client_at')
    .on('restore_drill')
    .columns(['client_id', 'at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('restore_drill').execute();
}
