import type { Db } from '../db/database.js';
import type { BackupPolicyService } from './policy.service.js';
import { decideRetention, type CatalogueBackup, type RetentionDecision } from './retention.js';

export interface RecoverableWindow {
  /** Every instant from `earliest` to `latest` can be restored (null: nothing to restore yet). */
  earliest: Date | null;
  latest: Date | null;
  /** Older weekly backups, each restorable to the instant it ended. */
  weeklyPoints: { backupId: string; at: Date }[];
}

/** What a client's backups can restore, read from the catalogue under the client's policy. */
export class BackupCatalogue {
  constructor(
    private readonly db: Db,
    private readonly policies: BackupPolicyService,
  ) {}

  /** The client's complete base backups, as the retention rules see them. */
  async completeBackups(clientId: string): Promise<CatalogueBackup[]> {
    const rows = await this.db
      .selectFrom('base_backup')
      .select(['id', 'finished_at', 'start_lsn', 'stop_lsn'])
      .where('client_id', '=', clientId)
      .where('status', '=', 'done')
      .execute();
    return rows.flatMap((r) =>
      r.finished_at && r.start_lsn && r.stop_lsn
        ? [{ id: r.id, finishedAt: r.finished_at, startLsn: r.start_lsn, stopLsn: r.stop_lsn }]
        : [],
    );
  }

  async decision(clientId: string, now = new Date()): Promise<RetentionDecision> {
    const policy = await this.policies.get(clientId);
    return decideRetention(await this.completeBackups(clientId), policy, now);
  }

  async window(clientId: string, now = new Date()): Promise<RecoverableWindow> {
    const backups = await this.completeBackups(clientId);
    const decision = decideRetention(backups, await this.policies.get(clientId), now);
    if (!decision.windowBase) return { earliest: null, latest: null, weeklyPoints: [] };
    const newest = await this.db
      .selectFrom('wal_segment')
      .select((eb) => eb.fn.max('archived_at').as('at'))
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    const earliest = decision.windowBase.finishedAt;
    const latestArchived = newest?.at ? new Date(newest.at) : null;
    const latestBackup = backups.reduce((a, b) => (a.finishedAt > b.finishedAt ? a : b)).finishedAt;
    const latest = latestArchived && latestArchived > latestBackup ? latestArchived : latestBackup;
    const weeklyPoints = backups
      .filter((b) => decision.keep.includes(b.id) && b.finishedAt < earliest)
      .sort((a, b) => b.finishedAt.getTime() - a.finishedAt.getTime())
      .map((b) => ({ backupId: b.id, at: b.finishedAt }));
    return { earliest, latest, weeklyPoints };
  }
}
