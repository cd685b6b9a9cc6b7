import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../shared/files.js';

const stored = z.object({ url: z.string(), token: z.string(), ca: z.string().optional() });
export type StoredCredentials = z.infer<typeof stored>;

/** Where `oxygis login` keeps its token: readable by the user only. */
export function credentialsFile(env: NodeJS.ProcessEnv): string {
  const base =
    env.OXYGIS_CONFIG_DIR ?? path.join(env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), 'oxygis');
  return path.join(base, 'credentials.json');
}

export async function readCredentials(env: NodeJS.ProcessEnv): Promise<StoredCredentials | undefined> {
  try {
    const parsed = stored.safeParse(JSON.parse(await readFile(credentialsFile(env), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export async function saveCredentials(
  env: NodeJS.ProcessEnv,
  credentials: StoredCredentials,
): Promise<string> {
  const file = credentialsFile(env);
  await writeFileAtomic(file, `${JSON.stringify(credentials, null, 2)}\n`, 0o600);
  return file;
}
