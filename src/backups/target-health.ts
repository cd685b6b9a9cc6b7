import type { AlertService } from '../alerts/alert.service.js';
import type { Logger } from '../shared/logger.js';
import type { StorageTarget } from './targets/storage-target.js';

export interface TargetState {
  name: string;
  description: string;
  ok: boolean;
  /** What is wrong, in the target's own words (never a secret). */
  problem: string | null;
  checkedAt: Date;
}

const CHECK_TIMEOUT_MS = 10_000;

/**
 * Whether each backup target can be written to right now. Checked at start and every minute: a
 * target that fails (down, or misconfigured: wrong key, unwritable directory) opens a platform
 * alert until it answers again. Protection goes on meanwhile on the other targets.
 */
export class TargetHealth {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly targets: StorageTarget[],
    private readonly alerts: AlertService,
    private readonly logger: Logger,
  ) {}

  start(intervalSeconds = 60): void {
    void this.checkAll(true);
    this.timer = setInterval(() => void this.checkAll(true), intervalSeconds * 1000);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async checkAll(raiseAlerts = false): Promise<TargetState[]> {
    return Promise.all(
      this.targets.map(async (target) => {
        const state = await this.check(target);
        if (raiseAlerts) {
          const kind = `backup_target_unavailable:${target.name}`;
          if (state.ok) await this.alerts.resolve(kind, null).catch(() => undefined);
          else {
            this.logger.warn({ target: target.name, problem: state.problem }, 'backup target unavailable');
            await this.alerts
              .raise(kind, null, `backup target ${target.name} cannot be used: ${state.problem ?? 'unknown'}`)
              .catch(() => undefined);
          }
        }
        return state;
      }),
    );
  }

  private async check(target: StorageTarget): Promise<TargetState> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS / 1000} s`)),
        CHECK_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([target.check(), timeout]);
      return {
        name: target.name,
        description: target.describe(),
        ok: true,
        problem: null,
        checkedAt: new Date(),
      };
    } catch (error) {
      return {
        name: target.name,
        description: target.describe(),
        ok: false,
        problem: (error as Error).message,
        checkedAt: new Date(),
      };
    } finally {
      clearTimeout(timer);
    }
  }
}
