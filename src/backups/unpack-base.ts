import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { conflict } from '../server/errors.js';
import type { Logger } from '../shared/logger.js';
import { baseKey } from './base-backup.service.js';
import type { ManifestEntry } from './data-dir-tar.js';
import { openSmall, unpackBaseBackup } from './restore-files.js';
import type { StorageTarget } from './targets/storage-target.js';

export interface UnpackRequest {
  /** Emptied first; holds the data directory (with its backup_label) when done. */
  directory: string;
  clientId: string;
  backup: { id: string; targets: string[] };
  targets: StorageTarget[];
  key: Buffer;
  logger: Logger;
  /** Stored bytes read so far, for progress. */
  onBytes?: (bytes: number) => void;
}

/**
 * Lays a base backup down as a data directory ready for recovery, from the first target holding
 * an intact copy (every file checked against the manifest); a damaged or missing copy sends it to
 * the next target. Used by restores, drills and standbys alike.
 */
export async function unpackFromTargets(request: UnpackRequest): Promise<string> {
  const { directory, clientId, backup, key } = request;
  const errors: string[] = [];
  for (const target of request.targets.filter((t) => backup.targets.includes(t.name))) {
    await rm(directory, { recursive: true, force: true });
    await mkdir(directory, { recursive: true, mode: 0o700 });
    try {
      const manifest = JSON.parse(
        (
          await openSmall(await target.get(baseKey(clientId, backup.id, 'manifest.json.oxyb')), key)
        ).toString(),
      ) as { files: ManifestEntry[] };
      const data = await target.get(baseKey(clientId, backup.id, 'data.tar.oxyb'));
      await unpackBaseBackup(data, manifest.files, directory, key, (bytes) => request.onBytes?.(bytes));
      const label = await openSmall(await target.get(baseKey(clientId, backup.id, 'backup_label.oxyb')), key);
      await writeFile(path.join(directory, 'backup_label'), label, { mode: 0o600 });
      return target.name;
    } catch (error) {
      errors.push(`${target.name}: ${(error as Error).message}`);
      request.logger.error(
        { err: error, target: target.name, backupId: backup.id },
        'backup copy unusable; trying another target',
      );
    }
  }
  throw conflict(
    'backup_unavailable',
    `no intact copy of backup ${backup.id} on any target (${errors.join('; ')})`,
  );
}
