import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Clients (tenants). The tenants issue adds plans, contacts and the dedicated instance.
  await db.schema
    .createTable('client')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('require_mfa', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .alterTable('account')
    .addForeignKeyConstraint('account_client_fk', ['client_id'], 'client', ['id'])
    .onDelete('restrict')
    .execute();
  await db.schema
    .alterTable('account')
    .addColumn('totp_secret', 'text')
    .addColumn('totp_enabled_at', 'timestamptz')
    .addColumn('totp_last_step', 'bigint')
    .execute();

  await db.schema
    .createTable('account_right')
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('account.id').onDelete('cascade'))
    .addColumn('right', 'text', (c) =>
      c.notNull().check(sql`"right" in ('tickets', 'backups', 'reports', 'database_credentials')`),
    )
    .addColumn('granted_by', 'uuid')
    .addColumn('granted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('account_right_pk', ['account_id', 'right'])
    .execute();

  await db.schema
    .createTable('recovery_code')
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('account.id').onDelete('cascade'))
    .addColumn('code_hash', 'bytea', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addPrimaryKeyConstraint('recovery_code_pk', ['account_id', 'code_hash'])
    .execute();

  await db.schema
    .createTable('one_time_link')
    .addColumn('token_hash', 'bytea', (c) => c.primaryKey())
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('account.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('invitation', 'password_reset')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_start', 'timestamptz', (c) => c.notNull())
    .addColumn('blocked_until', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('login_throttle').execute();
  await db.schema.dropTable('one_time_link').execute();
  await db.schema.dropTable('recovery_code').execute();
  await db.schema.dropTable('account_right').execute();
  await db.schema
    .alterTable('account')
    .dropColumn('totp_last_step')
    .dropColumn('totp_enabled_at')
    .dropColumn('totp_secret')
    .execute();
  await db.schema.alterTable('account').dropConstraint('account_client_fk').execute();
  await db.schema.dropTable('client').execute();
}
