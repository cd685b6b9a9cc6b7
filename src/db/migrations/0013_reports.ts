import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The archive lag of each client, the worst seen in each minute the platform watched it: the
  // month's data-loss exposure in the report. Kept 400 days.
  await db.schema
    .createTable('archive_lag_minute')
    .addColumn('client_id', 'uuid', (c) => c.notNull().references('client.id').onDelete('cascade'))
    .addColumn('minute', 'timestamptz', (c) => c.notNull())
    .addColumn('lag_seconds', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('archive_lag_minute_pk', ['client_id', 'minute'])
    .execute();

  // Archived monthly reports: a version never changes; an amendment is a new version.
  await db.schema
    .createTable('sla_report')
    .addColumn('client_id', 'uuid', (c) => c.notNull().references('client.id').onDelete('cascade'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('report', 'jsonb', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('sla_report_pk', ['client_id', 'month', 'version'])
    .execute();
  await sql`
    create function sla_report_archived() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' and not exists (select 1 from client where id = old.client_id) then
        return old; -- the client itself is being removed
      end if;
      raise exception 'an archived report never changes: make a new version';
    end $$`.execute(db);
  await sql`create trigger sla_report_archived before update or delete on sla_report
    for each row execute function sla_report_archived()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sla_report').execute();
  await sql`drop function sla_report_archived`.execute(db);
  await db.schema.dropTable('archive_lag_minute').execute();
}
