import { sql } from 'kysely';
import type { Db } from '../db/database.js';

export interface WalRecord {
  clientId: string;
  name: string;
  archivedAt: Date;
  storedSha256: string;
  targets: string[];
  missing: string[];
}

export const walRepository = {
  /** Idempotent: PostgreSQL may archive the same segment again after a crash. */
  async record(
    db: Db,
    row: {
      clientId: string;
      name: string;
      plainBytes: number;
      storedBytes: number;
      plainSha256: string;
      storedSha256: string;
      targets: string[];
      missing: string[];
    },
  ): Promise<void> {
    const complete = row.missing.length === 0 ? new Date() : null;
    await db
      .insertInto('wal_segment')
      .values({
        client_id: row.clientId,
        name: row.name,
        plain_bytes: row.plainBytes,
        stored_bytes: row.storedBytes,
        plain_sha256: row.plainSha256,
        stored_sha256: row.storedSha256,
        targets: row.targets,
        missing: row.missing,
        complete_at: complete,
      })
      .onConflict((oc) =>
        oc.columns(['client_id', 'name']).doUpdateSet({
          archived_at: new Date(),
          plain_bytes: row.plainBytes,
          stored_bytes: row.storedBytes,
          plain_sha256: row.plainSha256,
          stored_sha256: row.storedSha256,
          targets: row.targets,
          missing: row.missing,
          complete_at: complete,
        }),
      )
      .execute();
  },

  incomplete(db: Db, limit = 100): Promise<WalRecord[]> {
    return db
      .selectFrom('wal_segment')
      .select([
        'client_id as clientId',
        'name',
        'archived_at as archivedAt',
        'stored_sha256 as storedSha256',
        'targets',
        'missing',
      ])
      .where(sql<boolean>`cardinality(missing) > 0`)
      .orderBy('archived_at')
      .limit(limit)
      .execute();
  },

  async caughtUp(db: Db, clientId: string, name: string, target: string): Promise<void> {
    await sql`
      update wal_segment
      set targets = array_append(targets, ${target}),
          missing = array_remove(missing, ${target}),
          complete_at = case when cardinality(array_remove(missing, ${target})) = 0 then now() else null end
      where client_id = ${clientId} and name = ${name}`.execute(db);
  },

  /** When the oldest segment still missing a copy on some target was archived (null: none). */
  async oldestMissingSince(db: Db, clientId: string): Promise<{ since: Date; targets: string[] } | null> {
    const row = await db
      .selectFrom('wal_segment')
      .select(['archived_at', 'missing'])
      .where('client_id', '=', clientId)
      .where(sql<boolean>`cardinality(missing) > 0`)
      .orderBy('archived_at')
      .limit(1)
      .executeTakeFirst();
    return row ? { since: row.archived_at, targets: row.missing } : null;
  },

  /** The newest segment on every target, and the count of segments still missing a copy. */
  async status(db: Db, clientId: string) {
    const latest = await db
      .selectFrom('wal_segment')
      .select(['name', 'complete_at as completeAt', 'archived_at as archivedAt'])
      .where('client_id', '=', clientId)
      .orderBy('archived_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    const latestComplete = await db
      .selectFrom('wal_segment')
      .select(['name', 'complete_at as completeAt'])
      .where('client_id', '=', clientId)
      .where('complete_at', 'is not', null)
      .orderBy('complete_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    const missing = await db
      .selectFrom('wal_segment')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('client_id', '=', clientId)
      .where(sql<boolean>`cardinality(missing) > 0`)
      .executeTakeFirst();
    const perTarget = await sql<{ target: string; n: string }>`
      select t.target, count(*)::text as n
      from wal_segment, unnest(missing) as t(target)
      where client_id = ${clientId}
      group by t.target`.execute(db);
    return {
      latest,
      latestComplete,
      segmentsMissingCopies: Number(missing?.n ?? 0),
      missingByTarget: Object.fromEntries(perTarget.rows.map((r) => [r.target, Number(r.n)])),
    };
  },
};
