import type { Db } from '../db/database.js';
import { assertOperator, type Actor } from '../identity/access.js';
import { auditRepository } from '../identity/audit.repository.js';
import type { RetentionPolicy } from './retention.js';

export interface BackupPolicy extends RetentionPolicy {
  /** Hours between scheduled base backups (168 = weekly, the agreement's default). */
  baseBackupEveryHours: number;
  /** False while the client follows the platform defaults. */
  custom: boolean;
}

export type BackupPolicyChange = Partial<Omit<BackupPolicy, 'custom'>>;

/**
 * Each client's backup cadence and retention: the platform defaults (settings) unless the client
 * has its own, e.g. through the "specific backups" option. Only operators change it; audited.
 */
export class BackupPolicyService {
  constructor(
    private readonly db: Db,
    private readonly defaults: Omit<BackupPolicy, 'custom'>,
  ) {}

  /** What a client without its own policy follows. */
  platformDefaults(): Omit<BackupPolicy, 'custom'> {
    return { ...this.defaults };
  }

  async get(clientId: string): Promise<BackupPolicy> {
    const row = await this.db
      .selectFrom('backup_policy')
      .selectAll()
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    if (!row) return { ...this.defaults, custom: false };
    return {
      baseBackupEveryHours: row.base_backup_every_hours,
      weeklyBackupsKept: row.weekly_backups_kept,
      pitrDays: row.pitr_days,
      custom: true,
    };
  }

  async set(actor: Actor, clientId: string, change: BackupPolicyChange): Promise<BackupPolicy> {
    assertOperator(actor.account);
    const current = await this.get(clientId);
    const next = {
      base_backup_every_hours: change.baseBackupEveryHours ?? current.baseBackupEveryHours,
      weekly_backups_kept: change.weeklyBackupsKept ?? current.weeklyBackupsKept,
      pitr_days: change.pitrDays ?? current.pitrDays,
    };
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('backup_policy')
        .values({ client_id: clientId, ...next })
        .onConflict((oc) => oc.column('client_id').doUpdateSet({ ...next, updated_at: new Date() }))
        .execute();
      await auditRepository.append(trx, {
        actorAccountId: actor.account.id,
        actorEmail: actor.account.email,
        clientId,
        action: 'backup.policy_changed',
        ip: actor.ip,
        detail: { before: current, after: next },
      });
    });
    return this.get(clientId);
  }

  /** Back to the platform defaults. */
  async reset(actor: Actor, clientId: string): Promise<BackupPolicy> {
    assertOperator(actor.account);
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('backup_policy').where('client_id', '=', clientId).execute();
      await auditRepository.append(trx, {
        actorAccountId: actor.account.id,
        actorEmail: actor.account.email,
        clientId,
        action: 'backup.policy_reset',
        ip: actor.ip,
      });
    });
    return this.get(clientId);
  }
}
