import type { Db } from '../db/database.js';
import type { RestoreRunTable } from '../db/schema.js';

export type RestorePhase = 'downloading' | 'replaying' | 'switching' | 'done' | 'failed';

export interface RestoreRun {
  id: string;
  mode: 'switch' | 'in_place';
  status: 'running' | 'done' | 'failed';
  phase: RestorePhase;
  targetTime: Date | null;
  baseBackupId: string | null;
  bytesDone: number;
  bytesTotal: number | null;
  startedAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
  durationMs: number | null;
  recoveredUpTo: Date | null;
  previousDataDir: string | null;
  previousKeptUntil: Date | null;
  previousRemovedAt: Date | null;
  error: string | null;
}

const columns = [
  'id',
  'mode',
  'status',
  'phase',
  'target_time as targetTime',
  'base_backup_id as baseBackupId',
  'bytes_done as bytesDone',
  'bytes_total as bytesTotal',
  'started_at as startedAt',
  'updated_at as updatedAt',
  'finished_at as finishedAt',
  'duration_ms as durationMs',
  'recovered_up_to as recoveredUpTo',
  'previous_data_dir as previousDataDir',
  'previous_kept_until as previousKeptUntil',
  'previous_removed_at as previousRemovedAt',
  'error',
] as const;

type Row = Awaited<ReturnType<ReturnType<typeof select>['executeTakeFirstOrThrow']>>;
const select = (db: Db) => db.selectFrom('restore_run').select(columns);
const toRun = (row: Row): RestoreRun => ({
  ...row,
  phase: row.phase as RestorePhase,
  bytesDone: Number(row.bytesDone),
  bytesTotal: row.bytesTotal === null ? null : Number(row.bytesTotal),
});

type Update = Partial<
  Pick<
    RestoreRunTable,
    | 'status'
    | 'phase'
    | 'base_backup_id'
    | 'recovered_up_to'
    | 'finished_at'
    | 'duration_ms'
    | 'previous_data_dir'
    | 'previous_kept_until'
    | 'previous_removed_at'
    | 'error'
  > & { bytes_done: number; bytes_total: number }
>;

export const restoreRunRepository = {
  /** Null when another restore of the client is running (one at a time, enforced by an index). */
  async start(
    db: Db,
    row: {
      clientId: string;
      requestedBy: string | null;
      mode: 'switch' | 'in_place';
      targetTime: Date | null;
    },
  ): Promise<RestoreRun | null> {
    const inserted = await db
      .insertInto('restore_run')
      .values({
        client_id: row.clientId,
        requested_by: row.requestedBy,
        mode: row.mode,
        target_time: row.targetTime,
        status: 'running',
        phase: 'downloading',
      })
      .onConflict((oc) => oc.column('client_id').where('status', '=', 'running').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return null;
    return toRun(await select(db).where('id', '=', inserted.id).executeTakeFirstOrThrow());
  },

  async update(db: Db, id: string, change: Update): Promise<void> {
    await db
      .updateTable('restore_run')
      .set({ ...change, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
  },

  async find(db: Db, clientId: string, id: string): Promise<RestoreRun | undefined> {
    const row = await select(db).where('client_id', '=', clientId).where('id', '=', id).executeTakeFirst();
    return row && toRun(row);
  },

  async list(db: Db, clientId: string): Promise<RestoreRun[]> {
    const rows = await select(db)
      .where('client_id', '=', clientId)
      .orderBy('started_at', 'desc')
      .limit(50)
      .execute();
    return rows.map(toRun);
  },

  /** Runs cut short by a stop or a crash, with where their client's data lives. */
  interrupted(db: Db) {
    return db
      .selectFrom('restore_run')
      .innerJoin('instance', 'instance.client_id', 'restore_run.client_id')
      .select([
        'restore_run.id',
        'restore_run.client_id as clientId',
        'restore_run.phase',
        'restore_run.mode',
      ])
      .select(['instance.data_dir as dataDir', 'restore_run.started_at as startedAt'])
      .where('restore_run.status', '=', 'running')
      .execute();
  },

  /** Replaced data directories whose keeping time is over and that are still on disk. */
  previousDue(db: Db, now: Date) {
    return db
      .selectFrom('restore_run')
      .select(['id', 'client_id as clientId', 'previous_data_dir as previousDataDir'])
      .where('previous_data_dir', 'is not', null)
      .where('previous_removed_at', 'is', null)
      .where('previous_kept_until', '<=', now)
      .execute();
  },
};
