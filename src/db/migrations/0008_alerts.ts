import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Conditions that break (or are about to break) a promise of the agreement, open until they
  // clear; at most one open alert per kind and client.
  await db.schema
    .createTable('alert')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('client_id', 'uuid', (c) => c.references('client.id').onDelete('cascade'))
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('resolved_at', 'timestamptz')
    .execute();
  await sql`create unique index alert_one_open on alert (kind, coalesce(client_id, '00000000-0000-0000-0000-000000000000'::uuid)) where resolved_at is null`.execute(
    db,
  );
  await db.schema
    .createIndex('alert_client_opened')
    .on('alert')
    .columns(['client_id', 'opened_at'])
    .execute();
  // A drill also records the data-loss window at the time: the archive lag, what a disaster at
  // that moment would have lost.
  await db.schema.alterTable('restore_drill').addColumn('data_loss_window_seconds', 'integer').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('restore_drill').dropColumn('data_loss_window_seconds').execute();
  await db.schema.dropTable('alert').execute();
}
