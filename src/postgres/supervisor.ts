import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../shared/logger.js';
import type { PgCluster, StartOptions } from './cluster.js';

export interface SupervisorEvents {
  /** The postmaster died without being asked to. */
  onCrash?: (info: { code: number | null; signal: NodeJS.Signals | null; at: Date }) => void;
  onRestarted?: (info: { attempts: number; at: Date }) => void;
  onGaveUp?: (error: unknown) => void;
}

/**
 * Restarts a cluster whose postmaster dies unexpectedly (crash, OOM kill, kill -9), on the same
 * port so that connection strings stay valid, with a growing pause between attempts.
 */
export function supervise(
  cluster: PgCluster,
  options: StartOptions,
  logger: Logger,
  events: SupervisorEvents = {},
  maxAttempts = 8,
): void {
  cluster.onUnexpectedExit((code, signal) => {
    logger.error(
      { dataDir: cluster.options.dataDir, code, signal },
      'PostgreSQL exited unexpectedly; restarting it',
    );
    events.onCrash?.({ code, signal, at: new Date() });
    void (async () => {
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        if (cluster.isRetired) return;
        try {
          await cluster.start(options);
          logger.warn({ dataDir: cluster.options.dataDir, attempt }, 'PostgreSQL restarted');
          events.onRestarted?.({ attempts: attempt, at: new Date() });
          return;
        } catch (error) {
          logger.error({ err: error, attempt }, 'PostgreSQL restart failed');
          if (attempt === maxAttempts) {
            events.onGaveUp?.(error);
            return;
          }
          await sleep(Math.min(30_000, 250 * 2 ** attempt));
        }
      }
    })();
  });
}
