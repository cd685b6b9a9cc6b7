import path from 'node:path';
import { resolveCa, type ApiTarget } from './api-client.js';
import { readCredentials } from './credentials.js';
import { CliError } from './errors.js';

export interface TargetOptions {
  url?: string;
  ca?: string;
}

/** URL, token and trusted CA of the platform the CLI talks to: flags, then env, then `oxygis login`. */
export async function resolveTarget(
  options: TargetOptions,
  env: NodeJS.ProcessEnv,
  needToken: boolean,
): Promise<ApiTarget> {
  const saved = await readCredentials(env);
  const url = options.url ?? env.OXYGIS_URL ?? saved?.url ?? 'https://localhost:8443';
  try {
    new URL(url);
  } catch {
    throw new CliError(`"${url}" is not a URL; give one like https://localhost:8443`, 2);
  }
  const token = env.OXYGIS_TOKEN ?? (saved?.url === url ? saved.token : undefined);
  if (needToken && !token) {
    throw new CliError(`not signed in to ${url}: run \`oxygis login --url ${url}\` or set OXYGIS_TOKEN`, 1);
  }
  const dataDir = path.resolve(env.OXYGIS_DATA_DIR ?? './data');
  const ca = resolveCa(url, options.ca ?? (saved?.url === url ? saved.ca : undefined), dataDir);
  return { url, token, ca };
}
