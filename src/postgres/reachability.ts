import { chmod, stat } from 'node:fs/promises';
import path from 'node:path';
import type { OsUser } from './os-user.js';

const EXECUTE = { owner: 0o100, group: 0o010, other: 0o001 };

/**
 * The first ancestor directory of `target` that `user` cannot traverse, or undefined when every
 * ancestor is traversable. PostgreSQL runs as that user and must reach its binaries and data.
 */
export async function firstBlockedAncestor(target: string, user: OsUser): Promise<string | undefined> {
  const parts = path.resolve(target).split(path.sep).filter(Boolean);
  let current: string = path.sep;
  for (const part of ['', ...parts]) {
    current = part === '' ? current : path.join(current, part);
    let info;
    try {
      info = await stat(current);
    } catch {
      return undefined; // not created yet: whoever creates it decides its mode
    }
    if (!info.isDirectory()) continue;
    const bit = info.uid === user.uid ? EXECUTE.owner : info.gid === user.gid ? EXECUTE.group : EXECUTE.other;
    if ((info.mode & bit) === 0) return current;
  }
  return undefined;
}

/**
 * The data directory belongs to the platform: when it was created private (mode 0700), it is
 * opened for traversal only (o+x, no listing) so the PostgreSQL user can reach its own folders.
 * Directories above the data directory are never touched.
 */
export async function letPostgresThrough(dataDir: string, target: string, osUser: OsUser): Promise<void> {
  let previous: string | undefined;
  for (;;) {
    const blocked = await firstBlockedAncestor(target, osUser);
    if (!blocked || blocked === previous || path.relative(dataDir, blocked).startsWith('..')) return;
    await chmod(blocked, ((await stat(blocked)).mode & 0o7777) | 0o001);
    previous = blocked;
  }
}
