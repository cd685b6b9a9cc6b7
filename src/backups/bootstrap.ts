import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../config/config.js';
import type { Db } from '../db/database.js';
import type { Logger } from '../shared/logger.js';
import { archiveCommand, installArchiveScript } from './archive-script.js';
import { BackupKeys } from './keys.js';
import { TargetSelection } from './target-selection.js';
import { createTargets, reservedTargets } from './targets/factory.js';
import type { StorageTarget } from './targets/storage-target.js';
import { WalService } from './wal.service.js';

export interface Backups {
  targets: StorageTarget[];
  /** Which of the targets receive each client's backups (options reserve some). */
  selection: TargetSelection;
  keys: BackupKeys;
  wal: WalService;
  socket: string;
  script: string;
  /** The lines of oxygis-archive.conf for one instance. */
  archiveSettings(key: string, home: string): string;
}

/** Unix socket paths are limited to ~107 bytes: deep data directories use the temp directory. */
function socketPath(dataDir: string): string {
  const preferred = path.join(dataDir, 'run', 'archive.sock');
  if (preferred.length < 100) return preferred;
  return path.join(
    os.tmpdir(),
    `oxygis-${createHash('sha256').update(dataDir).digest('hex').slice(0, 12)}.sock`,
  );
}

export async function createBackups(options: {
  config: Config;
  db: Db;
  platformKey: Buffer;
  logger: Logger;
}): Promise<Backups> {
  const { config, db, logger } = options;
  const targets = createTargets(config);
  const selection = new TargetSelection(targets, reservedTargets(config));
  const keys = new BackupKeys(path.join(config.dataDir, 'secrets'), options.platformKey);
  const socket = socketPath(config.dataDir);
  await mkdir(path.dirname(socket), { recursive: true, mode: 0o755 });
  const script = await installArchiveScript(path.join(config.dataDir, 'instances', '.bin'));
  return {
    targets,
    selection,
    keys,
    wal: new WalService(db, selection, keys, logger),
    socket,
    script,
    archiveSettings: (_key, home) =>
      [
        '# Managed by Oxygis Cloud: continuous WAL archiving to the platform.',
        `archive_command = '${archiveCommand(process.execPath, script, socket, home).replaceAll("'", "''")}'`,
        `archive_timeout = ${config.archiveTimeoutSeconds}`,
        '',
      ].join('\n'),
  };
}
