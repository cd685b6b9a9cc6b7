import path from 'node:path';
import { z } from 'zod';
import { settings, type SettingName } from './settings.js';

type Shape = { [K in SettingName]: (typeof settings)[K]['schema'] };

const shape = Object.fromEntries(
  Object.entries(settings).map(([name, setting]) => [name, setting.schema]),
) as Shape;

const configSchema = z.object(shape);

/** Settings that only make sense together; checked on the raw input so they join the other problems. */
const pairs: [SettingName, SettingName][] = [
  ['tlsCert', 'tlsKey'],
  ['bootstrapAdminEmail', 'bootstrapAdminPassword'],
];

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

function label(name: SettingName): string {
  const setting = settings[name] as (typeof settings)[SettingName] | undefined;
  return setting ? `${setting.env} (${setting.flag.split(' ')[0] ?? ''})` : 'configuration';
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
  const problems: ConfigProblem[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({
        setting: label(String(issue.path[0] ?? '') as SettingName),
        message: issue.message,
      }));
  for (const [a, b] of pairs) {
    if ((raw[a] === undefined) !== (raw[b] === undefined)) {
      problems.push({
        setting: label(raw[a] === undefined ? a : b),
        message: `give both ${settings[a].env} and ${settings[b].env}, or neither`,
      });
    }
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  return { ...parsed.data, dataDir: path.resolve(parsed.data.dataDir) };
}
