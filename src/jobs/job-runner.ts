import PgBoss from 'pg-boss';
import type { Logger } from '../shared/logger.js';

export interface ScheduledJob {
  /** Stable queue name, `domain.action`. */
  name: string;
  /** Cron expression (UTC). */
  cron: string;
  /** Idempotent: may run again after a crash or a retry. */
  run: () => Promise<void>;
}

/**
 * Background and scheduled work on pg-boss, in the control-plane database: durable, retried, and
 * one runner per job even with several platform nodes.
 */
export class JobRunner {
  private readonly boss: PgBoss;
  private running = false;
  private readonly known = new Set<string>();

  constructor(
    connectionString: string,
    private readonly logger: Logger,
  ) {
    this.boss = new PgBoss({ connectionString, schema: 'pgboss', max: 5 });
    this.boss.on('error', (error) => this.logger.error({ err: error }, 'job runner error'));
  }

  get isRunning(): boolean {
    return this.running;
  }

  async start(jobs: ScheduledJob[]): Promise<void> {
    await this.boss.start();
    for (const job of jobs) {
      this.known.add(job.name);
      await this.boss.createQueue(job.name, { name: job.name, retryLimit: 3, retryBackoff: true });
      await this.boss.schedule(job.name, job.cron);
      await this.boss.work(job.name, async () => {
        await job.run();
      });
    }
    this.running = true;
  }

  /** Names of the scheduled jobs, for `POST /api/jobs/:name/run`. */
  get names(): string[] {
    return [...this.known];
  }

  /** Queues a scheduled job to run now (the same worker runs it, on one node only). */
  async runNow(name: string): Promise<string | null> {
    return this.boss.send(name, {});
  }

  /** Stops taking new jobs and waits for those in progress, up to `timeoutMs`. */
  async stop(timeoutMs: number): Promise<void> {
    if (!this.running) return;
    this.running = false;
    await this.boss.stop({ graceful: true, wait: true, timeout: timeoutMs });
  }
}
