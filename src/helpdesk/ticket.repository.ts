import type { Db } from '../db/database.js';

export const ticketColumns = [
  'ticket.id',
  'ticket.number',
  'ticket.client_id as clientId',
  'client.slug as clientSlug',
  'ticket.requester_email as requesterEmail',
  'ticket.subject',
  'ticket.criticality',
  'ticket.status',
  'ticket.channel',
  'assignee.email as assignee',
  'ticket.received_at as receivedAt',
  'ticket.response_due_at as responseDueAt',
  'ticket.responded_at as respondedAt',
  'ticket.token',
  'ticket.created_at as createdAt',
] as const;

export const ticketRepository = {
  select(db: Db) {
    return db
      .selectFrom('ticket')
      .innerJoin('client', 'client.id', 'ticket.client_id')
      .leftJoin('account as assignee', 'assignee.id', 'ticket.assignee_account_id')
      .select(ticketColumns);
  },

  messages(db: Db, ticketId: string, includeInternal: boolean) {
    let query = db
      .selectFrom('ticket_message')
      .select([
        'id',
        'at',
        'author_email as author',
        'from_staff as fromStaff',
        'visibility',
        'channel',
        'body',
        'message_id as messageId',
      ])
      .where('ticket_id', '=', ticketId)
      .orderBy('at');
    if (!includeInternal) query = query.where('visibility', '=', 'public');
    return query.execute();
  },

  clock(db: Db, ticketId: string) {
    return db
      .selectFrom('ticket_clock_event')
      .select(['at', 'kind', 'criticality', 'due_at as dueAt', 'detail'])
      .where('ticket_id', '=', ticketId)
      .orderBy('id')
      .execute();
  },

  /** Who the escalation chain told about the ticket, step by step. */
  escalations(db: Db, ticketId: string) {
    return db
      .selectFrom('escalation_record')
      .select(['at', 'trigger', 'step_position as position', 'step_name as step', 'outcome', 'recipients'])
      .where('ticket_id', '=', ticketId)
      .orderBy('id')
      .execute();
  },
};
