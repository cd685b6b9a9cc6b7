import type { Notifier } from '../alerts/notifier.js';
import type { Logger } from '../shared/logger.js';
import type { MaintenanceService } from './maintenance.service.js';

/**
 * Tells whoever is on duty (and, through `also`, the status page's subscribers) when a
 * maintenance window starts and when it ends. Checked every minute; a window that began or
 * ended while the platform was stopped is not announced late.
 */
export class MaintenanceNotices {
  private timer: NodeJS.Timeout | undefined;
  private last = Date.now();

  constructor(
    private readonly maintenance: MaintenanceService,
    private readonly notifier: Notifier,
    private readonly logger: Logger,
    private readonly also: (subject: string, text: string) => Promise<void> = () => Promise.resolve(),
  ) {}

  start(everyMs = 60_000): void {
    this.timer = setInterval(() => void this.check(), everyMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async check(now = Date.now()): Promise<number> {
    const since = this.last;
    this.last = now;
    let sent = 0;
    try {
      const windows = await this.maintenance.occurrences({ start: since - 7 * 86_400_000, end: now + 1 });
      for (const w of windows) {
        const scope =
          w.scope.kind === 'platform'
            ? 'the whole platform'
            : w.scope.kind === 'client'
              ? 'one client'
              : 'one monitor';
        const reason = w.reason;
        for (const [edge, at] of [
          ['started', w.start],
          ['ended', w.end],
        ] as const) {
          if (at <= since || at > now) continue;
          const subject = `[Oxygis maintenance] ${edge} (${scope}): ${reason}`;
          const text = `Planned maintenance for ${scope} ${edge} at ${new Date(at).toISOString()}: ${reason}.`;
          await this.notifier.notify({
            subject,
            text,
            event: { type: `maintenance.${edge}`, at: new Date(at).toISOString(), scope: w.scope },
          });
          if (w.scope.kind === 'platform') await this.also(subject, text);
          sent++;
        }
      }
    } catch (error) {
      this.logger.error({ err: error }, 'maintenance notices failed');
    }
    return sent;
  }
}
