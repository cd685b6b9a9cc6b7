import type { AlertService } from '../alerts/alert.service.js';
import type { Db } from '../db/database.js';
import type { MonitorState } from '../db/schema.js';
import type { Logger } from '../shared/logger.js';
import type { InstanceService } from '../tenants/instance.service.js';
import { CheckStore } from './check-store.js';
import type { IncidentService } from './incident.service.js';
import type { MonitorRow } from './monitor.repository.js';
import type { MonitorService } from './monitor.service.js';
import { PROBE_ROLE, probePassword } from './probe-role.js';
import { closeIdleProbeSockets, runProbe, type ProbeResult, type ProbeTarget } from './probes/index.js';
import { ProbeScheduler, type SchedulerStats } from './scheduler.js';
import { initialTracker, observe, type Tracker } from './state-machine.js';
import { stateStore } from './state-store.js';

export interface LiveStatus {
  state: MonitorState;
  lastCheckAt: Date | null;
  lastLatencyMs: number | null;
  lastError: string | null;
  certificateExpiresAt: Date | null;
}

interface Watched {
  certificateWarned?: boolean;
  row: MonitorRow;
  tracker: Tracker;
  live: LiveStatus;
  target: ProbeTarget | null;
}

const CERTIFICATE_WARNING_DAYS = 14;

/**
 * The prober: runs every enabled monitor of every active client on the scheduler, turns checks
 * into states (state-machine.ts) and state intervals (state-store.ts), opens and resolves
 * incidents, and keeps a heartbeat so that time it was not running is recorded as no data.
 */
export class Prober {
  private readonly watched = new Map<string, Watched>();
  private readonly scheduler: ProbeScheduler;
  private readonly checks: CheckStore;
  private timers: NodeJS.Timeout[] = [];
  private reloading: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly monitors: MonitorService,
    private readonly instances: InstanceService,
    private readonly incidents: IncidentService,
    private readonly alerts: AlertService,
    private readonly platformKey: Buffer,
    private readonly logger: Logger,
    private readonly options: { maxInFlight?: number; reloadEveryMs?: number } = {},
  ) {
    this.scheduler = new ProbeScheduler((id, due) => this.check(id, due), options.maxInFlight ?? 256);
    this.checks = new CheckStore(db, logger);
    monitors.onChange(() => void this.reload());
    // A new, resumed or restored instance gets the probe role (a restored one may predate it),
    // and a new client its database monitor at once.
    instances.onStarted((clientId) => {
      void this.monitors
        .ensureProbe(clientId)
        .then(() => this.monitors.syncDatabaseMonitors())
        .catch((error: unknown) => this.logger.warn({ err: error, clientId }, 'probe set-up failed'));
    });
  }

  async start(): Promise<void> {
    const gap = await stateStore.recordGap(this.db, new Date());
    this.logger.info(
      { since: gap.toISOString() },
      'prober starting; time since the last heartbeat is no data',
    );
    await stateStore.heartbeat(this.db);
    await this.monitors.syncDatabaseMonitors();
    for (const instance of await this.instances.running()) await this.monitors.ensureProbe(instance.clientId);
    await this.reload();
    this.checks.start();
    this.timers.push(setInterval(() => void stateStore.heartbeat(this.db).catch(() => undefined), 5000));
    this.timers.push(
      setInterval(() => {
        void this.monitors
          .syncDatabaseMonitors()
          .then(() => this.reload())
          .catch((error: unknown) => this.logger.error({ err: error }, 'monitor reload failed'));
      }, this.options.reloadEveryMs ?? 10_000),
    );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    await this.scheduler.stop();
    await this.checks.stop();
    await stateStore.heartbeat(this.db).catch(() => undefined);
    closeIdleProbeSockets();
  }

  stats(): SchedulerStats {
    return this.scheduler.stats();
  }

  live(monitorId: string): LiveStatus | undefined {
    return this.watched.get(monitorId)?.live;
  }

  /** Raw check results past their keeping time (the daily job). */
  purge(): Promise<number> {
    return this.checks.purge();
  }

  /** Reads the monitors of active clients and makes the schedule match. */
  reload(): Promise<void> {
    this.reloading = this.reloading
      .then(() => this.load())
      .catch((error: unknown) => {
        this.logger.error({ err: error }, 'monitor reload failed');
      });
    return this.reloading;
  }

  private async load(): Promise<void> {
    if (this.stopped) return;
    const rows = await this.db
      .selectFrom('monitor')
      .innerJoin('client', 'client.id', 'monitor.client_id')
      .selectAll('monitor')
      .select('client.status as clientStatus')
      .where('monitor.enabled', '=', true)
      .execute();
    const states = new Map((await stateStore.current(this.db)).map((s) => [s.monitor_id, s.state]));
    const running = new Map((await this.instances.running()).map((i) => [i.clientId, i.connection]));
    const active: MonitorRow[] = [];
    for (const { clientStatus, ...row } of rows) {
      const existing = this.watched.get(row.id);
      // A suspended client's services are stopped on purpose: that time is no data, not downtime.
      if (clientStatus !== 'active') {
        if (states.get(row.id) !== 'no_data')
          await stateStore.transition(
            this.db,
            { id: row.id, clientId: row.client_id },
            'no_data',
            new Date(),
          );
        this.watched.delete(row.id);
        continue;
      }
      const target = this.targetOf(row, running.get(row.client_id));
      if (existing && existing.row.id === row.id) {
        existing.row = row;
        existing.target = target;
      } else {
        const state = states.get(row.id) ?? 'no_data';
        this.watched.set(row.id, {
          row,
          target,
          tracker: initialTracker(state),
          live: {
            state,
            lastCheckAt: null,
            lastLatencyMs: null,
            lastError: null,
            certificateExpiresAt: null,
          },
        });
      }
      active.push(row);
    }
    const keep = new Set(active.map((m) => m.id));
    for (const id of this.watched.keys()) if (!keep.has(id)) this.watched.delete(id);
    this.scheduler.sync(
      active.map((m) => ({
        id: m.id,
        intervalMs: m.interval_seconds * 1000,
        version: [
          m.interval_seconds,
          m.target,
          m.timeout_ms,
          m.expected_status,
          m.keyword,
          m.degraded_after_ms,
        ].join('|'),
      })),
    );
  }

  private targetOf(
    row: MonitorRow,
    instance: { port: number; ca: string; database: string } | undefined,
  ): ProbeTarget | null {
    const timing = { timeoutMs: row.timeout_ms, degradedAfterMs: row.degraded_after_ms };
    if (row.kind === 'http')
      return {
        kind: 'http',
        url: row.target,
        expectedStatus: row.expected_status,
        keyword: row.keyword,
        ...timing,
      };
    if (row.kind === 'tcp') {
      const at = row.target.lastIndexOf(':');
      return {
        kind: 'tcp',
        host: row.target.slice(0, at),
        port: Number(row.target.slice(at + 1)),
        ...timing,
      };
    }
    if (!instance) return null;
    return {
      kind: 'postgres',
      host: '127.0.0.1',
      port: instance.port,
      database: instance.database,
      user: PROBE_ROLE,
      password: probePassword(this.platformKey, row.client_id),
      ca: instance.ca,
      ...timing,
    };
  }

  private async check(monitorId: string, due: Date): Promise<void> {
    const watched = this.watched.get(monitorId);
    if (!watched) return;
    const at = new Date();
    const result: ProbeResult = watched.target
      ? await runProbe(watched.target)
      : {
          ok: false,
          degraded: false,
          latencyMs: 0,
          error: 'the database instance is not running',
          certificateExpiresAt: null,
        };
    if (this.stopped || this.watched.get(monitorId) !== watched) return;
    this.checks.add({
      monitorId,
      at,
      ok: result.ok,
      degraded: result.degraded,
      latencyMs: result.latencyMs,
      error: result.error,
    });
    watched.live = {
      ...watched.live,
      lastCheckAt: at,
      lastLatencyMs: result.latencyMs,
      lastError: result.error,
      certificateExpiresAt: result.certificateExpiresAt,
    };
    const { tracker, transition } = observe(
      watched.tracker,
      { at, ok: result.ok, degraded: result.degraded },
      {
        failureThreshold: watched.row.failure_threshold,
        recoveryThreshold: watched.row.recovery_threshold,
      },
    );
    watched.tracker = tracker;
    if (transition) {
      const monitor = { id: monitorId, clientId: watched.row.client_id, name: watched.row.name };
      await stateStore.transition(this.db, monitor, transition.to, transition.at);
      watched.live.state = transition.to;
      this.logger.info(
        { monitor: monitorId, from: transition.from, to: transition.to },
        'monitor state changed',
      );
      if (transition.to === 'down') await this.incidents.monitorDown(monitor, transition.at);
      else if (transition.from === 'down') await this.incidents.monitorUp(monitor, transition.at);
    }
    if (result.certificateExpiresAt) await this.certificateAlert(watched, result.certificateExpiresAt, due);
  }

  private async certificateAlert(watched: Watched, expiresAt: Date, now: Date): Promise<void> {
    const kind = `certificate_expiry:${watched.row.id}`;
    const days = (expiresAt.getTime() - now.getTime()) / 86_400_000;
    const warn = days < CERTIFICATE_WARNING_DAYS;
    if (warn === watched.certificateWarned) return;
    watched.certificateWarned = warn;
    if (warn)
      await this.alerts.raise(
        kind,
        watched.row.client_id,
        `the TLS certificate of ${watched.row.name} expires ${expiresAt.toISOString()} (in ${Math.max(0, Math.floor(days))} days)`,
      );
    else await this.alerts.resolve(kind, watched.row.client_id);
  }
}
