import { sql } from 'kysely';
import type { BackupCatalogue } from '../backups/catalogue.service.js';
import type { BackupPolicyService } from '../backups/policy.service.js';
import type { Db } from '../db/database.js';
import type { Client } from '../tenants/client.repository.js';
import type { SlaReport } from './sla-report.types.js';

/** The hourly schedule may start a due backup up to an hour late, and it takes a while. */
const CADENCE_ALLOWANCE_HOURS = 2;
const HOUR_MS = 3_600_000;

/**
 * The backups of a client's month: base backups taken, the cadence kept (the longest stretch
 * without a finished base backup), copies on every target, what was restorable at the end.
 */
export async function backupSection(
  deps: { db: Db; catalogue: BackupCatalogue; policies: BackupPolicyService; targetNames: readonly string[] },
  client: Client,
  range: { start: Date; end: Date },
): Promise<SlaReport['backups']> {
  const { db } = deps;
  const policy = await deps.policies.get(client.id);
  const rows = await db
    .selectFrom('base_backup')
    .selectAll()
    .where('client_id', '=', client.id)
    .where('started_at', '>=', range.start)
    .where('started_at', '<', range.end)
    .orderBy('started_at')
    .execute();
  const previous = await db
    .selectFrom('base_backup')
    .select((eb) => eb.fn.max('finished_at').as('at'))
    .where('client_id', '=', client.id)
    .where('status', 'in', ['done', 'expired'])
    .where('finished_at', '<', range.start)
    .executeTakeFirst();

  // The service began when the client was created: no backup is owed before.
  const from = new Date(Math.max(range.start.getTime(), client.createdAt.getTime()));
  const finishes = [
    ...(previous?.at ? [new Date(previous.at)] : [from]),
    ...rows.flatMap((r) => (r.status !== 'failed' && r.finished_at ? [r.finished_at] : [])),
    range.end,
  ].map((d) => Math.max(d.getTime(), from.getTime()));
  const gaps = finishes.slice(1).map((t, i) => t - (finishes[i] ?? t));
  const longestGapHours = range.end > from ? Math.round((Math.max(0, ...gaps) / HOUR_MS) * 10) / 10 : null;
  const owed =
    Boolean(previous?.at) || rows.length > 0 || (longestGapHours ?? 0) > policy.baseBackupEveryHours;
  // A client younger than its cadence, without any backup yet, owes none: nothing to judge.
  const cadenceMet =
    longestGapHours === null || !owed
      ? null
      : longestGapHours <= policy.baseBackupEveryHours + CADENCE_ALLOWANCE_HOURS;

  const targets = [];
  for (const name of deps.targetNames) {
    const wal = await db
      .selectFrom('wal_segment')
      .select([
        sql<string>`count(*) filter (where ${name} = any(targets))`.as('held'),
        sql<string>`count(*) filter (where ${name} = any(missing))`.as('missing'),
      ])
      .where('client_id', '=', client.id)
      .where('archived_at', '>=', range.start)
      .where('archived_at', '<', range.end)
      .executeTakeFirstOrThrow();
    targets.push({
      name,
      baseBackupCopies: rows.filter((r) => r.targets.includes(name)).length,
      walSegments: Number(wal.held),
      walSegmentsMissing: Number(wal.missing),
    });
  }
  const window = await deps.catalogue.window(client.id, range.end);
  const copiesComplete = rows.every((r) => r.status !== 'done' || r.missing.length === 0);
  return {
    policy: {
      baseBackupEveryHours: policy.baseBackupEveryHours,
      weeklyBackupsKept: policy.weeklyBackupsKept,
      pitrDays: policy.pitrDays,
    },
    baseBackups: rows.map((r) => ({
      id: r.id,
      startedAt: r.started_at.toISOString(),
      finishedAt: r.finished_at?.toISOString() ?? null,
      status: r.status,
      targets: r.targets,
      missing: r.missing,
      verifiedAt: r.verified_at?.toISOString() ?? null,
      verifiedOk: r.verified_ok,
    })),
    cadence: { requiredHours: policy.baseBackupEveryHours, longestGapHours, met: cadenceMet },
    targets,
    recoverable: {
      earliest: window.earliest?.toISOString() ?? null,
      latest: window.latest?.toISOString() ?? null,
    },
    met:
      cadenceMet === null
        ? null
        : cadenceMet && copiesComplete && targets.every((t) => t.walSegmentsMissing === 0),
  };
}
