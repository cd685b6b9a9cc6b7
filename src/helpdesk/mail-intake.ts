import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { Criticality } from '../db/schema.js';
import type { Actor } from '../identity/access.js';
import type { AttachmentService, NewAttachment } from './attachment.service.js';
import type { TicketService } from './ticket.service.js';

export interface InboundMessage {
  from: string;
  subject: string;
  text: string;
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  attachments?: NewAttachment[];
}

export type IntakeResult =
  { kind: 'opened'; number: number } | { kind: 'threaded'; number: number } | { kind: 'unknown_sender' };

/** `[critical]` / `[major]` in the subject set the criticality of a new ticket; else minor. */
export function criticalityOf(subject: string): Criticality {
  if (/\[(critical|review)\]|^\s*(critical|urgent)\b/i.test(subject)) return 'critical';
  if (/\[major\]/i.test(subject)) return 'major';
  return 'minor';
}

/**
 * What an inbound e-mail does: a reply (In-Reply-To / References naming a message of a ticket,
 * or the ticket's `[Oxygis #N]` tag in the subject, from an address of that client) is added to
 * its ticket; a new message from an active account of a client with the tickets right opens a
 * ticket whose clock starts at its reception. Anything else is an unknown sender.
 */
export class MailIntake {
  constructor(
    private readonly db: Db,
    private readonly tickets: TicketService,
    private readonly attachments: AttachmentService,
  ) {}

  async receive(message: InboundMessage): Promise<IntakeResult> {
    const sender = await this.db
      .selectFrom('account')
      .select(['id', 'email', 'kind', 'client_id', 'status'])
      .where(sql<boolean>`lower(email) = ${message.from}`)
      .where('status', '=', 'active')
      .where('kind', 'in', ['client_admin', 'client_user'])
      .executeTakeFirst();
    if (!sender?.client_id) return { kind: 'unknown_sender' };
    const actor = await this.tickets.actorFor(sender.id);
    if (!actor) return { kind: 'unknown_sender' };

    const threaded = await this.threadOf(message, sender.client_id);
    if (threaded !== null) {
      await this.tickets.addInbound(actor, threaded, message.text || '(empty message)', message.messageId);
      await this.attach(actor, threaded, message.attachments);
      return { kind: 'threaded', number: threaded };
    }
    const created = await this.tickets.create(
      actor,
      {
        client: sender.client_id,
        subject: message.subject.trim() || '(no subject)',
        body: message.text || '(empty message)',
        criticality: criticalityOf(message.subject),
        channel: 'email',
      },
      message.messageId ?? undefined,
      true,
    );
    await this.attach(actor, created.number, message.attachments);
    return { kind: 'opened', number: created.number };
  }

  /** The message's attached files join the ticket (empty ones are left out). */
  private async attach(actor: Actor, number: number, files: NewAttachment[] = []): Promise<void> {
    const withContent = files.filter((f) => f.content.length > 0);
    if (withContent.length === 0) return;
    const ticket = await this.tickets.visible(actor, String(number));
    for (const file of withContent) await this.attachments.store(ticket.id, file, actor.account.email, false);
  }

  private async threadOf(message: InboundMessage, clientId: string): Promise<number | null> {
    const ids = [message.inReplyTo, ...message.references].filter((id): id is string => Boolean(id));
    if (ids.length > 0) {
      const byHeader = await this.db
        .selectFrom('ticket_message')
        .innerJoin('ticket', 'ticket.id', 'ticket_message.ticket_id')
        .select('ticket.number')
        .where('ticket_message.message_id', 'in', ids)
        .where('ticket.client_id', '=', clientId)
        .executeTakeFirst();
      if (byHeader) return byHeader.number;
    }
    const tag = /\[Oxygis #(\d{1,9})\]/i.exec(message.subject)?.[1];
    if (!tag) return null;
    const byTag = await this.db
      .selectFrom('ticket')
      .select('number')
      .where('number', '=', Number(tag))
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    return byTag?.number ?? null;
  }
}
