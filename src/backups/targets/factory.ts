import path from 'node:path';
import type { Config } from '../../config/config.js';
import { AzureBlobTarget } from './azure-target.js';
import { LocalTarget } from './local-target.js';
import type { StorageTarget } from './storage-target.js';

/** Target name → the option it is reserved for (see TargetSelection). */
export function reservedTargets(config: Config): Map<string, string> {
  return new Map((config.backupTargets ?? []).flatMap((t) => (t.option ? [[t.name, t.option]] : [])));
}

/** The configured targets; by default two directories standing for two zones. */
export function createTargets(config: Config): StorageTarget[] {
  const configured = config.backupTargets ?? [
    { name: 'zone-a', kind: 'local' as const, path: path.join(config.dataDir, 'backups', 'zone-a') },
    { name: 'zone-b', kind: 'local' as const, path: path.join(config.dataDir, 'backups', 'zone-b') },
  ];
  return configured.map((target) =>
    target.kind === 'local'
      ? new LocalTarget(target.name, path.resolve(target.path))
      : new AzureBlobTarget(target),
  );
}
