import type { Db } from '../db/database.js';
import type { BackupCatalogue } from '../backups/catalogue.service.js';
import type { BackupPolicyService } from '../backups/policy.service.js';
import type { ComplianceService } from '../helpdesk/compliance.service.js';
import { calendarMonth, DEFAULT_TIME_ZONE } from '../monitoring/calendar-month.js';
import { daysOfMonth } from '../monitoring/history.service.js';
import type { SlaFigures, SlaService } from '../monitoring/sla.service.js';
import type { Client } from '../tenants/client.repository.js';
import { backupSection } from './backup-section.js';
import type { SlaReport } from './sla-report.types.js';

/** The agreement: data loss under 5 minutes, downtime of a restore under 1 hour. */
export const DATA_LOSS_LIMIT_SECONDS = 300;
export const RESTORE_LIMIT_SECONDS = 3600;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? null;
}

/**
 * Gathers a client's month from the sources — availability (frozen figures once the month is
 * closed), incidents, backups, archive lag, restore drills, helpdesk compliance — into the report.
 */
export class SlaReportBuilder {
  constructor(
    private readonly db: Db,
    private readonly sla: SlaService,
    private readonly catalogue: BackupCatalogue,
    private readonly policies: BackupPolicyService,
    private readonly compliance: ComplianceService,
    private readonly targetNames: readonly string[],
  ) {}

  async build(
    client: Client,
    month: string,
    meta: { version: number; reason: string | null },
    now = new Date(),
  ): Promise<SlaReport> {
    const bounds = calendarMonth(month);
    const end = new Date(Math.min(bounds.end, now.getTime()));
    const range = { start: new Date(bounds.start), end };
    const support = (await this.compliance.forClient(client.slug, month)).rows;
    const breached = support.reduce((n, r) => n + r.breached, 0);
    const tickets = support.reduce((n, r) => n + r.count, 0);
    return {
      version: meta.version,
      provisional: meta.version === 0,
      reason: meta.reason,
      generatedAt: now.toISOString(),
      client: { slug: client.slug, name: client.name, plan: client.plan },
      month,
      zone: DEFAULT_TIME_ZONE,
      availability: {
        ...(await this.availability(client, month)),
        daily: await this.daily(client, month, now),
      },
      incidents: await this.incidents(client.id, range),
      backups: await backupSection(
        { db: this.db, catalogue: this.catalogue, policies: this.policies, targetNames: this.targetNames },
        client,
        range,
      ),
      dataLoss: await this.dataLoss(client.id, range),
      restore: await this.restore(client.id, range),
      support: { rows: support, met: tickets === 0 ? null : breached === 0 },
      options: await this.options(client.id, range),
    };
  }

  /** The options active at some point of the month, with their price. */
  private async options(clientId: string, range: { start: Date; end: Date }) {
    const rows = await this.db
      .selectFrom('client_option')
      .innerJoin('service_option', 'service_option.code', 'client_option.option_code')
      .select([
        'service_option.name',
        'client_option.unit',
        'client_option.unit_price as unitPrice',
        'client_option.currency',
        'client_option.activated_at as activatedAt',
        'client_option.deactivated_at as deactivatedAt',
      ])
      .where('client_option.client_id', '=', clientId)
      .where('client_option.activated_at', '<', range.end)
      .where((eb) =>
        eb.or([
          eb('client_option.deactivated_at', 'is', null),
          eb('client_option.deactivated_at', '>', range.start),
        ]),
      )
      .orderBy('client_option.activated_at')
      .execute();
    return rows.map((r) => ({
      name: r.name,
      unit: r.unit,
      unitPrice: Number(r.unitPrice),
      currency: r.currency,
      from: (r.activatedAt ?? range.start).toISOString(),
      to: r.deactivatedAt?.toISOString() ?? null,
    }));
  }

  /** The frozen figures of a closed month (the latest version), else computed now. */
  private async availability(client: Client, month: string): Promise<SlaFigures> {
    const frozen = await this.db
      .selectFrom('sla_month')
      .select('figures')
      .where('client_id', '=', client.id)
      .where('month', '=', month)
      .orderBy('version', 'desc')
      .executeTakeFirst();
    if (frozen) return frozen.figures as unknown as SlaFigures;
    const { partial: _partial, ...figures } = await this.sla.compute(client, calendarMonth(month));
    return figures;
  }

  private async daily(client: Client, month: string, now: Date) {
    const days = [];
    for (const day of daysOfMonth(month).filter((d) => d.start < now.getTime())) {
      const figures = await this.sla.compute(client, day);
      days.push({
        date: day.date,
        availability: figures.availability,
        downtimeSeconds: figures.downtimeSeconds,
        noDataSeconds: figures.noDataSeconds,
      });
    }
    return days;
  }

  private async incidents(clientId: string, range: { start: Date; end: Date }) {
    const rows = await this.db
      .selectFrom('incident')
      .leftJoin('monitor', 'monitor.id', 'incident.monitor_id')
      .select([
        'incident.title',
        'incident.status',
        'incident.opened_at as openedAt',
        'incident.resolved_at as resolvedAt',
        'incident.postmortem',
        'monitor.name as monitor',
        'monitor.role',
      ])
      .where('incident.client_id', '=', clientId)
      .where('incident.opened_at', '<', range.end)
      .where((eb) =>
        eb.or([eb('incident.resolved_at', 'is', null), eb('incident.resolved_at', '>=', range.start)]),
      )
      .orderBy('incident.opened_at')
      .execute();
    return rows.map((r) => {
      const until = r.resolvedAt && r.resolvedAt < range.end ? r.resolvedAt : range.end;
      return {
        title: r.title,
        status: r.status,
        openedAt: r.openedAt.toISOString(),
        resolvedAt: iso(r.resolvedAt),
        durationSeconds: Math.max(0, Math.round((until.getTime() - r.openedAt.getTime()) / 1000)),
        impact: r.monitor
          ? `${r.monitor} (${r.role === 'database' ? 'the database' : 'an application endpoint'}) failed its checks`
          : r.title,
        postmortem: r.postmortem,
      };
    });
  }

  private async dataLoss(clientId: string, range: { start: Date; end: Date }) {
    const rows = await this.db
      .selectFrom('archive_lag_minute')
      .select('lag_seconds')
      .where('client_id', '=', clientId)
      .where('minute', '>=', range.start)
      .where('minute', '<', range.end)
      .orderBy('lag_seconds')
      .execute();
    const lags = rows.map((r) => r.lag_seconds);
    const worst = lags.at(-1) ?? null;
    return {
      limitSeconds: DATA_LOSS_LIMIT_SECONDS,
      minutesMeasured: lags.length,
      minutesOverLimit: lags.filter((l) => l > DATA_LOSS_LIMIT_SECONDS).length,
      typicalSeconds: percentile(lags, 50),
      p95Seconds: percentile(lags, 95),
      worstSeconds: worst,
      met: worst === null ? null : worst <= DATA_LOSS_LIMIT_SECONDS,
    };
  }

  private async restore(clientId: string, range: { start: Date; end: Date }) {
    const rows = await this.db
      .selectFrom('restore_drill')
      .selectAll()
      .where('client_id', '=', clientId)
      .where('at', '>=', range.start)
      .where('at', '<', range.end)
      .orderBy('at')
      .execute();
    const drills = rows.map((r) => ({
      at: r.at.toISOString(),
      ok: r.ok,
      durationSeconds: r.duration_ms === null ? null : Math.round(r.duration_ms / 100) / 10,
      recoveredUpTo: iso(r.recovered_up_to),
      dataLossWindowSeconds: r.data_loss_window_seconds,
      error: r.error,
    }));
    const durations = drills.flatMap((d) => (d.durationSeconds === null ? [] : [d.durationSeconds]));
    const worst = durations.length > 0 ? Math.max(...durations) : null;
    return {
      limitSeconds: RESTORE_LIMIT_SECONDS,
      drills,
      worstSeconds: worst,
      met: drills.length === 0 ? null : drills.every((d) => d.ok) && (worst ?? 0) <= RESTORE_LIMIT_SECONDS,
    };
  }
}
