import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The multi-zone option: a streaming-replication standby of a client's instance in the other
  // zone. One per client. `status` is the platform's work on it (being made, running, being
  // promoted in a failover, failed); `state` is what the last look at it found.
  await db.schema
    .createTable('standby')
    .addColumn('client_id', 'uuid', (c) => c.primaryKey().references('client.id').onDelete('cascade'))
    .addColumn('zone', 'text', (c) => c.notNull())
    .addColumn('data_dir', 'text', (c) => c.notNull())
    .addColumn('port', 'integer')
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('creating', 'running', 'promoting', 'failed')`),
    )
    .addColumn('state', 'text', (c) => c.check(sql`state in ('streaming', 'catching_up', 'down')`))
    .addColumn('lag_bytes', 'bigint')
    .addColumn('lag_seconds', sql`double precision`)
    .addColumn('replayed_at', 'timestamptz')
    .addColumn('checked_at', 'timestamptz')
    .addColumn('streaming_since', 'timestamptz')
    .addColumn('base_backup_id', 'uuid')
    .addColumn('error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('standby').execute();
}
