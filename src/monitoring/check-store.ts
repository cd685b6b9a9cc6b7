import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { Logger } from '../shared/logger.js';

export interface CheckRecord {
  monitorId: string;
  at: Date;
  ok: boolean;
  degraded: boolean;
  latencyMs: number;
  error: string | null;
}

interface Rollup {
  monitorId: string;
  minute: number;
  checks: number;
  failures: number;
  degraded: number;
  latencySum: number;
  latencyMax: number;
}

const MINUTE_MS = 60_000;

/**
 * Raw check results and their per-minute rollups, written in batches (one insert per flush, not
 * one per check) so thousands of monitors cost a few statements a second. Raw results are kept
 * `rawDays`; rollups are kept (13 months and more) for charts and history.
 */
export class CheckStore {
  private pending: CheckRecord[] = [];
  private readonly rollups = new Map<string, Rollup>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    private readonly rawDays = 7,
  ) {}

  start(flushEveryMs = 2000): void {
    this.timer = setInterval(() => void this.flush(), flushEveryMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush(true);
  }

  add(record: CheckRecord): void {
    this.pending.push(record);
    const minute = record.at.getTime() - (record.at.getTime() % MINUTE_MS);
    const key = `${record.monitorId}|${minute}`;
    const rollup = this.rollups.get(key) ?? {
      monitorId: record.monitorId,
      minute,
      checks: 0,
      failures: 0,
      degraded: 0,
      latencySum: 0,
      latencyMax: 0,
    };
    rollup.checks++;
    if (!record.ok) rollup.failures++;
    if (record.degraded) rollup.degraded++;
    rollup.latencySum += record.latencyMs;
    rollup.latencyMax = Math.max(rollup.latencyMax, record.latencyMs);
    this.rollups.set(key, rollup);
  }

  /** Writes what is buffered; rollups of minutes still in progress wait unless `all`. */
  flush(all = false): Promise<void> {
    this.flushing = this.flushing
      .then(() => this.write(all))
      .catch((error: unknown) => {
        this.logger.error({ err: error }, 'check results not written; kept for the next flush');
      });
    return this.flushing;
  }

  /** Raw results older than the keeping time go; rollups stay. */
  async purge(now = new Date()): Promise<number> {
    const result = await this.db
      .deleteFrom('check_result')
      .where('at', '<', new Date(now.getTime() - this.rawDays * 24 * 3600_000))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  private async write(all: boolean): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    const currentMinute = Date.now() - (Date.now() % MINUTE_MS);
    const done = [...this.rollups.entries()].filter(([, r]) => all || r.minute < currentMinute);
    try {
      for (let i = 0; i < batch.length; i += 1000) {
        await this.db
          .insertInto('check_result')
          .values(
            batch.slice(i, i + 1000).map((r) => ({
              monitor_id: r.monitorId,
              at: r.at,
              ok: r.ok,
              degraded: r.degraded,
              latency_ms: r.latencyMs,
              error: r.error,
            })),
          )
          .execute();
      }
    } catch (error) {
      // A monitor removed meanwhile (foreign key): drop its rows, keep the rest for next time.
      if ((error as { code?: string }).code !== '23503') this.pending.unshift(...batch);
      throw error;
    }
    for (let i = 0; i < done.length; i += 1000) {
      const rows = done.slice(i, i + 1000).map(([, r]) => ({
        monitor_id: r.monitorId,
        minute: new Date(r.minute),
        checks: r.checks,
        failures: r.failures,
        degraded: r.degraded,
        latency_avg_ms: r.latencySum / r.checks,
        latency_max_ms: r.latencyMax,
      }));
      await this.db
        .insertInto('check_minute')
        .values(rows)
        .onConflict((oc) =>
          oc.columns(['monitor_id', 'minute']).doUpdateSet({
            latency_avg_ms: sql`(check_minute.latency_avg_ms * check_minute.checks + excluded.latency_avg_ms * excluded.checks) / (check_minute.checks + excluded.checks)`,
            checks: sql`check_minute.checks + excluded.checks`,
            failures: sql`check_minute.failures + excluded.failures`,
            degraded: sql`check_minute.degraded + excluded.degraded`,
            latency_max_ms: sql`greatest(check_minute.latency_max_ms, excluded.latency_max_ms)`,
          }),
        )
        .execute()
        .catch((error: unknown) => {
          if ((error as { code?: string }).code !== '23503') throw error;
        });
      for (const [key] of done.slice(i, i + 1000)) this.rollups.delete(key);
    }
  }
}
