import { randomBytes } from 'node:crypto';
import type { Db } from '../db/database.js';
import type { Criticality, TicketChannel } from '../db/schema.js';
import { assertClientRight, assertStaff, isStaff, type Actor } from '../identity/access.js';
import { accountRepository } from '../identity/account.repository.js';
import { auditRepository } from '../identity/audit.repository.js';
import type { Notifier } from '../alerts/notifier.js';
import type { Mailer } from '../mail/mailer.js';
import { badRequest, forbidden, notFound } from '../server/errors.js';
import type { ClientService } from '../tenants/client.service.js';
import type { CalendarService } from './calendar.service.js';
import { DEFAULT_RESPONSE_POLICY, responseDeadline, type ResponsePolicy } from './response-policy.js';
import { ticketRepository } from './ticket.repository.js';

export interface NewTicket {
  client: string;
  subject: string;
  body?: string | undefined;
  criticality: Criticality;
  channel: TicketChannel;
  /** Phone: when the call was received (that, not the logging time, starts the clock). */
  receivedAt?: string | undefined;
  requesterEmail?: string | undefined;
}

const MAX_BACKDATING_MS = 7 * 24 * 3600_000;

/** The reference in subjects, used to thread e-mail replies: `[Oxygis #1042]`. */
export const subjectTag = (number: number) => `[Oxygis #${number}]`;

/**
 * Tickets: filed by a client on the portal, by e-mail, or logged by an agent for a phone call.
 * The first-response clock starts at the reception, counts working time on the business
 * calendar in force then, and stops at the first public reply (or logged call-back) from staff.
 * Changing the criticality re-targets from the original reception. The clock is an append-only
 * timeline of events.
 */
export class TicketService {
  constructor(
    private readonly db: Db,
    private readonly clients: ClientService,
    private readonly calendars: CalendarService,
    private readonly mailer: Mailer,
    private readonly notifier: Notifier,
    private readonly rightsOf: (accountId: string) => Promise<string[]>,
    private readonly policy: ResponsePolicy = DEFAULT_RESPONSE_POLICY,
  ) {}

  /** `fromMailIntake`: an e-mail received by the platform (the e-mail channel for a client). */
  async create(actor: Actor, input: NewTicket, messageId?: string, fromMailIntake = false) {
    const client = await this.clients.find(actor, input.client);
    await this.assertTicketRight(actor, client.id);
    const staff = isStaff(actor.account);
    if (!staff && input.channel !== 'portal' && !fromMailIntake)
      throw badRequest('invalid_channel', 'tickets from the console are filed on the portal channel');
    const now = new Date();
    let receivedAt = now;
    if (input.receivedAt) {
      if (!staff)
        throw forbidden('staff_only', 'only an agent logging a call gives the time it was received');
      receivedAt = new Date(input.receivedAt);
      if (Number.isNaN(receivedAt.getTime()) || !/[zZ]|[+-]\d{2}:?\d{2}$/.test(input.receivedAt))
        throw badRequest(
          'invalid_received_at',
          'give --received-at as an ISO-8601 instant with a zone, e.g. 2026-11-27T16:30+01:00',
        );
      if (receivedAt > now)
        throw badRequest('invalid_received_at', 'the call cannot be received in the future');
      if (now.getTime() - receivedAt.getTime() > MAX_BACKDATING_MS)
        throw badRequest('invalid_received_at', 'a call is logged within a week of receiving it');
    }
    const subject = input.subject.trim();
    if (!subject) throw badRequest('subject_required', 'give the ticket a subject');
    const requester = input.requesterEmail ?? actor.account.email;
    const deadline = responseDeadline(
      this.policy,
      await this.calendars.calendar(),
      receivedAt,
      input.criticality,
    );
    const ticket = await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('ticket')
        .values({
          client_id: client.id,
          requester_account_id: staff ? null : actor.account.id,
          requester_email: requester,
          subject,
          criticality: input.criticality,
          status: 'open',
          channel: input.channel,
          received_at: receivedAt,
          response_due_at: deadline.dueAt,
          token: randomBytes(9).toString('base64url'),
          created_by: actor.account.email,
        })
        .returning(['id', 'number'])
        .executeTakeFirstOrThrow();
      if (input.body?.trim()) {
        await trx
          .insertInto('ticket_message')
          .values({
            ticket_id: row.id,
            author_account_id: staff ? null : actor.account.id,
            author_email: requester,
            from_staff: false,
            visibility: 'public',
            channel: input.channel,
            body: input.body.trim(),
            message_id: messageId ?? null,
          })
          .execute();
      }
      await trx
        .insertInto('ticket_clock_event')
        .values({
          ticket_id: row.id,
          at: receivedAt,
          kind: 'started',
          criticality: input.criticality,
          due_at: deadline.dueAt,
          detail: JSON.stringify({ explanation: deadline.sentence, loggedAt: now.toISOString() }),
        })
        .execute();
      return row;
    });
    await auditRepository.append(this.db, {
      actorAccountId: actor.account.id,
      actorEmail: actor.account.email,
      clientId: client.id,
      action: 'ticket.created',
      target: `#${ticket.number}`,
      ip: actor.ip,
      detail: { channel: input.channel, criticality: input.criticality },
    });
    await this.notifier.notify(
      {
        subject: `[Oxygis helpdesk] new ${input.criticality} ticket #${ticket.number} from ${client.slug}: ${subject}`,
        text: `Ticket #${ticket.number} (${input.criticality}, by ${input.channel}) from ${requester} of ${client.slug}: "${subject}". Response due ${deadline.dueAt.toISOString()} (${deadline.sentence}).`,
        event: {
          type: 'ticket.created',
          ticket: ticket.number,
          client: client.slug,
          criticality: input.criticality,
        },
      },
      { trigger: 'new_ticket', ticketId: ticket.id },
    );
    return this.show(actor, String(ticket.number));
  }

  async list(actor: Actor, options: { client?: string; open?: boolean } = {}) {
    let query = ticketRepository.select(this.db).orderBy('ticket.response_due_at');
    if (options.client) {
      const client = await this.clients.find(actor, options.client);
      query = query.where('ticket.client_id', '=', client.id);
    }
    if (!isStaff(actor.account)) {
      await this.assertTicketRight(actor, actor.account.clientId ?? '');
      query = query.where('ticket.client_id', '=', actor.account.clientId ?? '');
    }
    if (options.open) query = query.where('ticket.status', 'in', ['open', 'waiting']);
    const rows = await query.limit(500).execute();
    return rows.map((row) => this.clockFacts(row));
  }

  /** One ticket with its thread (internal notes for staff only), clock timeline and explanation. */
  async show(actor: Actor, key: string) {
    const row = await this.find(actor, key);
    const calendar = await this.calendars.calendar();
    const deadline = responseDeadline(this.policy, calendar, row.receivedAt, row.criticality);
    return {
      ...this.clockFacts(row),
      explanation: {
        sentence: deadline.sentence,
        days: deadline.explanation.days,
        zone: deadline.explanation.zone,
      },
      warnings: deadline.warnings,
      messages: await ticketRepository.messages(this.db, row.id, isStaff(actor.account)),
      clock: await ticketRepository.clock(this.db, row.id),
      // Who was told, along the escalation chain: for the hosting team only.
      ...(isStaff(actor.account) ? { escalations: await ticketRepository.escalations(this.db, row.id) } : {}),
    };
  }

  /** The signed-in view of an account, for mail received from it. */
  async actorFor(accountId: string): Promise<Actor | undefined> {
    const account = await accountRepository.findById(this.db, accountId);
    return account ? { account, ip: null } : undefined;
  }

  /** A message received by e-mail for an existing ticket (threaded by the mail intake). */
  async addInbound(actor: Actor, number: number, body: string, messageId: string | null): Promise<void> {
    const row = await this.find(actor, String(number));
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('ticket_message')
        .values({
          ticket_id: row.id,
          author_account_id: actor.account.id,
          author_email: actor.account.email,
          from_staff: false,
          visibility: 'public',
          channel: 'email',
          body,
          message_id: messageId,
        })
        .onConflict((oc) => oc.column('message_id').where('message_id', 'is not', null).doNothing())
        .execute();
      if (row.status === 'waiting' || row.status === 'resolved')
        await trx.updateTable('ticket').set({ status: 'open' }).where('id', '=', row.id).execute();
    });
  }

  /** A reply: from staff, public (the first one stops the clock, and it is e-mailed) or internal. */
  async reply(actor: Actor, key: string, input: { body: string; internal?: boolean | undefined }) {
    const row = await this.find(actor, key);
    const staff = isStaff(actor.account);
    if (input.internal && !staff) throw forbidden('staff_only', 'internal notes are for the hosting team');
    const body = input.body.trim();
    if (!body) throw badRequest('body_required', 'write something to send');
    const visibility = input.internal ? 'internal' : 'public';
    let messageId: string | null = null;
    if (staff && visibility === 'public') {
      const thread = await ticketRepository.messages(this.db, row.id, false);
      const references = thread.flatMap((m) => (m.messageId ? [m.messageId] : []));
      const sent = await this.mailer.send({
        to: row.requesterEmail,
        subject: `Re: ${subjectTag(row.number)} ${row.subject}`,
        text: `${body}\n\n-- \nOxygis Cloud helpdesk. Reply to this e-mail to add to ticket #${row.number}.`,
        ...(references.length > 0 ? { inReplyTo: references.at(-1), references } : {}),
      });
      messageId = sent.messageId;
    }
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('ticket_message')
        .values({
          ticket_id: row.id,
          author_account_id: actor.account.id,
          author_email: actor.account.email,
          from_staff: staff,
          visibility,
          channel: 'portal',
          body,
          message_id: messageId,
        })
        .execute();
      if (staff && visibility === 'public') await this.markResponded(trx, row, new Date(), 'public reply');
      if (!staff && (row.status === 'waiting' || row.status === 'resolved'))
        await trx.updateTable('ticket').set({ status: 'open' }).where('id', '=', row.id).execute();
    });
    return this.show(actor, key);
  }

  /** An agent called the client back: that counts as the response, at the time of the call. */
  async logCallback(actor: Actor, key: string, input: { at?: string | undefined; note: string }) {
    const row = await this.find(actor, key);
    assertStaff(actor.account, 'only the hosting team does this');
    const at = input.at ? new Date(input.at) : new Date();
    if (Number.isNaN(at.getTime()) || at > new Date() || at < row.receivedAt)
      throw badRequest('invalid_time', 'the call-back happened after the reception and not in the future');
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('ticket_message')
        .values({
          ticket_id: row.id,
          author_account_id: actor.account.id,
          author_email: actor.account.email,
          from_staff: true,
          visibility: 'public',
          channel: 'phone',
          body: `Call-back: ${input.note.trim()}`,
        })
        .execute();
      await this.markResponded(trx, row, at, 'call-back');
    });
    return this.show(actor, key);
  }

  async setCriticality(actor: Actor, key: string, criticality: Criticality) {
    const row = await this.find(actor, key);
    assertStaff(actor.account, 'only the hosting team does this');
    if (row.criticality === criticality) return this.show(actor, key);
    const deadline = responseDeadline(
      this.policy,
      await this.calendars.calendar(),
      row.receivedAt,
      criticality,
    );
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('ticket')
        .set({ criticality, response_due_at: deadline.dueAt })
        .where('id', '=', row.id)
        .execute();
      await trx
        .insertInto('ticket_clock_event')
        .values({
          ticket_id: row.id,
          at: new Date(),
          kind: 'retargeted',
          criticality,
          due_at: deadline.dueAt,
          detail: JSON.stringify({ from: row.criticality, explanation: deadline.sentence }),
        })
        .execute();
    });
    await this.audit(actor, row.clientId, 'ticket.criticality_changed', row.number, {
      from: row.criticality,
      to: criticality,
    });
    return this.show(actor, key);
  }

  async assign(actor: Actor, key: string, email: string) {
    const row = await this.find(actor, key);
    assertStaff(actor.account, 'only the hosting team does this');
    const agent = await this.db
      .selectFrom('account')
      .select(['id', 'email'])
      .where('email', '=', email.toLowerCase())
      .where('kind', '=', 'staff')
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (!agent) throw notFound('agent_not_found', `${email} is not an active member of the hosting team`);
    await this.db
      .updateTable('ticket')
      .set({ assignee_account_id: agent.id })
      .where('id', '=', row.id)
      .execute();
    await this.audit(actor, row.clientId, 'ticket.assigned', row.number, { to: agent.email });
    return this.show(actor, key);
  }

  async setStatus(actor: Actor, key: string, status: 'open' | 'waiting' | 'resolved' | 'closed') {
    const row = await this.find(actor, key);
    assertStaff(actor.account, 'only the hosting team does this');
    if (row.status === status) return this.show(actor, key);
    await this.db.updateTable('ticket').set({ status }).where('id', '=', row.id).execute();
    await this.audit(actor, row.clientId, 'ticket.status_changed', row.number, {
      from: row.status,
      to: status,
    });
    return this.show(actor, key);
  }

  private async markResponded(
    trx: Db,
    row: { id: string; respondedAt: Date | null; criticality: Criticality; responseDueAt: Date },
    at: Date,
    how: string,
  ): Promise<void> {
    if (row.respondedAt) return;
    await trx
      .updateTable('ticket')
      .set({ responded_at: at, status: 'waiting' })
      .where('id', '=', row.id)
      .execute();
    await trx
      .insertInto('ticket_clock_event')
      .values({
        ticket_id: row.id,
        at,
        kind: 'responded',
        criticality: row.criticality,
        due_at: row.responseDueAt,
        detail: JSON.stringify({ how, met: at <= row.responseDueAt }),
      })
      .execute();
  }

  /** Whether the target was missed, and the time left while no one has answered yet. */
  private clockFacts<
    T extends { receivedAt: Date; responseDueAt: Date; respondedAt: Date | null; token: string },
  >(row: T) {
    const now = new Date();
    const breached = row.respondedAt ? row.respondedAt > row.responseDueAt : now > row.responseDueAt;
    const rest: Omit<T, 'token'> & { token?: string } = { ...row };
    delete rest.token;
    return {
      ...rest,
      breached,
      timeLeftMs: row.respondedAt ? null : row.responseDueAt.getTime() - now.getTime(),
    };
  }

  /** The ticket, if this actor may see it (404 otherwise, whether it exists or not). */
  async visible(actor: Actor, key: string) {
    return this.find(actor, key);
  }

  private async find(actor: Actor, key: string) {
    const number = /^#?(\d{1,9})$/.exec(key.trim())?.[1];
    let query = ticketRepository.select(this.db);
    query = number ? query.where('ticket.number', '=', Number(number)) : query.where('ticket.id', '=', key);
    if (!number && !/^[0-9a-f-]{36}$/i.test(key)) throw notFound('ticket_not_found', 'no such ticket');
    const row = await query.executeTakeFirst();
    if (!row || (!isStaff(actor.account) && row.clientId !== actor.account.clientId))
      throw notFound('ticket_not_found', 'no such ticket (see oxygis ticket list)');
    if (!isStaff(actor.account)) await this.assertTicketRight(actor, row.clientId);
    return row;
  }

  private async assertTicketRight(actor: Actor, clientId: string): Promise<void> {
    const rights = actor.account.kind === 'client_user' ? await this.rightsOf(actor.account.id) : [];
    assertClientRight(actor.account, rights, clientId, 'tickets');
  }

  private async audit(
    actor: Actor,
    clientId: string,
    action: string,
    number: number,
    detail: Record<string, unknown>,
  ) {
    await auditRepository.append(this.db, {
      actorAccountId: actor.account.id,
      actorEmail: actor.account.email,
      clientId,
      action,
      target: `#${number}`,
      ip: actor.ip,
      detail,
    });
  }
}
