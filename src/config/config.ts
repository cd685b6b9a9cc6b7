import path from 'node:path';
import { z } from 'zod';
import { settings, type SettingName } from './settings.js';

type Shape = { [K in SettingName]: (typeof settings)[K]['schema'] };

const shape = Object.fromEntries(
  Object.entries(settings).map(([name, setting]) => [name, setting.schema]),
) as Shape;

const configSchema = z
  .object(shape)
  .refine((c) => (c.tlsCert === undefined) === (c.tlsKey === undefined), {
    message: 'give both OXYGIS_TLS_CERT and OXYGIS_TLS_KEY, or neither',
    path: ['tlsCert'],
  })
  .refine((c) => (c.bootstrapAdminEmail === undefined) === (c.bootstrapAdminPassword === undefined), {
    message: 'give both OXYGIS_BOOTSTRAP_ADMIN_EMAIL and OXYGIS_BOOTSTRAP_ADMIN_PASSWORD, or neither',
    path: ['bootstrapAdminEmail'],
  });

export type Config = z.infer<typeof configSchema>;

export interface ConfigProblem {
  setting: string;
  message: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(problems.map((p) => `${p.setting}: ${p.message}`).join('\n'));
    this.name = 'ConfigError';
  }
}

/** Flags given on the command line, by setting name; they win over the environment. */
export type ConfigFlags = Partial<Record<SettingName, string>>;

/**
 * Reads every setting from the flags and the environment, validates all of them at once and
 * reports every bad one (never only the first).
 */
export function loadConfig(env: NodeJS.ProcessEnv, flags: ConfigFlags = {}): Config {
  const raw: Record<string, string | undefined> = {};
  for (const [name, setting] of Object.entries(settings)) {
    const fromFlag = flags[name as SettingName];
    const fromEnv = env[setting.env];
    raw[name] = fromFlag ?? (fromEnv === '' ? undefined : fromEnv);
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? '');
        const setting = settings[name as SettingName] as (typeof settings)[SettingName] | undefined;
        const label = setting ? `${setting.env} (${setting.flag.split(' ')[0] ?? ''})` : 'configuration';
        return { setting: label, message: issue.message };
      }),
    );
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.dataDir) };
}
