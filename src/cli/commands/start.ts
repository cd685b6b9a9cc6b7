import { Command, Option } from 'commander';
import { ConfigError, loadConfig, type ConfigFlags } from '../../config/config.js';
import { settings, type SettingName } from '../../config/settings.js';
import { startPlatform } from '../../platform/platform.js';
import { createLogger } from '../../shared/logger.js';
import { CliError } from '../errors.js';

function optionKey(flag: string): string {
  const long = flag.split(' ')[0]?.replace(/^--/, '') ?? '';
  return long.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}

export function startCommand(): Command {
  const command = new Command('start').description(
    'start the platform: control-plane database, job runner, HTTPS API and console',
  );
  for (const [, setting] of Object.entries(settings)) {
    command.addOption(new Option(setting.flag, `${setting.description} [env ${setting.env}]`));
  }
  command.addHelpText('after', '\nEvery option can also be set by its environment variable; flags win.');
  command.action(async (options: Record<string, string | undefined>) => {
    const flags: ConfigFlags = {};
    for (const [name, setting] of Object.entries(settings)) {
      const value = options[optionKey(setting.flag)];
      if (value !== undefined) flags[name as SettingName] = value;
    }
    let config;
    try {
      config = loadConfig(process.env, flags);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      const lines = error.problems.map((p) => `  ${p.setting}: ${p.message}`);
      throw new CliError(`the configuration is not valid:\n${lines.join('\n')}\nSee: oxygis start --help`, 2);
    }
    const logger = createLogger(config.logLevel);
    const platform = await startPlatform(config, logger);
    process.stdout.write(platform.banner);

    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) {
        process.stderr.write(`\n${signal} again: exiting without waiting\n`);
        process.exit(130);
      }
      stopping = true;
      process.stderr.write(`\n${signal}: stopping (finishing requests and jobs, then the database)…\n`);
      platform.stop().then(
        () => {
          process.stderr.write('stopped.\n');
          process.exit(0);
        },
        (error: unknown) => {
          logger.error({ err: error }, 'stop failed');
          process.exit(1);
        },
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return command;
}
