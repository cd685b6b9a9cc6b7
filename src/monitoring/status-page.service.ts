import type { Feed } from 'feed';
import type { Db } from '../db/database.js';
import type { MaintenanceService } from './maintenance.service.js';
import {
  COMPONENTS,
  componentOf,
  componentState,
  dailyUptime,
  HISTORY_DAYS,
  lastDays,
  overallState,
  platformUptime,
  publicIncidentTitle,
  redact,
  STATUS_TIME_ZONE,
  targetHost,
  type ComponentId,
  type MonitorKind,
  type TimedState,
} from './status-aggregate.js';
import { statusFeed } from './status-feed.js';
import type { PublicIncident, PublicMaintenance, StatusView } from './status-page.schema.js';

const DAY_MS = 86_400_000;
const MAINTENANCE_AHEAD_DAYS = 30;
const MAX_INCIDENTS = 100;
const MAX_MAINTENANCE = 50;

/**
 * The public status page: components with their state and 90 days of bars, incidents of the last
 * 90 days and platform maintenance of the next 30, without anything that names a client (see
 * status-aggregate.ts for the rules). The view is computed at most every `cacheMs` and shared by
 * the requests in between, so a crowd refreshing the page during an outage costs a few queries.
 */
export class StatusPageService {
  private cached: { at: number; view: Promise<StatusView> } | undefined;

  constructor(
    private readonly db: Db,
    private readonly maintenance: MaintenanceService,
    private readonly publicUrl: () => string,
    private readonly cacheMs = 5000,
  ) {}

  snapshot(now = Date.now()): Promise<StatusView> {
    if (this.cached && now - this.cached.at < this.cacheMs && now >= this.cached.at) return this.cached.view;
    const view = this.compute(now);
    this.cached = { at: now, view };
    // A failed computation is not kept: the next request tries again.
    view.catch(() => {
      if (this.cached?.view === view) this.cached = undefined;
    });
    return view;
  }

  /** Incidents and maintenance announcements as an Atom / RSS feed. */
  async feed(): Promise<Feed> {
    return statusFeed(await this.snapshot(), `${this.publicUrl()}/status`);
  }

  private async compute(now: number): Promise<StatusView> {
    const days = lastDays(now, HISTORY_DAYS, STATUS_TIME_ZONE);
    const from = days[0]?.start ?? now;
    const [current, intervals, incidents, maintenance] = await Promise.all([
      this.currentStates(),
      this.intervals(from, now),
      this.incidents(from),
      this.upcomingMaintenance(now),
    ]);
    const byComponent = (id: ComponentId) => intervals.filter((i) => componentOf(i.kind) === id);
    const components = COMPONENTS.map(({ id, name, description }) => {
      const state =
        id === 'platform'
          ? 'operational'
          : componentState(current.filter((m) => componentOf(m.kind) === id).map((m) => m.state));
      const uptime =
        id === 'platform' ? platformUptime(intervals, days, now) : dailyUptime(byComponent(id), days, now);
      return {
        id,
        name,
        description,
        state,
        days: days.map((day, index) => ({ date: day.date, uptime: uptime[index] ?? null })),
      };
    });
    return {
      generatedAt: new Date(now),
      timeZone: STATUS_TIME_ZONE,
      overall: overallState(components.map((c) => c.state)),
      components,
      incidents,
      maintenance,
    };
  }

  /** The current state of every enabled monitor of an active client. */
  private async currentStates() {
    const rows = await this.db
      .selectFrom('monitor')
      .innerJoin('client', 'client.id', 'monitor.client_id')
      .leftJoin('monitor_status', 'monitor_status.monitor_id', 'monitor.id')
      .select(['monitor.kind', 'monitor_status.state'])
      .where('monitor.enabled', '=', true)
      .where('client.status', '=', 'active')
      .execute();
    return rows.map((r) => ({ kind: r.kind, state: r.state ?? 'no_data' }));
  }

  /** State intervals overlapping [from, now), open ones ending now. */
  private async intervals(from: number, now: number): Promise<(TimedState & { kind: MonitorKind })[]> {
    const rows = await this.db
      .selectFrom('state_interval')
      .innerJoin('monitor', 'monitor.id', 'state_interval.monitor_id')
      .select([
        'monitor.kind',
        'state_interval.state',
        'state_interval.started_at',
        'state_interval.ended_at',
      ])
      .where('state_interval.started_at', '<', new Date(now))
      .where((eb) =>
        eb.or([
          eb('state_interval.ended_at', 'is', null),
          eb('state_interval.ended_at', '>', new Date(from)),
        ]),
      )
      .execute();
    return rows.map((r) => ({
      kind: r.kind,
      state: r.state,
      start: r.started_at.getTime(),
      end: r.ended_at?.getTime() ?? now,
    }));
  }

  /** Incidents open now or opened or resolved since `from`, newest first, without identity. */
  private async incidents(from: number): Promise<PublicIncident[]> {
    const since = new Date(from);
    const rows = await this.db
      .selectFrom('incident')
      .innerJoin('client', 'client.id', 'incident.client_id')
      .leftJoin('monitor', 'monitor.id', 'incident.monitor_id')
      .select([
        'incident.id',
        'incident.status',
        'incident.opened_at',
        'incident.resolved_at',
        'monitor.kind',
        'monitor.name as monitorName',
        'monitor.target',
        'client.name as clientName',
        'client.slug as clientSlug',
      ])
      .where((eb) =>
        eb.or([
          eb('incident.opened_at', '>=', since),
          eb('incident.resolved_at', 'is', null),
          eb('incident.resolved_at', '>=', since),
        ]),
      )
      .orderBy('incident.opened_at', 'desc')
      .limit(MAX_INCIDENTS)
      .execute();
    if (rows.length === 0) return [];
    const updates = await this.db
      .selectFrom('incident_update')
      .select(['incident_id', 'at', 'status', 'message', 'author'])
      .where(
        'incident_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('at')
      .execute();
    return rows.map((row) => {
      const identifying = [
        row.clientName,
        row.clientSlug,
        row.monitorName,
        row.target,
        targetHost(row.target),
      ];
      return {
        id: row.id,
        title: publicIncidentTitle(row.kind),
        component: row.kind ? componentOf(row.kind) : null,
        status: row.status,
        startedAt: row.opened_at,
        resolvedAt: row.resolved_at,
        durationSeconds: row.resolved_at
          ? Math.round((row.resolved_at.getTime() - row.opened_at.getTime()) / 1000)
          : null,
        updates: updates
          .filter((u) => u.incident_id === row.id)
          .map((u) => ({
            at: u.at,
            status: u.status,
            // Automatic updates say nothing a reader needs; staff write theirs for the public.
            message: u.author === null ? null : redact(u.message, identifying),
          })),
      };
    });
  }

  /** Occurrences of platform-wide maintenance in progress or starting in the next 30 days. */
  private async upcomingMaintenance(now: number): Promise<PublicMaintenance[]> {
    const range = { start: now, end: now + MAINTENANCE_AHEAD_DAYS * DAY_MS };
    const rows = (await this.maintenance.definitions()).filter((row) => row.scope === 'platform');
    return rows
      .flatMap((row) =>
        this.maintenance.expand(row, range).map((window) => ({
          id: `${row.id}:${window.start}`,
          reason: row.reason,
          announcedAt: row.created_at,
          startsAt: new Date(window.start),
          endsAt: new Date(window.end),
          inProgress: window.start <= now,
        })),
      )
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
      .slice(0, MAX_MAINTENANCE);
  }
}
