import type { Logger } from '../shared/logger.js';
import { withAdmin, type AdminConnection } from '../tenants/instance-admin.js';
import { segmentInfo } from './wal-names.js';

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
    /**
     * Told each time an instance is seen with nothing left to archive: no row changed since
     * the last look and every finished segment archived. Archive lag is measured from there,
     * so an idle client does not look exposed.
     */
    private readonly onFullyArchived: (clientId: string, at: Date) => void = () => undefined,
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
      // Row changes in any table of the database, catalogs included (so DDL counts too), and
      // whether the segment before the current one has been archived.
      const seen = await client.query<{ n: string; current: string; archived: string | null }>(
        `select coalesce(sum(tup_inserted + tup_updated + tup_deleted), 0)::text as n,
                pg_walfile_name(pg_current_wal_lsn()) as current,
                (select last_archived_wal from pg_stat_archiver) as archived
         from pg_stat_database`,
      );
      const row = seen.rows[0];
      const now = row?.n ?? '0';
      const before = this.lastChanges.get(instance.clientId);
      this.lastChanges.set(instance.clientId, now);
      if (before !== undefined && before !== now) {
        await client.query('select pg_switch_wal()');
        return;
      }
      const current = row?.current ? segmentInfo(row.current)?.segno : undefined;
      const archived = row?.archived ? segmentInfo(row.archived)?.segno : undefined;
      if (before !== undefined && current !== undefined && archived !== undefined && archived >= current - 1n)
        this.onFullyArchived(instance.clientId, new Date());
    });
  }
}
