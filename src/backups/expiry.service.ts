import type { Db } from '../db/database.js';
import type { Logger } from '../shared/logger.js';
import { baseKey } from './base-backup.service.js';
import type { BackupCatalogue } from './catalogue.service.js';
import { walNeeded } from './retention.js';
import type { StorageTarget } from './targets/storage-target.js';
import { walKey } from './wal.service.js';

export interface ExpiryResult {
  backupsExpired: number;
  walFilesRemoved: number;
}

/**
 * Carries out the retention rules (retention.ts) on every target: expired base backups and the
 * WAL no kept backup needs are deleted everywhere, then marked in the catalogue — in that order,
 * so a crash in between only means deleting again next time. Objects of failed backups go too.
 */
export class ExpiryService {
  constructor(
    private readonly db: Db,
    private readonly catalogue: BackupCatalogue,
    private readonly targets: StorageTarget[],
    private readonly logger: Logger,
  ) {}

  async runAll(now = new Date()): Promise<ExpiryResult> {
    const clients = await this.db.selectFrom('client').select('id').execute();
    const total: ExpiryResult = { backupsExpired: 0, walFilesRemoved: 0 };
    for (const client of clients) {
      try {
        const result = await this.run(client.id, now);
        total.backupsExpired += result.backupsExpired;
        total.walFilesRemoved += result.walFilesRemoved;
      } catch (error) {
        // A target that is down: nothing is marked, so the next run deletes what is left.
        this.logger.warn({ err: error, clientId: client.id }, 'backup expiry incomplete; retried next run');
      }
    }
    return total;
  }

  async run(clientId: string, now = new Date()): Promise<ExpiryResult> {
    const decision = await this.catalogue.decision(clientId, now);
    for (const backupId of decision.expire) {
      await this.deleteBackupObjects(clientId, backupId);
      await this.db
        .updateTable('base_backup')
        .set({ status: 'expired', expired_at: now })
        .where('id', '=', backupId)
        .execute();
    }
    const failed = await this.db
      .selectFrom('base_backup')
      .select('id')
      .where('client_id', '=', clientId)
      .where('status', '=', 'failed')
      .where('expired_at', 'is', null)
      .execute();
    for (const backup of failed) {
      await this.deleteBackupObjects(clientId, backup.id);
      await this.db.updateTable('base_backup').set({ expired_at: now }).where('id', '=', backup.id).execute();
    }

    // WAL: only once a complete backup exists, and never while one is being taken (it needs the
    // WAL from its start, which the catalogue does not know yet).
    const running = await this.db
      .selectFrom('base_backup')
      .select('id')
      .where('client_id', '=', clientId)
      .where('status', '=', 'running')
      .executeTakeFirst();
    let walFilesRemoved = 0;
    if (decision.windowBase && !running) {
      const segments = await this.db
        .selectFrom('wal_segment')
        .select('name')
        .where('client_id', '=', clientId)
        .execute();
      for (const { name } of segments.filter((s) => !walNeeded(s.name, decision))) {
        for (const target of this.targets) await target.delete(walKey(clientId, name));
        await this.db
          .deleteFrom('wal_segment')
          .where('client_id', '=', clientId)
          .where('name', '=', name)
          .execute();
        walFilesRemoved++;
      }
    }
    if (decision.expire.length > 0 || walFilesRemoved > 0)
      this.logger.info(
        { clientId, backupsExpired: decision.expire.length, walFilesRemoved },
        'expired backups removed from every target',
      );
    return { backupsExpired: decision.expire.length, walFilesRemoved };
  }

  private async deleteBackupObjects(clientId: string, backupId: string): Promise<void> {
    const prefix = baseKey(clientId, backupId, '');
    for (const target of this.targets) {
      const keys: string[] = [];
      for await (const object of target.list(prefix)) keys.push(object.key);
      for (const key of keys) await target.delete(key);
    }
  }
}
