import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The duty roster: two people responsible for the helpdesk each working day (slots 1 and 2).
  await db.schema
    .createTable('duty_assignment')
    .addColumn('duty_date', 'date', (c) => c.notNull())
    .addColumn('slot', 'smallint', (c) => c.notNull().check(sql`slot in (1, 2)`))
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('account.id').onDelete('cascade'))
    .addColumn('assigned_by', 'text', (c) => c.notNull())
    .addColumn('assigned_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('duty_assignment_pk', ['duty_date', 'slot'])
    .addUniqueConstraint('duty_assignment_once_a_day', ['duty_date', 'account_id'])
    .execute();

  // When each day's roster last changed: a gap after a change is a new day-without-duty episode.
  await db.schema
    .createTable('duty_day')
    .addColumn('duty_date', 'date', (c) => c.primaryKey())
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('duty_absence')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('account.id').onDelete('cascade'))
    .addColumn('starts_on', 'date', (c) => c.notNull())
    .addColumn('ends_on', 'date', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('duty_absence_order', sql`ends_on >= starts_on`)
    .execute();

  // The escalation chain, as data: who is told of what, in order. A step that cannot be reached
  // (nobody on duty, a team without members) passes its notice on to the next one.
  await db.schema
    .createTable('escalation_step')
    .addColumn('position', 'smallint', (c) => c.primaryKey().check(sql`position between 1 and 9`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('duty_pair', 'team')`))
    .addColumn('members', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('triggers', sql`text[]`, (c) => c.notNull())
    .execute();
  await sql`insert into escalation_step (position, name, kind, members, triggers) values
    (1, 'On-duty pair', 'duty_pair', '{}', '{new_ticket,warning_50,warning_75,warning_90,breach,alert}'),
    (2, 'Aloalto support team (sister company)', 'team', '{}', '{warning_90,breach,no_duty}'),
    (3, 'Integrator partners', 'team', '{}', '{breach}')`.execute(db);

  // Every step taken along the chain: append-only, like the tickets' clocks.
  await db.schema
    .createTable('escalation_record')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('step_position', 'smallint', (c) => c.notNull())
    .addColumn('step_name', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('notified', 'passed_on')`))
    .addColumn('recipients', sql`text[]`, (c) => c.notNull())
    .addColumn('ticket_id', 'uuid', (c) => c.references('ticket.id').onDelete('cascade'))
    .addColumn('duty_date', 'date')
    .addColumn('subject', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('escalation_record_ticket')
    .on('escalation_record')
    .columns(['ticket_id', 'id'])
    .execute();
  await sql`create index escalation_record_no_duty on escalation_record (duty_date) where trigger = 'no_duty'`.execute(
    db,
  );
  await sql`
    create function escalation_record_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' and old.ticket_id is not null
         and not exists (select 1 from ticket where id = old.ticket_id) then
        return old; -- the ticket itself is being removed (client deleted)
      end if;
      raise exception 'the escalation record is append-only';
    end $$`.execute(db);
  await sql`create trigger escalation_record_append_only before update or delete on escalation_record
    for each row execute function escalation_record_append_only()`.execute(db);

  await db.schema
    .createTable('ticket_attachment')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('ticket_id', 'uuid', (c) => c.notNull().references('ticket.id').onDelete('cascade'))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('from_staff', 'boolean', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ticket_attachment_ticket')
    .on('ticket_attachment')
    .columns(['ticket_id', 'at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('ticket_attachment').execute();
  await db.schema.dropTable('escalation_record').execute();
  await sql`drop function escalation_record_append_only`.execute(db);
  await db.schema.dropTable('escalation_step').execute();
  await db.schema.dropTable('duty_absence').execute();
  await db.schema.dropTable('duty_day').execute();
  await db.schema.dropTable('duty_assignment').execute();
}
