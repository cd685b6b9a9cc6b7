import { Gauge, type Registry } from 'prom-client';
import type { Db } from '../db/database.js';
import type { WalService } from './wal.service.js';

/** Archive lag per client (age of the newest WAL stored on every target), for Prometheus alerts. */
export function registerBackupMetrics(registry: Registry, db: Db, wal: WalService): void {
  new Gauge({
    name: 'oxygis_wal_archive_lag_seconds',
    help: 'Seconds since the newest WAL segment of the client was stored on every backup target',
    labelNames: ['client'],
    registers: [registry],
    async collect() {
      this.reset();
      const clients = await db
        .selectFrom('client')
        .select(['id', 'slug'])
        .where('status', '=', 'active')
        .execute();
      for (const client of clients) {
        const status = await wal.status(client.id);
        if (status.lagSeconds !== null) this.set({ client: client.slug }, status.lagSeconds);
      }
    },
  });
  new Gauge({
    name: 'oxygis_wal_segments_missing_copies',
    help: 'WAL segments that some backup target still lacks (caught up when the target returns)',
    labelNames: ['client'],
    registers: [registry],
    async collect() {
      this.reset();
      const clients = await db.selectFrom('client').select(['id', 'slug']).execute();
      for (const client of clients)
        this.set({ client: client.slug }, (await wal.status(client.id)).segmentsMissingCopies);
    },
  });
}
