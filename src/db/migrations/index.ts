import type { Migration, MigrationProvider } from 'kysely';
import * as identity from './0001_identity.js';

/** Every migration, in order. Names are permanent: add new ones at the end, never rename. */
const migrations: Record<string, Migration> = {
  '0001_identity': identity,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};

export const latestMigration = Object.keys(migrations).at(-1) ?? '';
