import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The helpdesk's business calendar, as effective-dated versions: a ticket is governed by the
  // version in force when it was received, so a change never moves a deadline already computed.
  await db.schema
    .createTable('calendar_version')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('effective_from', 'timestamptz', (c) => c.notNull().unique())
    .addColumn('definition', 'jsonb', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await sql`create sequence ticket_number start 1001`.execute(db);
  await db.schema
    .createTable('ticket')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('number', 'integer', (c) =>
      c
        .notNull()
        .unique()
        .defaultTo(sql`nextval('ticket_number')`),
    )
    .addColumn('client_id', 'uuid', (c) => c.notNull().references('client.id').onDelete('cascade'))
    .addColumn('requester_account_id', 'uuid', (c) => c.references('account.id').onDelete('set null'))
    .addColumn('requester_email', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('criticality', 'text', (c) =>
      c.notNull().check(sql`criticality in ('critical', 'major', 'minor')`),
    )
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('open', 'waiting', 'resolved', 'closed')`),
    )
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('portal', 'email', 'phone')`))
    .addColumn('assignee_account_id', 'uuid', (c) => c.references('account.id').onDelete('set null'))
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addColumn('response_due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('responded_at', 'timestamptz')
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ticket_client_received')
    .on('ticket')
    .columns(['client_id', 'received_at'])
    .execute();
  await sql`create index ticket_waiting_response on ticket (response_due_at) where responded_at is null`.execute(
    db,
  );

  await db.schema
    .createTable('ticket_message')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('ticket_id', 'uuid', (c) => c.notNull().references('ticket.id').onDelete('cascade'))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('author_account_id', 'uuid', (c) => c.references('account.id').onDelete('set null'))
    .addColumn('author_email', 'text', (c) => c.notNull())
    .addColumn('from_staff', 'boolean', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull().check(sql`visibility in ('public', 'internal')`))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text')
    .execute();
  await db.schema
    .createIndex('ticket_message_ticket')
    .on('ticket_message')
    .columns(['ticket_id', 'at'])
    .execute();
  await sql`create unique index ticket_message_message_id on ticket_message (message_id) where message_id is not null`.execute(
    db,
  );

  // The SLA clock of each ticket as an append-only timeline: started, re-targeted, warnings,
  // responded, breached. Never updated nor deleted (a trigger refuses it).
  await db.schema
    .createTable('ticket_clock_event')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('ticket_id', 'uuid', (c) => c.notNull().references('ticket.id').onDelete('cascade'))
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('started', 'retargeted', 'warning', 'responded', 'breached')`),
    )
    .addColumn('criticality', 'text', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('detail', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema
    .createIndex('ticket_clock_ticket')
    .on('ticket_clock_event')
    .columns(['ticket_id', 'id'])
    .execute();
  await sql`
    create function ticket_clock_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' and not exists (select 1 from ticket where id = old.ticket_id) then
        return old; -- the ticket itself is being removed (client deleted)
      end if;
      raise exception 'the SLA clock of a ticket is append-only';
    end $$`.execute(db);
  await sql`create trigger ticket_clock_append_only before update or delete on ticket_clock_event
    for each row execute function ticket_clock_append_only()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('ticket_clock_event').execute();
  await sql`drop function ticket_clock_append_only`.execute(db);
  await db.schema.dropTable('ticket_message').execute();
  await db.schema.dropTable('ticket').execute();
  await sql`drop sequence ticket_number`.execute(db);
  await db.schema.dropTable('calendar_version').execute();
}
