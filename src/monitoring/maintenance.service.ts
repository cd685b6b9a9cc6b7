import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { MaintenanceWindowTable } from '../db/schema.js';
import { assertOperator, type Actor } from '../identity/access.js';
import { auditRepository } from '../identity/audit.repository.js';
import { badRequest, conflict, notFound } from '../server/errors.js';
import type { ClientService } from '../tenants/client.service.js';
import { assertTimeZone, DEFAULT_TIME_ZONE } from './calendar-month.js';
import type { Interval } from './intervals.js';
import { maintenanceNotice } from './status-subscribers.js';
import {
  expandWindows,
  type MaintenanceScope,
  type MaintenanceWindow,
  type WindowDefinition,
} from './maintenance-windows.js';

export type MaintenanceRow = Selectable<MaintenanceWindowTable>;

export interface NewMaintenance {
  client?: string | undefined;
  monitorId?: string | undefined;
  /** One-off: from/to instants. Recurring: rrule + from (first occurrence, local) + duration. */
  from: string;
  to?: string | undefined;
  rrule?: string | undefined;
  durationMinutes?: number | undefined;
  timeZone?: string | undefined;
  reason: string;
}

const PLANNING_GRACE_MS = 60_000;

function definitionOf(row: MaintenanceRow): WindowDefinition {
  const scope: MaintenanceScope =
    row.scope === 'platform'
      ? { kind: 'platform' }
      : row.scope === 'client'
        ? { kind: 'client', clientId: row.client_id ?? '' }
        : { kind: 'monitor', monitorId: row.monitor_id ?? '' };
  if (row.kind === 'one_off')
    return { kind: 'one_off', start: row.starts_at?.getTime() ?? 0, end: row.ends_at?.getTime() ?? 0, scope };
  return {
    kind: 'recurring',
    rrule: row.rrule ?? '',
    firstDate: row.first_date ?? '',
    localStart: row.local_start ?? '',
    durationMinutes: row.duration_minutes ?? 0,
    timeZone: row.time_zone,
    scope,
  };
}

/**
 * Planned maintenance: one-off or recurring (RRULE in a named zone, DST-correct), for the whole
 * platform, one client or one monitor. Operators schedule and cancel them (audited); the windows
 * leave the SLA's eligible time and silence alerts while they run.
 */
export class MaintenanceService {
  constructor(
    private readonly db: Db,
    private readonly clients: ClientService,
    /** The status page's subscribers, told of platform-wide maintenance when it is scheduled. */
    private readonly publicNotice: (notice: { subject: string; text: string }) => Promise<void> = () =>
      Promise.resolve(),
  ) {}

  async add(actor: Actor, input: NewMaintenance): Promise<MaintenanceRow> {
    assertOperator(actor.account);
    const zone = input.timeZone ?? DEFAULT_TIME_ZONE;
    assertTimeZone(zone);
    let clientId: string | null = null;
    let monitorId: string | null = null;
    if (input.monitorId) {
      const monitor = await this.db
        .selectFrom('monitor')
        .select(['id', 'client_id'])
        .where('id', '=', input.monitorId)
        .executeTakeFirst();
      if (!monitor) throw notFound('monitor_not_found', 'no such monitor (see oxygis monitor list)');
      monitorId = monitor.id;
      clientId = monitor.client_id;
    } else if (input.client) clientId = (await this.clients.find(actor, input.client)).id;
    const scope = monitorId ? 'monitor' : clientId ? 'client' : 'platform';
    const reason = input.reason.trim();
    if (!reason)
      throw badRequest('reason_required', 'say why (--reason): clients read it on the status page');

    let row: Omit<MaintenanceWindowTable, 'id' | 'created_at'>;
    const base = {
      scope,
      client_id: clientId,
      monitor_id: monitorId,
      time_zone: zone,
      reason,
      created_by: actor.account.email,
      cancelled_at: null,
    } as const;
    if (input.rrule) {
      const local = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:00)?$/.exec(input.from);
      if (!local?.[1] || !local[2])
        throw badRequest(
          'invalid_maintenance_window',
          'for a recurring window give --from as local date and time, e.g. 2026-12-06T02:00',
        );
      if (!input.durationMinutes)
        throw badRequest(
          'invalid_maintenance_window',
          'a recurring window needs a duration (--duration MINUTES)',
        );
      row = {
        ...base,
        kind: 'recurring',
        starts_at: null,
        ends_at: null,
        rrule: input.rrule.trim(),
        first_date: local[1],
        local_start: local[2],
        duration_minutes: input.durationMinutes,
      };
    } else {
      const from = new Date(input.from);
      const to = input.to ? new Date(input.to) : new Date(NaN);
      if (
        Number.isNaN(from.getTime()) ||
        Number.isNaN(to.getTime()) ||
        !/[zZ]|[+-]\d{2}:?\d{2}$/.test(input.from) ||
        !input.to ||
        !/[zZ]|[+-]\d{2}:?\d{2}$/.test(input.to)
      )
        throw badRequest(
          'invalid_maintenance_window',
          'give --from and --to as ISO-8601 instants with a zone, e.g. 2026-12-06T02:00+01:00',
        );
      row = {
        ...base,
        kind: 'one_off',
        starts_at: from,
        ends_at: to,
        rrule: null,
        first_date: null,
        local_start: null,
        duration_minutes: null,
      };
    }
    if (row.kind === 'one_off' && (row.starts_at?.getTime() ?? 0) < Date.now() - PLANNING_GRACE_MS)
      throw badRequest(
        'maintenance_in_past',
        'maintenance is planned ahead and cannot start in the past; for an outage outside your control, declare force majeure',
      );
    if (row.kind === 'one_off') {
      const overlapping = await this.db
        .selectFrom('maintenance_window')
        .select('id')
        .where('cancelled_at', 'is', null)
        .where('kind', '=', 'one_off')
        .where('scope', '=', scope)
        .where((eb) => (clientId ? eb('client_id', '=', clientId) : eb('client_id', 'is', null)))
        .where((eb) => (monitorId ? eb('monitor_id', '=', monitorId) : eb('monitor_id', 'is', null)))
        .where('starts_at', '<', row.ends_at)
        .where('ends_at', '>', row.starts_at)
        .executeTakeFirst();
      if (overlapping)
        throw conflict(
          'maintenance_overlaps',
          `this window overlaps scheduled maintenance ${overlapping.id}; change or cancel that one instead`,
        );
    }
    // Expanding checks the rule, the dates and the order of the bounds (clear 400s).
    const definition = definitionOf({ ...row, id: '', created_at: new Date() });
    const now = Date.now();
    expandWindows([definition], { start: now - 366 * 86_400_000, end: now + 366 * 86_400_000 });
    const saved = await this.db
      .insertInto('maintenance_window')
      .values(row)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (scope === 'platform') {
      const [first] = expandWindows([definitionOf(saved)], {
        start: Date.now(),
        end: Date.now() + 400 * 86_400_000,
      });
      if (first)
        void this.publicNotice(
          maintenanceNotice('scheduled', { reason, start: new Date(first.start), end: new Date(first.end) }),
        );
    }
    await auditRepository.append(this.db, {
      actorAccountId: actor.account.id,
      actorEmail: actor.account.email,
      clientId,
      action: 'maintenance.scheduled',
      target: saved.id,
      ip: actor.ip,
      detail: { scope, kind: row.kind, from: input.from, to: input.to ?? null, rrule: row.rrule, reason },
    });
    return saved;
  }

  async cancel(actor: Actor, id: string): Promise<void> {
    assertOperator(actor.account);
    const updated = await this.db
      .updateTable('maintenance_window')
      .set({ cancelled_at: new Date() })
      .where('id', '=', id)
      .where('cancelled_at', 'is', null)
      .returning(['client_id'])
      .executeTakeFirst();
    if (!updated) throw notFound('maintenance_not_found', 'no such scheduled maintenance');
    await auditRepository.append(this.db, {
      actorAccountId: actor.account.id,
      actorEmail: actor.account.email,
      clientId: updated.client_id,
      action: 'maintenance.cancelled',
      target: id,
      ip: actor.ip,
    });
  }

  /** Definitions in force (not cancelled); `clientId` narrows to those that concern it. */
  async definitions(clientId?: string): Promise<MaintenanceRow[]> {
    let query = this.db
      .selectFrom('maintenance_window')
      .selectAll()
      .where('cancelled_at', 'is', null)
      .orderBy('created_at');
    if (clientId)
      query = query.where((eb) => eb.or([eb('scope', '=', 'platform'), eb('client_id', '=', clientId)]));
    return query.execute();
  }

  /** The occurrences of one definition overlapping range. */
  expand(row: MaintenanceRow, range: Interval): MaintenanceWindow[] {
    return expandWindows([definitionOf(row)], range);
  }

  /**
   * The concrete windows overlapping range. Maintenance is planned: an occurrence counts only if
   * it was scheduled before it began (a minute's grace), so no window can hide downtime after
   * the fact — that is what a force-majeure declaration, audited, is for.
   */
  async windows(range: Interval, clientId?: string): Promise<MaintenanceWindow[]> {
    return (await this.occurrences(range, clientId)).map(({ start, end, scope }) => ({ start, end, scope }));
  }

  /** The same windows with the definition each comes from (its id and reason). */
  async occurrences(
    range: Interval,
    clientId?: string,
  ): Promise<(MaintenanceWindow & { id: string; reason: string })[]> {
    return (await this.definitions(clientId)).flatMap((row) =>
      expandWindows([definitionOf(row)], range)
        .filter((w) => w.start >= row.created_at.getTime() - PLANNING_GRACE_MS)
        .map((w) => ({ ...w, id: row.id, reason: row.reason })),
    );
  }

  /** Whether a monitor of a client is inside a maintenance window at an instant. */
  async inMaintenance(clientId: string, monitorId: string, at: Date): Promise<boolean> {
    const t = at.getTime();
    const windows = await this.windows({ start: t - 1, end: t + 1 }, clientId);
    return windows.some(
      (w) => w.start <= t && t < w.end && (w.scope.kind !== 'monitor' || w.scope.monitorId === monitorId),
    );
  }
}
