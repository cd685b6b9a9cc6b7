import { DateTime } from 'luxon';
import type { Db } from '../db/database.js';
import { assertOperator, assertStaff, type Actor } from '../identity/access.js';
import { auditRepository } from '../identity/audit.repository.js';
import { badRequest, notFound } from '../server/errors.js';
import { localDate, openingDay, versionAt, type ClosedReason } from './business-calendar.js';
import type { CalendarService } from './calendar.service.js';

/** The longest stretch read or filled at once: a year (a day more for leap years). */
const MAX_RANGE_DAYS = 366;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface DutyDay {
  date: string;
  /** A working day of the business calendar; others have nobody on duty and need nobody. */
  working: boolean;
  closed: ClosedReason | null;
  people: { slot: number; email: string; absent: boolean }[];
  /** Who is really there: assigned, not absent. */
  onDuty: string[];
  /** Two people are on duty (or it is not a working day). */
  covered: boolean;
}

function parseDate(value: string, name: string): DateTime<true> {
  const day = DateTime.fromISO(value, { zone: 'utc' });
  if (!DATE.test(value) || !day.isValid)
    throw badRequest('invalid_date', `${name} is a calendar date, YYYY-MM-DD (got "${value}")`);
  return day;
}

function datesBetween(from: string, to: string): string[] {
  const start = parseDate(from, 'from');
  const end = parseDate(to, 'to');
  if (end < start) throw badRequest('invalid_range', 'the range ends before it starts: give from ≤ to');
  const days = Math.round(end.diff(start, 'days').days) + 1;
  if (days > MAX_RANGE_DAYS)
    throw badRequest('range_too_long', `give at most ${MAX_RANGE_DAYS} days at once`);
  return Array.from({ length: days }, (_, i) => start.plus({ days: i }).toISODate());
}

/**
 * The duty roster: two people of the hosting team responsible for the helpdesk on every working
 * day, with absences (someone assigned but away leaves a gap until replaced). New tickets and
 * alerts go to whoever is on duty today; a working day without anyone escalates.
 */
export class DutyRosterService {
  constructor(
    private readonly db: Db,
    private readonly calendars: CalendarService,
  ) {}

  /** Today's date in the business calendar's zone. */
  async today(now = new Date()): Promise<string> {
    return localDate(versionAt(await this.calendars.calendar(), now), now);
  }

  /** The people on duty on a day (assigned, active, not absent); empty when nobody is. */
  async onDuty(date: string): Promise<string[]> {
    const [day] = await this.days([date]);
    return day?.onDuty ?? [];
  }

  async roster(actor: Actor, from: string, to: string) {
    assertStaff(actor.account, 'the duty roster is for the hosting team');
    const dates = datesBetween(from, to);
    return { days: await this.days(dates), absences: await this.absences(from, to) };
  }

  /**
   * Puts `people` (0–2 e-mails of active staff) on duty on every working day from `from` to `to`
   * (one day when `to` is left out), replacing whoever was there. Past days stay as they were.
   */
  async assign(actor: Actor, input: { from: string; to?: string | undefined; people: string[] }) {
    assertOperator(actor.account);
    const dates = datesBetween(input.from, input.to ?? input.from);
    const today = await this.today();
    if (input.from < today)
      throw badRequest('roster_in_past', `the roster of days before today (${today}) is kept as it was`);
    const emails = input.people.map((p) => p.trim().toLowerCase());
    if (emails.length > 2) throw badRequest('too_many_people', 'two people are on duty a day, not more');
    if (new Set(emails).size !== emails.length)
      throw badRequest('same_person_twice', 'give two different people (or one, to leave a gap)');
    const accounts = await this.staffByEmail(emails);
    const calendar = await this.calendars.calendar();
    const working = dates.filter((date) => this.isWorking(calendar, date));
    if (working.length === 0) {
      const closed = openingDay(versionAt(calendar, new Date(`${dates[0]}T12:00:00Z`)), dates[0] ?? '');
      throw badRequest(
        'not_a_working_day',
        `${input.from}${input.to && input.to !== input.from ? ` to ${input.to}` : ''} has no working day (${describeClosed(closed.closed)}): nobody needs to be on duty`,
      );
    }
    const changedAt = new Date();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('duty_day')
        .values(
          working.map((date) => ({
            duty_date: date,
            changed_at: changedAt,
            changed_by: actor.account.email,
          })),
        )
        .onConflict((oc) =>
          oc.column('duty_date').doUpdateSet((eb) => ({
            changed_at: eb.ref('excluded.changed_at'),
            changed_by: eb.ref('excluded.changed_by'),
          })),
        )
        .execute();
      await trx.deleteFrom('duty_assignment').where('duty_date', 'in', working).execute();
      if (accounts.length > 0)
        await trx
          .insertInto('duty_assignment')
          .values(
            working.flatMap((date) =>
              accounts.map((account, i) => ({
                duty_date: date,
                slot: (i + 1) as 1 | 2,
                account_id: account.id,
                assigned_by: actor.account.email,
              })),
            ),
          )
          .execute();
    });
    await auditRepository.append(this.db, {
      actorAccountId: actor.account.id,
      actorEmail: actor.account.email,
      clientId: null,
      action: 'duty.assigned',
      target: `${working[0]}..${working.at(-1)}`,
      ip: actor.ip,
      detail: { people: emails, days: working.length },
    });
    return { days: await this.days(dates) };
  }

  async addAbsence(actor: Actor, input: { email: string; from: string; to: string; reason: string }) {
    assertStaff(actor.account, 'absences are for the hosting team');
    const [person] = await this.staffByEmail([input.email.trim().toLowerCase()]);
    if (!person) throw new Error('unreachable');
    if (person.id !== actor.account.id) assertOperator(actor.account);
    datesBetween(input.from, input.to);
    const reason = input.reason.trim();
    if (!reason) throw badRequest('reason_required', 'say why (holiday, sick leave, training…)');
    const row = await this.db
      .insertInto('duty_absence')
      .values({
        account_id: person.id,
        starts_on: input.from,
        ends_on: input.to,
        reason,
        created_by: actor.account.email,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await auditRepository.append(this.db, {
      actorAccountId: actor.account.id,
      actorEmail: actor.account.email,
      clientId: null,
      action: 'duty.absence_added',
      target: person.email,
      ip: actor.ip,
      detail: { from: input.from, to: input.to, reason },
    });
    const [absence] = (await this.absences(input.from, input.to)).filter((a) => a.id === row.id);
    return absence;
  }

  async removeAbsence(actor: Actor, id: string) {
    assertStaff(actor.account, 'absences are for the hosting team');
    const absence = /^[0-9a-f-]{36}$/i.test(id)
      ? await this.db
          .selectFrom('duty_absence')
          .select(['id', 'account_id', 'starts_on', 'ends_on'])
          .where('id', '=', id)
          .executeTakeFirst()
      : undefined;
    if (!absence) throw notFound('absence_not_found', 'no such absence (see oxygis duty show)');
    if (absence.account_id !== actor.account.id) assertOperator(actor.account);
    await this.db.deleteFrom('duty_absence').where('id', '=', id).execute();
    await auditRepository.append(this.db, {
      actorAccountId: actor.account.id,
      actorEmail: actor.account.email,
      clientId: null,
      action: 'duty.absence_removed',
      target: id,
      ip: actor.ip,
      detail: { from: absence.starts_on, to: absence.ends_on },
    });
  }

  /** When the roster of a day was last changed (null: never). */
  async changedAt(date: string): Promise<Date | null> {
    const row = await this.db
      .selectFrom('duty_day')
      .select('changed_at')
      .where('duty_date', '=', date)
      .executeTakeFirst();
    return row?.changed_at ?? null;
  }

  private async days(dates: string[]): Promise<DutyDay[]> {
    if (dates.length === 0) return [];
    const calendar = await this.calendars.calendar();
    const first = dates[0] ?? '';
    const last = dates.at(-1) ?? first;
    const assigned = await this.db
      .selectFrom('duty_assignment')
      .innerJoin('account', 'account.id', 'duty_assignment.account_id')
      .select(['duty_date', 'slot', 'account.email', 'account.status', 'account.id'])
      .where('duty_date', '>=', first)
      .where('duty_date', '<=', last)
      .orderBy('slot')
      .execute();
    const away = await this.db
      .selectFrom('duty_absence')
      .select(['account_id', 'starts_on', 'ends_on'])
      .where('starts_on', '<=', last)
      .where('ends_on', '>=', first)
      .execute();
    return dates.map((date) => {
      const version = versionAt(calendar, new Date(`${date}T12:00:00Z`));
      const opening = openingDay(version, date);
      const working = opening.intervals.length > 0;
      const people = assigned
        .filter((a) => a.duty_date === date)
        .map((a) => ({
          slot: a.slot,
          email: a.email,
          absent:
            a.status !== 'active' ||
            away.some((b) => b.account_id === a.id && b.starts_on <= date && b.ends_on >= date),
        }));
      const onDuty = working ? people.filter((p) => !p.absent).map((p) => p.email) : [];
      return {
        date,
        working,
        closed: opening.closed,
        people,
        onDuty,
        covered: !working || onDuty.length >= 2,
      };
    });
  }

  private async absences(from: string, to: string) {
    return this.db
      .selectFrom('duty_absence')
      .innerJoin('account', 'account.id', 'duty_absence.account_id')
      .select([
        'duty_absence.id',
        'account.email',
        'duty_absence.starts_on as from',
        'duty_absence.ends_on as to',
        'duty_absence.reason',
      ])
      .where('starts_on', '<=', to)
      .where('ends_on', '>=', from)
      .orderBy('starts_on')
      .execute();
  }

  private isWorking(calendar: Awaited<ReturnType<CalendarService['calendar']>>, date: string): boolean {
    return openingDay(versionAt(calendar, new Date(`${date}T12:00:00Z`)), date).intervals.length > 0;
  }

  private async staffByEmail(emails: string[]) {
    if (emails.length === 0) return [];
    const rows = await this.db
      .selectFrom('account')
      .select(['id', 'email'])
      .where('email', 'in', emails)
      .where('kind', '=', 'staff')
      .where('status', '=', 'active')
      .execute();
    const missing = emails.find((e) => !rows.some((r) => r.email === e));
    if (missing) throw notFound('agent_not_found', `${missing} is not an active member of the hosting team`);
    return emails.map((e) => rows.find((r) => r.email === e) ?? { id: '', email: e });
  }
}

export function describeClosed(closed: ClosedReason | null): string {
  if (!closed) return 'open';
  if (closed.kind === 'weekend') return 'weekend';
  if (closed.kind === 'holiday') return closed.name;
  return `closed: ${closed.reason}`;
}
