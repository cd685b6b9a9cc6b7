import type { Notifier } from '../alerts/notifier.js';
import type { Db } from '../db/database.js';
import type { EscalationTrigger } from '../db/schema.js';
import type { Logger } from '../shared/logger.js';
import type { CalendarService } from './calendar.service.js';
import { DEFAULT_RESPONSE_POLICY, responseDeadline, type ResponsePolicy } from './response-policy.js';

/**
 * Runs every minute over the tickets still waiting for a response: when 50 %, 75 % and 90 % of
 * the target have been counted, and when the deadline passes, the event is appended to the
 * ticket's clock (once per deadline) and whoever is on duty — and the assignee — is told.
 */
export class ClockWatch {
  constructor(
    private readonly db: Db,
    private readonly calendars: CalendarService,
    private readonly notifier: Notifier,
    private readonly logger: Logger,
    private readonly policy: ResponsePolicy = DEFAULT_RESPONSE_POLICY,
  ) {}

  async run(now = new Date()): Promise<number> {
    const waiting = await this.db
      .selectFrom('ticket')
      .innerJoin('client', 'client.id', 'ticket.client_id')
      .leftJoin('account as assignee', 'assignee.id', 'ticket.assignee_account_id')
      .select([
        'ticket.id',
        'ticket.number',
        'ticket.subject',
        'ticket.criticality',
        'ticket.received_at as receivedAt',
        'ticket.response_due_at as dueAt',
        'client.slug',
        'assignee.email as assignee',
      ])
      .where('ticket.responded_at', 'is', null)
      .where('ticket.status', 'in', ['open', 'waiting'])
      .where('ticket.received_at', '<=', now)
      .execute();
    if (waiting.length === 0) return 0;
    const calendar = await this.calendars.calendar();
    let raised = 0;
    for (const ticket of waiting) {
      const recorded = await this.db
        .selectFrom('ticket_clock_event')
        .select(['kind', 'due_at', 'detail'])
        .where('ticket_id', '=', ticket.id)
        .where('kind', 'in', ['warning', 'breached'])
        .execute();
      const seen = new Set(
        recorded
          .filter((e) => e.due_at.getTime() === ticket.dueAt.getTime())
          .map((e) =>
            e.kind === 'breached' ? 'breached' : String((e.detail as { percent?: number }).percent),
          ),
      );
      const deadline = responseDeadline(this.policy, calendar, ticket.receivedAt, ticket.criticality);
      const due = [
        ...deadline.warnings
          .filter((w) => w.at <= now && !seen.has(String(w.percent)))
          .map((w) => ({ kind: 'warning' as const, percent: w.percent, at: w.at })),
        ...(now > ticket.dueAt && !seen.has('breached')
          ? [{ kind: 'breached' as const, percent: 100, at: ticket.dueAt }]
          : []),
      ];
      for (const event of due) {
        await this.db
          .insertInto('ticket_clock_event')
          .values({
            ticket_id: ticket.id,
            at: event.at,
            kind: event.kind,
            criticality: ticket.criticality,
            due_at: ticket.dueAt,
            detail: JSON.stringify({ percent: event.percent }),
          })
          .execute();
        const what =
          event.kind === 'breached'
            ? 'response target MISSED'
            : `${event.percent} % of the response time used`;
        await this.notifier.notify(
          {
            subject: `[Oxygis helpdesk] #${ticket.number} ${ticket.slug}: ${what}`,
            text: `Ticket #${ticket.number} (${ticket.criticality}) "${ticket.subject}" of ${ticket.slug}: ${what}; due ${ticket.dueAt.toISOString()}${ticket.assignee ? `, assigned to ${ticket.assignee}` : ', not assigned'}.`,
            event: {
              type: `ticket.${event.kind}`,
              ticket: ticket.number,
              percent: event.percent,
              assignee: ticket.assignee,
            },
          },
          {
            trigger: event.kind === 'breached' ? 'breach' : (`warning_${event.percent}` as EscalationTrigger),
            ticketId: ticket.id,
            also: [ticket.assignee],
          },
        );
        raised++;
      }
    }
    if (raised > 0) this.logger.info({ raised }, 'ticket clock warnings and breaches recorded');
    return raised;
  }
}
