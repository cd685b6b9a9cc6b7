import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // A restore is long work: one row per run, its phase and progress, so the CLI and the console
  // can follow it and a crash in the middle is found and finished or undone at the next start.
  await db.schema
    .createTable('restore_run')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('client_id', 'uuid', (c) => c.notNull().references('client.id').onDelete('cascade'))
    .addColumn('requested_by', 'text')
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('switch', 'in_place')`))
    .addColumn('target_time', 'timestamptz')
    .addColumn('base_backup_id', 'uuid')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('running', 'done', 'failed')`))
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('bytes_done', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('bytes_total', 'bigint')
    .addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .addColumn('duration_ms', 'integer')
    .addColumn('recovered_up_to', 'timestamptz')
    .addColumn('previous_data_dir', 'text')
    .addColumn('previous_kept_until', 'timestamptz')
    .addColumn('previous_removed_at', 'timestamptz')
    .addColumn('error', 'text')
    .execute();
  // One restore at a time per client.
  await sql`create unique index restore_run_one_running on restore_run (client_id) where status = 'running'`.execute(
    db,
  );
  await db.schema
    .createIndex('restore_run_client_started')
    .on('restore_run')
    .columns(['client_id', 'started_at'])
    .execute();

  // Per-client retention and cadence; a client without a row has the defaults of the agreement.
  await db.schema
    .createTable('backup_policy')
    .addColumn('client_id', 'uuid', (c) => c.primaryKey().references('client.id').onDelete('cascade'))
    .addColumn('base_backup_every_hours', 'integer', (c) => c.notNull())
    .addColumn('weekly_backups_kept', 'integer', (c) => c.notNull())
    .addColumn('pitr_days', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Expired backups stay in the catalogue (the monthly report lists what was taken), their
  // objects are gone from every target.
  await sql`alter table base_backup drop constraint base_backup_status_check`.execute(db);
  await sql`alter table base_backup add constraint base_backup_status_check
    check (status in ('running', 'done', 'failed', 'expired'))`.execute(db);
  await db.schema
    .alterTable('base_backup')
    .addColumn('expired_at', 'timestamptz')
    .addColumn('verified_at', 'timestamptz')
    .addColumn('verified_ok', 'boolean')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('base_backup')
    .dropColumn('expired_at')
    .dropColumn('verified_at')
    .dropColumn('verified_ok')
    .execute();
  await db.schema.dropTable('backup_policy').execute();
  await db.schema.dropTable('restore_run').execute();
}
