import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // People who asked for the public status page's notices by e-mail. Only the SHA-256 of the
  // confirmation token is kept; unconfirmed rows go after 24 hours and unsubscribing deletes the
  // row (an address is personal data: nothing is kept that is not needed).
  await db.schema
    .createTable('status_subscriber')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('confirm_token_hash', 'bytea', (c) => c.unique())
    .addColumn('confirm_expires_at', 'timestamptz')
    .addColumn('confirmed_at', 'timestamptz')
    .addColumn('mailed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('status_subscriber').execute();
}
