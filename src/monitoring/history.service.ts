import { DateTime } from 'luxon';
import type { Db } from '../db/database.js';
import type { Actor } from '../identity/access.js';
import { badRequest, notFound } from '../server/errors.js';
import type { ClientService } from '../tenants/client.service.js';
import { planNamed } from '../tenants/plans.js';
import { DEFAULT_TARGET } from './availability.js';
import { calendarMonth, DEFAULT_TIME_ZONE, localToInstant } from './calendar-month.js';
import type { Interval } from './intervals.js';
import type { SlaService } from './sla.service.js';

const MINUTE_MS = 60_000;

export interface DayRange extends Interval {
  /** The local date, `YYYY-MM-DD`. */
  date: string;
}

/**
 * The local days of a month (`YYYY-MM`) in zone, as instants: a day in Europe/Brussels lasts 23
 * hours on the last Sunday of March and 25 on the last Sunday of October.
 */
export function daysOfMonth(month: string, zone: string = DEFAULT_TIME_ZONE): DayRange[] {
  const { start, end } = calendarMonth(month, zone);
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const count = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  return Array.from({ length: count }, (_, index) => {
    const day = index + 1;
    return {
      date: `${month}-${String(day).padStart(2, '0')}`,
      start: day === 1 ? start : localToInstant(Date.UTC(year, monthNumber - 1, day), zone),
      end: day === count ? end : localToInstant(Date.UTC(year, monthNumber - 1, day + 1), zone),
    };
  });
}

/** The month (`YYYY-MM`) an instant falls in, in zone. */
export function monthAt(instant: number, zone: string = DEFAULT_TIME_ZONE): string {
  return DateTime.fromMillis(instant, { zone }).toFormat('yyyy-MM');
}

/**
 * What the console's charts draw: a client's availability day by day over a month (each day's
 * figures by the same arithmetic as the month's, SlaService.compute), and one monitor's latency
 * minute by minute from the rollups the prober writes (check_minute).
 */
export class HistoryService {
  constructor(
    private readonly db: Db,
    private readonly clients: ClientService,
    private readonly sla: SlaService,
  ) {}

  /** Each local day of the month up to today; today's figures are so far. Default: this month. */
  async daily(actor: Actor, clientKey: string, month: string | undefined) {
    const client = await this.clients.find(actor, clientKey);
    const now = Date.now();
    const chosen = month ?? monthAt(now);
    const days = daysOfMonth(chosen).filter((day) => day.start < now);
    if (days.length === 0)
      throw badRequest(
        'period_in_future',
        `${chosen} has not started yet: choose this month or an earlier one`,
      );
    const result = [];
    // The same target as SlaService.compute applies.
    const target = planNamed(client.plan)?.availabilityTarget ?? DEFAULT_TARGET;
    // One day after the other: each computation takes a few queries, and the pool is shared.
    for (const day of days) {
      const figures = await this.sla.compute(client, day);
      result.push({
        date: day.date,
        availability: figures.availability,
        downtimeSeconds: figures.downtimeSeconds,
        noDataSeconds: figures.noDataSeconds,
        maintenanceSeconds: figures.excludedSeconds.maintenance,
        forceMajeureSeconds: figures.excludedSeconds.forceMajeure,
      });
    }
    return { client: client.slug, month: chosen, timeZone: DEFAULT_TIME_ZONE, target, days: result };
  }

  /** Per-minute rollups of one of the client's monitors over the last `hours`, oldest first. */
  async latency(actor: Actor, clientKey: string, monitorId: string, hours: number) {
    const client = await this.clients.find(actor, clientKey);
    const monitor = await this.db
      .selectFrom('monitor')
      .select(['id', 'client_id'])
      .where('id', '=', monitorId)
      .executeTakeFirst();
    if (monitor?.client_id !== client.id)
      throw notFound('monitor_not_found', 'no such monitor for this client (see its list of monitors)');
    const since = new Date(Date.now() - hours * 60 * MINUTE_MS);
    const rows = await this.db
      .selectFrom('check_minute')
      .select(['minute', 'checks', 'failures', 'latency_avg_ms', 'latency_max_ms'])
      .where('monitor_id', '=', monitor.id)
      .where('minute', '>=', since)
      .orderBy('minute')
      .execute();
    return {
      monitorId: monitor.id,
      hours,
      points: rows.map((row) => ({
        minute: row.minute,
        checks: row.checks,
        failures: row.failures,
        latencyAvgMs: row.latency_avg_ms,
        latencyMaxMs: row.latency_max_ms,
      })),
    };
  }
}
