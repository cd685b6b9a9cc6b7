import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Logger } from '../shared/logger.js';
import { latestMigration, migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

/** A `date` column is a calendar day, read as `YYYY-MM-DD` (never a midnight in some zone). */
const types = new pg.TypeOverrides();
types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

export function connectDatabase(url: string): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: 20,
    idleTimeoutMillis: 30_000,
    types,
  });
  // A dropped idle connection must not crash the platform; the pool replaces it.
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** Runs pending migrations; Kysely's migrator locks, so concurrent starts apply each one once. */
export async function migrate(db: Db, logger: Logger): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  for (const result of results ?? []) {
    if (result.status === 'Success') logger.info({ migration: result.migrationName }, 'migration applied');
    if (result.status === 'Error') logger.error({ migration: result.migrationName }, 'migration failed');
  }
  if (error) throw error instanceof Error ? error : new Error('a migration failed; see the log above');
}

export interface DatabaseHealth {
  reachable: boolean;
  migrated: boolean;
}

export async function checkDatabase(db: Db): Promise<DatabaseHealth> {
  try {
    const rows = await sql<{ name: string }>`
      select name from kysely_migration where name = ${latestMigration}`.execute(db);
    return { reachable: true, migrated: rows.rows.length === 1 };
  } catch {
    return { reachable: false, migrated: false };
  }
}
