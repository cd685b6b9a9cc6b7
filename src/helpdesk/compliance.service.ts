import type { Db } from '../db/database.js';
import { assertClientRight, isStaff, type Actor } from '../identity/access.js';
import { calendarMonth } from '../monitoring/calendar-month.js';
import type { ClientService } from '../tenants/client.service.js';
import type { CalendarService } from './calendar.service.js';
import { complianceRows } from './compliance.js';
import { DEFAULT_RESPONSE_POLICY, type ResponsePolicy } from './response-policy.js';

/** The month's response-target compliance: staff for every client or one, a client for its own. */
export class ComplianceService {
  constructor(
    private readonly db: Db,
    private readonly clients: ClientService,
    private readonly calendars: CalendarService,
    private readonly rightsOf: (accountId: string) => Promise<string[]>,
    private readonly policy: ResponsePolicy = DEFAULT_RESPONSE_POLICY,
  ) {}

  async month(actor: Actor, month: string, clientKey?: string) {
    const calendar = await this.calendars.calendar();
    const zone = calendar.versions.at(-1)?.zone ?? 'Europe/Brussels';
    const bounds = calendarMonth(month, zone);
    const key = clientKey ?? (isStaff(actor.account) ? undefined : (actor.account.clientId ?? ''));
    const client = key === undefined ? undefined : await this.clients.find(actor, key);
    if (client && !isStaff(actor.account)) {
      const rights = actor.account.kind === 'client_user' ? await this.rightsOf(actor.account.id) : [];
      assertClientRight(actor.account, rights, client.id, 'tickets');
    }
    return { month, zone, rows: await this.rows(bounds, client?.slug) };
  }

  /** For the monthly report: one client's rows, no actor (the report checks its own rights). */
  async forClient(slug: string, month: string) {
    const calendar = await this.calendars.calendar();
    const zone = calendar.versions.at(-1)?.zone ?? 'Europe/Brussels';
    return { month, zone, rows: await this.rows(calendarMonth(month, zone), slug) };
  }

  private async rows(bounds: { start: number; end: number }, slug: string | undefined) {
    let query = this.db
      .selectFrom('ticket')
      .innerJoin('client', 'client.id', 'ticket.client_id')
      .select([
        'client.slug as client',
        'ticket.criticality',
        'ticket.received_at as receivedAt',
        'ticket.response_due_at as responseDueAt',
        'ticket.responded_at as respondedAt',
      ])
      .where('ticket.received_at', '>=', new Date(bounds.start))
      .where('ticket.received_at', '<', new Date(bounds.end));
    if (slug) query = query.where('client.slug', '=', slug);
    const tickets = await query.execute();
    const calendar = await this.calendars.calendar();
    return complianceRows(tickets, slug ? [slug] : [], calendar, this.policy, new Date());
  }
}
