import type { Db } from '../db/database.js';
import { assertOperator, type Actor } from '../identity/access.js';
import { auditRepository } from '../identity/audit.repository.js';
import { badRequest } from '../server/errors.js';
import type { Client } from '../tenants/client.repository.js';
import type { ClientService } from '../tenants/client.service.js';
import { planNamed } from '../tenants/plans.js';
import { computeAvailability, type AvailabilityReport, type StateInterval } from './availability.js';
import { calendarMonth, DEFAULT_TIME_ZONE } from './calendar-month.js';
import type { ForceMajeureService } from './force-majeure.service.js';
import type { Interval } from './intervals.js';
import { windowsForClient } from './maintenance-windows.js';
import type { MaintenanceService } from './maintenance.service.js';

export interface SlaQuery {
  month?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The figures as the API, the CLI and the report give them: instants in ISO-8601, seconds. */
export function present(
  report: AvailabilityReport,
  reasons: { start: number; end: number; reason: string }[],
) {
  const reasonOf = (p: Interval & { reason: string }) =>
    p.reason === 'maintenance'
      ? (reasons
          .find((r) => r.start < p.end && r.end > p.start && r.reason.startsWith('maintenance:'))
          ?.reason.slice(12) ?? 'planned maintenance')
      : (reasons
          .find((r) => r.start < p.end && r.end > p.start && r.reason.startsWith('force_majeure:'))
          ?.reason.slice(14) ?? 'force majeure');
  return {
    from: iso(report.from),
    to: iso(report.to),
    periodSeconds: report.periodSeconds,
    eligibleSeconds: report.eligibleSeconds,
    downtimeSeconds: report.downtimeSeconds,
    excludedSeconds: report.excludedSeconds,
    noDataSeconds: report.noDataSeconds,
    availability: report.availability,
    target: report.target,
    errorBudgetSeconds: report.errorBudgetSeconds,
    met: report.met,
    excludedPeriods: report.excludedPeriods.map((p) => ({
      from: iso(p.start),
      to: iso(p.end),
      kind: p.reason,
      reason: reasonOf(p),
    })),
    downPeriods: report.downPeriods.map((p) => ({
      from: iso(p.start),
      to: iso(p.end),
      monitorIds: p.monitorIds,
    })),
    noDataPeriods: report.noDataPeriods.map((p) => ({ from: iso(p.start), to: iso(p.end) })),
  };
}

export type SlaFigures = ReturnType<typeof present>;

/**
 * A client's availability over a calendar month (in its zone, Europe/Brussels) or any interval,
 * from the state intervals of its monitors, the maintenance windows and force majeure — the
 * arithmetic is availability.ts. A closed month is frozen (sla_month, version 1); a later
 * correction is a new version with its reason and author, audited.
 */
export class SlaService {
  constructor(
    private readonly db: Db,
    private readonly clients: ClientService,
    private readonly maintenance: MaintenanceService,
    private readonly forceMajeure: ForceMajeureService,
  ) {}

  async availability(actor: Actor, clientKey: string, query: SlaQuery) {
    const client = await this.clients.find(actor, clientKey);
    if (query.month && !query.from && !query.to) {
      const frozen = await this.frozen(client.id, query.month);
      if (frozen) return { client: client.slug, month: query.month, frozen: frozen.meta, ...frozen.figures };
    }
    const range = this.range(query);
    return {
      client: client.slug,
      ...(query.month ? { month: query.month } : {}),
      frozen: null,
      ...(await this.compute(client, range)),
    };
  }

  /** Figures of one client for a range; the part after now is left out (figures so far). */
  async compute(
    client: Pick<Client, 'id' | 'plan'> & { createdAt?: Date },
    requested: Interval,
  ): Promise<SlaFigures & { partial: boolean }> {
    const now = Date.now();
    if (requested.start >= now) throw badRequest('period_in_future', 'the period has not started yet');
    // The service began when the client was created: time before is not part of its agreement.
    const began = client.createdAt?.getTime() ?? requested.start;
    const range = { start: Math.min(Math.max(requested.start, began), requested.end), end: requested.end };
    if (range.start >= Math.min(range.end, now)) {
      // Nothing of the period is the client's: nothing to measure, nothing claimed.
      const at = new Date(range.start).toISOString();
      return {
        from: at,
        to: at,
        periodSeconds: 0,
        eligibleSeconds: 0,
        downtimeSeconds: 0,
        excludedSeconds: { maintenance: 0, forceMajeure: 0 },
        noDataSeconds: 0,
        availability: null,
        target: planNamed(client.plan)?.availabilityTarget ?? 0.999,
        errorBudgetSeconds: 0,
        met: null,
        excludedPeriods: [],
        downPeriods: [],
        noDataPeriods: [],
        partial: false,
      };
    }
    const end = Math.min(range.end, now);
    const period = { start: range.start, end };
    const monitors = await this.db
      .selectFrom('monitor')
      .select(['id', 'role'])
      .where('client_id', '=', client.id)
      .execute();
    const rows = await this.db
      .selectFrom('state_interval')
      .select(['monitor_id', 'state', 'started_at', 'ended_at'])
      .where('client_id', '=', client.id)
      .where('started_at', '<', new Date(end))
      .where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>', new Date(period.start))]))
      .execute();
    const byMonitor = new Map<string, StateInterval[]>();
    for (const row of rows) {
      const list = byMonitor.get(row.monitor_id) ?? [];
      list.push({
        start: row.started_at.getTime(),
        end: Math.min(row.ended_at?.getTime() ?? end, end),
        state: row.state,
      });
      byMonitor.set(row.monitor_id, list);
    }
    const occurrences = await this.maintenance.occurrences(period, client.id);
    const windows = windowsForClient(
      occurrences,
      client.id,
      monitors.map((m) => m.id),
    );
    const forceMajeure = await this.forceMajeure.periods(period);
    const report = computeAvailability({
      period: { from: period.start, to: period.end },
      monitors: monitors.map((m) => ({
        id: m.id,
        kind: m.role,
        intervals: (byMonitor.get(m.id) ?? []).filter((i) => i.end > i.start),
      })),
      maintenance: windows,
      forceMajeure,
      target: planNamed(client.plan)?.availabilityTarget ?? 0.999,
      degradedCountsAsDown: planNamed(client.plan)?.degradedCountsAsDown ?? false,
    });
    const reasons = [
      ...occurrences
        .filter((o) => windows.some((w) => w.start === o.start && w.end === o.end))
        .map((o) => ({ start: o.start, end: o.end, reason: `maintenance:${o.reason}` })),
      ...forceMajeure.map((f) => ({ start: f.start, end: f.end, reason: `force_majeure:${f.reason}` })),
    ];
    return { ...present(report, reasons), partial: end < range.end };
  }

  /** Freezes every client's figures of a closed month that is not frozen yet (the monthly job). */
  async closeMonth(month: string): Promise<number> {
    const range = calendarMonth(month, DEFAULT_TIME_ZONE);
    if (range.end > Date.now()) throw badRequest('month_not_closed', `${month} is not over yet`);
    const clients = await this.db.selectFrom('client').select(['id', 'plan', 'created_at']).execute();
    let frozen = 0;
    for (const client of clients) {
      if (client.created_at.getTime() >= range.end) continue;
      if (await this.frozen(client.id, month)) continue;
      const figures = await this.compute({ ...client, createdAt: client.created_at }, range);
      await this.db
        .insertInto('sla_month')
        .values({
          client_id: client.id,
          month,
          version: 1,
          figures: JSON.stringify(figures),
          reason: null,
          author: null,
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
      frozen++;
    }
    return frozen;
  }

  /** A correction of a frozen month: recomputed now, stored as the next version, audited. */
  async amend(actor: Actor, clientKey: string, month: string, reason: string) {
    const client = await this.clients.find(actor, clientKey);
    assertOperator(actor.account);
    const current = await this.frozen(client.id, month);
    if (!current)
      throw badRequest('month_not_frozen', `${month} is not closed yet: its figures are still live`);
    if (!reason.trim()) throw badRequest('reason_required', 'say why the figures are corrected (--reason)');
    const figures = await this.compute(client, calendarMonth(month, DEFAULT_TIME_ZONE));
    const version = current.meta.version + 1;
    await this.db
      .insertInto('sla_month')
      .values({
        client_id: client.id,
        month,
        version,
        figures: JSON.stringify(figures),
        reason: reason.trim(),
        author: actor.account.email,
      })
      .execute();
    await auditRepository.append(this.db, {
      actorAccountId: actor.account.id,
      actorEmail: actor.account.email,
      clientId: client.id,
      action: 'sla.amended',
      target: `${month} v${version}`,
      ip: actor.ip,
      detail: { reason: reason.trim(), before: current.figures.availability, after: figures.availability },
    });
    return this.availability(actor, clientKey, { month });
  }

  /** Frozen months a period touches, for every client (amendments after a force majeure). */
  async frozenMonthsOverlapping(range: Interval) {
    const rows = await this.db
      .selectFrom('sla_month')
      .innerJoin('client', 'client.id', 'sla_month.client_id')
      .select(['client.slug', 'sla_month.month'])
      .distinct()
      .execute();
    return rows.filter((r) => {
      const month = calendarMonth(r.month, DEFAULT_TIME_ZONE);
      return month.start < range.end && month.end > range.start;
    });
  }

  private async frozen(clientId: string, month: string) {
    const row = await this.db
      .selectFrom('sla_month')
      .selectAll()
      .where('client_id', '=', clientId)
      .where('month', '=', month)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      figures: row.figures as SlaFigures,
      meta: { version: row.version, frozenAt: row.frozen_at, reason: row.reason, author: row.author },
    };
  }

  private range(query: SlaQuery): Interval {
    if (query.month) {
      if (query.from || query.to)
        throw badRequest('invalid_period', 'give either --month or --from/--to, not both');
      return calendarMonth(query.month, DEFAULT_TIME_ZONE);
    }
    const zoned = /[zZ]|[+-]\d{2}:?\d{2}$/;
    if (!query.from || !query.to)
      throw badRequest('invalid_period', 'give --month YYYY-MM, or --from and --to');
    const from = new Date(query.from);
    const to = new Date(query.to);
    if (
      !zoned.test(query.from) ||
      !zoned.test(query.to) ||
      Number.isNaN(from.getTime()) ||
      Number.isNaN(to.getTime())
    )
      throw badRequest(
        'invalid_period',
        'give --from and --to as ISO-8601 instants with a zone, e.g. 2026-11-01T00:00+01:00',
      );
    if (!(to > from)) throw badRequest('invalid_period', 'the period must end after it starts');
    return { start: from.getTime(), end: to.getTime() };
  }
}
