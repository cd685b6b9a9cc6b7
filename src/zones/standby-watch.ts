import type { AlertService } from '../alerts/alert.service.js';
import { parseLsn } from '../backups/wal-names.js';
import type { Db } from '../db/database.js';
import type { StandbyState } from '../db/schema.js';
import type { Logger } from '../shared/logger.js';
import { withAdmin } from '../tenants/instance-admin.js';
import type { InstanceService } from '../tenants/instance.service.js';
import { standbyRepository } from './standby.repository.js';
import type { StandbyService } from './standby.service.js';

export interface StandbySample {
  state: StandbyState;
  lagBytes: number | null;
  lagSeconds: number | null;
  replayedAt: Date | null;
}

/**
 * How far behind a standby is: WAL bytes the primary has written that the standby has not
 * replayed, and — when it is behind — the age of the newest transaction it replayed. Caught up
 * means zero, however long the client has been idle.
 */
export function lagOf(
  primaryLsn: string,
  replayLsn: string | null,
  replayedAt: Date | null,
  now: Date,
): { lagBytes: number | null; lagSeconds: number | null } {
  if (replayLsn === null) return { lagBytes: null, lagSeconds: null };
  const bytes = Number(parseLsn(primaryLsn) - parseLsn(replayLsn));
  const lagBytes = Math.max(0, bytes);
  if (lagBytes === 0) return { lagBytes, lagSeconds: 0 };
  return {
    lagBytes,
    lagSeconds: replayedAt ? Math.max(0, (now.getTime() - replayedAt.getTime()) / 1000) : null,
  };
}

/**
 * Looks at every standby every few seconds: streaming from its primary, catching up from the
 * archive, or down. A standby that has not streamed for longer than the alert delay opens an
 * alert (resolved when it streams again); a suspended client's standby is left alone.
 */
export class StandbyWatch {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly notStreamingSince = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly standbys: StandbyService,
    private readonly instances: InstanceService,
    private readonly alerts: AlertService,
    private readonly alertSeconds: number,
    private readonly logger: Logger,
  ) {}

  start(everySeconds: number): void {
    this.timer = setInterval(() => {
      this.running ??= this.run()
        .catch((error: unknown) => this.logger.error({ err: error }, 'standby watch failed'))
        .finally(() => (this.running = undefined));
    }, everySeconds * 1000);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async run(now = new Date()): Promise<void> {
    for (const { standby, instance } of await this.standbys.watched()) {
      if (instance.status !== 'running' || !this.instances.isRunning(instance.clientId)) continue;
      const sample = await this.sample(instance, standby.port ?? 0, now);
      const streaming = sample.state === 'streaming';
      await standbyRepository.update(this.db, standby.clientId, {
        state: sample.state,
        lag_bytes: sample.lagBytes,
        lag_seconds: sample.lagSeconds,
        replayed_at: sample.replayedAt,
        checked_at: now,
        streaming_since: streaming ? (standby.streamingSince ?? now) : null,
      });
      if (streaming) {
        this.notStreamingSince.delete(standby.clientId);
        await this.alerts.resolve('standby_not_streaming', standby.clientId);
        continue;
      }
      const since = this.notStreamingSince.get(standby.clientId) ?? now.getTime();
      this.notStreamingSince.set(standby.clientId, since);
      if (now.getTime() - since >= this.alertSeconds * 1000)
        await this.alerts.raise(
          'standby_not_streaming',
          standby.clientId,
          `the standby in zone ${standby.zone} has not streamed from its primary for ${Math.round(
            (now.getTime() - since) / 1000,
          )} s (${sample.state === 'down' ? 'it does not answer' : 'it is catching up from the archive'})`,
        );
    }
  }

  private async sample(instance: Parameters<InstanceService['adminConnection']>[0], port: number, now: Date) {
    const admin = this.instances.adminConnection(instance);
    try {
      const primary = await withAdmin(admin, async (client) => {
        const result = await client.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn');
        return result.rows[0]?.lsn ?? '0/0';
      });
      return await withAdmin({ ...admin, port }, async (client): Promise<StandbySample> => {
        const result = await client.query<{
          replay: string | null;
          replayed_at: Date | null;
          receiver: string | null;
        }>(
          `select pg_last_wal_replay_lsn()::text as replay,
                  pg_last_xact_replay_timestamp() as replayed_at,
                  (select status from pg_stat_wal_receiver limit 1) as receiver`,
        );
        const row = result.rows[0];
        const lag = lagOf(primary, row?.replay ?? null, row?.replayed_at ?? null, now);
        return {
          state: row?.receiver === 'streaming' ? 'streaming' : 'catching_up',
          ...lag,
          replayedAt: row?.replayed_at ?? null,
        };
      });
    } catch {
      return { state: 'down' as const, lagBytes: null, lagSeconds: null, replayedAt: null };
    }
  }
}
