import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The catalogue of the agreement's service options, as data operators edit: price per unit.
  await db.schema
    .createTable('service_option')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('unit_price', sql`numeric(12, 2)`, (c) => c.notNull().check(sql`unit_price >= 0`))
    .addColumn('currency', 'text', (c) => c.notNull().defaultTo('EUR'))
    .addColumn('effect', 'jsonb', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull().defaultTo('platform'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`insert into service_option (code, name, description, unit, unit_price, effect) values
    ('multi_region_replication', 'Multi-region replication',
     'Every backup and WAL file of the client is also stored in a further region.',
     'month', 150.00, '{"kind": "extra_target"}'),
    ('multi_zone_deployment', 'Multi-zone deployment',
     'The client''s database runs with a standby in another availability zone.',
     'month', 300.00, '{"kind": "multi_zone"}'),
    ('daily_base_backups', 'Specific backups: daily base backups',
     'A base backup every day instead of every week.',
     'month', 50.00, '{"kind": "backup_policy", "baseBackupEveryHours": 24}'),
    ('extended_retention', 'Specific backups: longer retention',
     'Two years of weekly backups and 30 days of point-in-time restore.',
     'month', 40.00, '{"kind": "backup_policy", "weeklyBackupsKept": 104, "pitrDays": 30}')`.execute(db);

  // A client's options: requested by its administrator, approved (activated) by staff, later
  // deactivated. The price is kept as it was when activated; `previous` is what the effect
  // changed, to put back on deactivation.
  await db.schema
    .createTable('client_option')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('client_id', 'uuid', (c) => c.notNull().references('client.id').onDelete('cascade'))
    .addColumn('option_code', 'text', (c) => c.notNull().references('service_option.code'))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('requested', 'active', 'rejected', 'deactivated')`),
    )
    .addColumn('unit_price', sql`numeric(12, 2)`, (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('decided_by', 'text')
    .addColumn('activated_at', 'timestamptz')
    .addColumn('deactivated_at', 'timestamptz')
    .addColumn('previous', 'jsonb')
    .addColumn('note', 'text')
    .addColumn('decision_note', 'text')
    .execute();
  await sql`create unique index client_option_one_live on client_option (client_id, option_code)
    where status in ('requested', 'active')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('client_option').execute();
  await db.schema.dropTable('service_option').execute();
}
