import type { Db } from '../db/database.js';
import { assertOperator, type Actor } from '../identity/access.js';
import { auditRepository } from '../identity/audit.repository.js';
import { badRequest, conflict } from '../server/errors.js';
import { businessCalendarSchema, calendarVersionSchema, type BusinessCalendar } from './business-calendar.js';

/** Until an operator defines one: Europe/Brussels, Mon–Fri 09:00–17:00, Belgian public holidays. */
const DEFAULT_VERSION = { effectiveFrom: new Date('2000-01-01T00:00:00Z') };

/**
 * The helpdesk's business calendar from its stored versions. A change is a new version taking
 * effect at a given instant (not in the past), so deadlines already computed never move.
 */
export class CalendarService {
  constructor(private readonly db: Db) {}

  async calendar(): Promise<BusinessCalendar> {
    const rows = await this.db.selectFrom('calendar_version').selectAll().orderBy('effective_from').execute();
    return businessCalendarSchema.parse({
      versions: [
        DEFAULT_VERSION,
        ...rows.map((r) => ({ ...(r.definition as object), effectiveFrom: r.effective_from })),
      ],
    });
  }

  async addVersion(actor: Actor, input: unknown) {
    assertOperator(actor.account);
    const parsed = calendarVersionSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw badRequest(
        'invalid_calendar',
        `${issue?.path.join('.') || 'calendar'}: ${issue?.message ?? 'invalid'}`,
      );
    }
    const version = parsed.data;
    if (version.effectiveFrom.getTime() < Date.now() - 60_000)
      throw badRequest(
        'calendar_in_past',
        'a calendar change takes effect now or later: deadlines already computed never move',
      );
    const { effectiveFrom, ...definition } = version;
    try {
      await this.db
        .insertInto('calendar_version')
        .values({
          effective_from: effectiveFrom,
          definition: JSON.stringify(definition),
          created_by: actor.account.email,
        })
        .execute();
    } catch (error) {
      if ((error as { code?: string }).code === '23505')
        throw conflict('calendar_version_exists', 'a version already takes effect at that instant');
      throw error;
    }
    await auditRepository.append(this.db, {
      actorAccountId: actor.account.id,
      actorEmail: actor.account.email,
      clientId: null,
      action: 'helpdesk.calendar_changed',
      ip: actor.ip,
      detail: { effectiveFrom: effectiveFrom.toISOString() },
    });
    return this.calendar();
  }
}
