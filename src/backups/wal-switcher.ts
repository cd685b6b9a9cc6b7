import type { Logger } from '../shared/logger.js';
import { withAdmin, type AdminConnection } from '../tenants/instance-admin.js';

export interface SwitchableInstance {
  clientId: string;
  connection: AdminConnection;
}

/**
 * Bounds data loss: every `intervalSeconds`, each running instance whose data changed since the
 * last look gets its current WAL segment closed (`pg_switch_wal()`), so the archiver ships it.
 * PostgreSQL's own archive_timeout is set too, but did not switch segments reliably on the
 * embedded PostgreSQL 18 builds; this does not depend on it. Idle instances are left alone.
 */
export class WalSwitcher {
  private readonly lastChanges = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly instances: () => Promise<SwitchableInstance[]>,
    private readonly intervalSeconds: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.round(), this.intervalSeconds * 1000);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async round(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (const instance of await this.instances()) {
        try {
          await this.check(instance);
        } catch (error) {
          this.logger.debug({ err: error, client: instance.clientId }, 'WAL switch check skipped');
        }
      }
    } finally {
      this.running = false;
    }
  }

  private async check(instance: SwitchableInstance): Promise<void> {
    await withAdmin(instance.connection, async (client) => {
      // Row changes in any table of the database, catalogs included (so DDL counts too).
      const changes = await client.query<{ n: string }>(
        `select coalesce(sum(tup_inserted + tup_updated + tup_deleted), 0)::text as n from pg_stat_database`,
      );
      const now = changes.rows[0]?.n ?? '0';
      const before = this.lastChanges.get(instance.clientId);
      this.lastChanges.set(instance.clientId, now);
      if (before !== undefined && before !== now) await client.query('select pg_switch_wal()');
    });
  }
}
