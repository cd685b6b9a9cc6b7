import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // What is watched: each client's database (automatic) and its application endpoints.
  await db.schema
    .createTable('monitor')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('client_id', 'uuid', (c) => c.notNull().references('client.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('http', 'tcp', 'postgres')`))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('application', 'database')`))
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('interval_seconds', 'integer', (c) => c.notNull().check(sql`interval_seconds >= 5`))
    .addColumn('timeout_ms', 'integer', (c) => c.notNull())
    .addColumn('expected_status', 'integer')
    .addColumn('keyword', 'text')
    .addColumn('degraded_after_ms', 'integer')
    .addColumn('failure_threshold', 'integer', (c) => c.notNull())
    .addColumn('recovery_threshold', 'integer', (c) => c.notNull())
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('monitor_client_name', ['client_id', 'name'])
    .execute();

  // Current state of each monitor (derived; rewritten on every transition).
  await db.schema
    .createTable('monitor_status')
    .addColumn('monitor_id', 'uuid', (c) => c.primaryKey().references('monitor.id').onDelete('cascade'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('since', 'timestamptz', (c) => c.notNull())
    .addColumn('last_check_at', 'timestamptz')
    .addColumn('last_latency_ms', 'real')
    .addColumn('last_error', 'text')
    .addColumn('certificate_expires_at', 'timestamptz')
    .execute();

  // The source of truth for availability: who was in which state, from when to when.
  await db.schema
    .createTable('state_interval')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('monitor_id', 'uuid', (c) => c.notNull().references('monitor.id').onDelete('cascade'))
    .addColumn('client_id', 'uuid', (c) => c.notNull().references('client.id').onDelete('cascade'))
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('up', 'down', 'degraded', 'no_data')`))
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ended_at', 'timestamptz')
    .execute();
  await sql`create unique index state_interval_open on state_interval (monitor_id) where ended_at is null`.execute(
    db,
  );
  await db.schema
    .createIndex('state_interval_client_time')
    .on('state_interval')
    .columns(['client_id', 'started_at'])
    .execute();

  // Raw checks (kept a few days) and per-minute rollups (kept 13 months and more).
  await db.schema
    .createTable('check_result')
    .addColumn('monitor_id', 'uuid', (c) => c.notNull().references('monitor.id').onDelete('cascade'))
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('ok', 'boolean', (c) => c.notNull())
    .addColumn('degraded', 'boolean', (c) => c.notNull())
    .addColumn('latency_ms', 'real', (c) => c.notNull())
    .addColumn('error', 'text')
    .execute();
  await db.schema
    .createIndex('check_result_monitor_at')
    .on('check_result')
    .columns(['monitor_id', 'at'])
    .execute();
  await db.schema.createIndex('check_result_at').on('check_result').column('at').execute();
  await db.schema
    .createTable('check_minute')
    .addColumn('monitor_id', 'uuid', (c) => c.notNull().references('monitor.id').onDelete('cascade'))
    .addColumn('minute', 'timestamptz', (c) => c.notNull())
    .addColumn('checks', 'integer', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('degraded', 'integer', (c) => c.notNull())
    .addColumn('latency_avg_ms', 'real', (c) => c.notNull())
    .addColumn('latency_max_ms', 'real', (c) => c.notNull())
    .addPrimaryKeyConstraint('check_minute_pk', ['monitor_id', 'minute'])
    .execute();

  // The prober's heartbeat: after a stop or a crash, the time since the last beat is "no data".
  await db.schema
    .createTable('prober_heartbeat')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('beat_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('maintenance_window')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('scope', 'text', (c) => c.notNull().check(sql`scope in ('platform', 'client', 'monitor')`))
    .addColumn('client_id', 'uuid', (c) => c.references('client.id').onDelete('cascade'))
    .addColumn('monitor_id', 'uuid', (c) => c.references('monitor.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('one_off', 'recurring')`))
    .addColumn('starts_at', 'timestamptz')
    .addColumn('ends_at', 'timestamptz')
    .addColumn('rrule', 'text')
    .addColumn('first_date', 'text')
    .addColumn('local_start', 'text')
    .addColumn('duration_minutes', 'integer')
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('cancelled_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('force_majeure')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('declared_by', 'text', (c) => c.notNull())
    .addColumn('declared_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('withdrawn_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('incident')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('client_id', 'uuid', (c) => c.notNull().references('client.id').onDelete('cascade'))
    .addColumn('monitor_id', 'uuid', (c) => c.references('monitor.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('investigating', 'identified', 'monitoring', 'resolved')`),
    )
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('acknowledged_at', 'timestamptz')
    .addColumn('acknowledged_by', 'text')
    .addColumn('postmortem', 'text')
    .execute();
  await sql`create unique index incident_open_per_monitor on incident (monitor_id) where resolved_at is null`.execute(
    db,
  );
  await db.schema
    .createIndex('incident_client_opened')
    .on('incident')
    .columns(['client_id', 'opened_at'])
    .execute();
  await db.schema
    .createTable('incident_update')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('incident_id', 'uuid', (c) => c.notNull().references('incident.id').onDelete('cascade'))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('author', 'text')
    .execute();

  // Each client's figures per calendar month, frozen when the month closes; corrections are new
  // versions with a reason and an author (never an update of a frozen one).
  await db.schema
    .createTable('sla_month')
    .addColumn('client_id', 'uuid', (c) => c.notNull().references('client.id').onDelete('cascade'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('figures', 'jsonb', (c) => c.notNull())
    .addColumn('frozen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('reason', 'text')
    .addColumn('author', 'text')
    .addPrimaryKeyConstraint('sla_month_pk', ['client_id', 'month', 'version'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'sla_month',
    'incident_update',
    'incident',
    'force_majeure',
    'maintenance_window',
    'prober_heartbeat',
    'check_minute',
    'check_result',
    'state_interval',
    'monitor_status',
    'monitor',
  ])
    await db.schema.dropTable(table).execute();
}
