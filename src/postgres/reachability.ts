import { stat } from 'node:fs/promises';
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
