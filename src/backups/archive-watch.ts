import type { AlertService } from '../alerts/alert.service.js';
import type { Logger } from '../shared/logger.js';
import { walRepository } from './wal.repository.js';
import type { WalService } from './wal.service.js';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';

/** Two catch-up rounds (15 s each): a copy missing longer than this is a target that is down. */
export const GAP_ALERT_SECONDS = 30;

/**
 * Watches the data-loss promise: for every running client, an alert while its archive lag is
 * above the limit (the agreement allows under 5 minutes of loss; the default limit, 2 minutes,
 * leaves time to act), and an alert while a backup target misses copies.
 */
export class ArchiveWatch {
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly db: Db,
    private readonly wal: WalService,
    private readonly alerts: AlertService,
    private readonly lagLimitSeconds: number,
    private readonly logger: Logger,
  ) {}

  start(intervalSeconds: number): void {
    this.timer = setInterval(() => void this.check(), intervalSeconds * 1000);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** The worst lag of the minute, kept for the monthly report's data-loss exposure. */
  private async sample(clientId: string, now: Date, lagSeconds: number): Promise<void> {
    const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
    await this.db
      .insertInto('archive_lag_minute')
      .values({ client_id: clientId, minute, lag_seconds: lagSeconds })
      .onConflict((oc) =>
        oc.columns(['client_id', 'minute']).doUpdateSet({
          lag_seconds: sql<number>`greatest(archive_lag_minute.lag_seconds, excluded.lag_seconds)`,
        }),
      )
      .execute();
  }

  async check(now = new Date()): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const clients = await this.db
        .selectFrom('client')
        .innerJoin('instance', 'instance.client_id', 'client.id')
        .select(['client.id', 'instance.status'])
        .where('client.status', '=', 'active')
        .execute();
      for (const client of clients) {
        if (client.status !== 'running') {
          await this.alerts.resolve('archive_lag', client.id);
          continue;
        }
        const status = await this.wal.status(client.id, now);
        if (status.lagSeconds !== null) await this.sample(client.id, now, status.lagSeconds);
        if (status.lagSeconds !== null && status.lagSeconds > this.lagLimitSeconds) {
          await this.alerts.raise(
            'archive_lag',
            client.id,
            `archive lag ${status.lagSeconds} s (limit ${this.lagLimitSeconds} s): changes since ${status.latestCompleteAt?.toISOString() ?? 'the start'} are not yet on every backup target`,
          );
        } else await this.alerts.resolve('archive_lag', client.id);

        const gap = await walRepository.oldestMissingSince(this.db, client.id);
        if (gap && now.getTime() - gap.since.getTime() > GAP_ALERT_SECONDS * 1000) {
          await this.alerts.raise(
            'backup_target_gap',
            client.id,
            `${status.segmentsMissingCopies} WAL segment(s) missing on ${gap.targets.join(', ')} since ${gap.since.toISOString()}; copies are caught up when the target answers again`,
          );
        } else if (!gap) await this.alerts.resolve('backup_target_gap', client.id);
      }
    } catch (error) {
      this.logger.error({ err: error }, 'archive watch round failed');
    } finally {
      this.running = false;
    }
  }
}
