import type { Migration, MigrationProvider } from 'kysely';
import * as identity from './0001_identity.js';
import * as access from './0002_access.js';
import * as tenants from './0003_tenants.js';
import * as wal from './0004_wal.js';
import * as baseBackups from './0005_base_backups.js';
import * as drills from './0006_restore_drills.js';
import * as restores from './0007_restores_and_retention.js';
import * as alerts from './0008_alerts.js';
import * as monitoring from './0009_monitoring.js';
import * as helpdesk from './0011_helpdesk.js';
import * as statusSubscribers from './0010_status_subscribers.js';
import * as dutyAndAttachments from './0012_duty_and_attachments.js';
import * as reports from './0013_reports.js';
import * as serviceOptions from './0014_service_options.js';
import * as standbys from './0015_standbys.js';

/** Every migration, in order. Names are permanent: add new ones at the end, never rename. */
const migrations: Record<string, Migration> = {
  '0001_identity': identity,
  '0002_access': access,
  '0003_tenants': tenants,
  '0004_wal': wal,
  '0005_base_backups': baseBackups,
  '0006_restore_drills': drills,
  '0007_restores_and_retention': restores,
  '0008_alerts': alerts,
  '0009_monitoring': monitoring,
  '0011_helpdesk': helpdesk,
  '0010_status_subscribers': statusSubscribers,
  '0012_duty_and_attachments': dutyAndAttachments,
  '0013_reports': reports,
  '0014_service_options': serviceOptions,
  '0015_standbys': standbys,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};

export const latestMigration = Object.keys(migrations).at(-1) ?? '';
