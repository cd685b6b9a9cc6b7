import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The operating-system identity PostgreSQL runs as; undefined when the platform itself is not root. */
export interface OsUser {
  name: string;
  uid: number;
  gid: number;
}

async function lookup(name: string): Promise<OsUser | undefined> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
    return { name, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return undefined;
  }
}

/**
 * PostgreSQL refuses to run as root. When the platform runs as root (containers, CI), PostgreSQL
 * runs as an unprivileged system user instead, created here on first use.
 */
export async function ensurePgOsUser(name: string): Promise<OsUser | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const existing = await lookup(name);
  if (existing) return existing;
  try {
    await run('useradd', [
      '--system',
      '--user-group',
      '--no-create-home',
      '--shell',
      '/usr/sbin/nologin',
      name,
    ]);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(
      `PostgreSQL cannot run as root and the OS user "${name}" could not be created (${detail.trim()}). ` +
        `Create it by hand (useradd --system ${name}) or set OXYGIS_PG_OS_USER to an existing unprivileged user.`,
      { cause: error },
    );
  }
  const created = await lookup(name);
  if (!created) throw new Error(`the OS user "${name}" was created but cannot be looked up`);
  return created;
}
