import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('client')
    .addColumn('plan', 'text', (c) => c.notNull().defaultTo('standard'))
    .addColumn('contacts', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('active')
        .check(sql`status in ('active', 'suspended', 'deleting')`),
    )
    .addColumn('delete_after', 'timestamptz')
    .execute();

  // One dedicated PostgreSQL instance per client.
  await db.schema
    .createTable('instance')
    .addColumn('client_id', 'uuid', (c) => c.primaryKey().references('client.id').onDelete('cascade'))
    .addColumn('host', 'text', (c) => c.notNull().defaultTo('local'))
    .addColumn('port', 'integer', (c) => c.notNull())
    .addColumn('data_dir', 'text', (c) => c.notNull())
    .addColumn('db_name', 'text', (c) => c.notNull())
    .addColumn('owner_role', 'text', (c) => c.notNull())
    .addColumn('sealed_admin_password', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .check(sql`status in ('provisioning', 'running', 'stopped', 'suspended', 'failed', 'deleting')`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('instance_host_port_unique', ['host', 'port'])
    .execute();

  // What happened to an instance, for operators and for the availability arithmetic.
  await db.schema
    .createTable('instance_event')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('client_id', 'uuid', (c) => c.notNull().references('client.id').onDelete('cascade'))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('detail', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema
    .createIndex('instance_event_client_at')
    .on('instance_event')
    .columns(['client_id', 'at'])
    .execute();

  // Personal database credentials granted to people of a client; passwords are never stored.
  await db.schema
    .createTable('db_credential')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('client_id', 'uuid', (c) => c.notNull().references('client.id').onDelete('cascade'))
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('account.id').onDelete('cascade'))
    .addColumn('role_name', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('read_only', 'read_write')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('rotated_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('db_credential_client_account')
    .on('db_credential')
    .columns(['client_id', 'account_id'])
    .unique()
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('db_credential').execute();
  await db.schema.dropTable('instance_event').execute();
  await db.schema.dropTable('instance').execute();
  await db.schema
    .alterTable('client')
    .dropColumn('delete_after')
    .dropColumn('status')
    .dropColumn('contacts')
    .dropColumn('plan')
    .execute();
}
