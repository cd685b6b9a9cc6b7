import { Command, CommanderError } from 'commander';
import { packageVersion } from '../shared/package-root.js';
import { loginCommand } from './commands/login.js';
import { startCommand } from './commands/start.js';
import { statusCommand } from './commands/status.js';
import { CliError } from './errors.js';

function program(): Command {
  return new Command('oxygis')
    .description('Oxygis Cloud: hosting under a real service level agreement')
    .version(packageVersion)
    .exitOverride()
    .addCommand(startCommand())
    .addCommand(statusCommand())
    .addCommand(loginCommand());
}

/** Runs the CLI; every failure is one clear line on stderr and an exit code, never a stack trace. */
export async function main(argv: string[]): Promise<void> {
  try {
    await program().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`oxygis: ${message}\n`);
    process.exitCode = error instanceof CliError ? error.exitCode : 1;
    if (process.env.OXYGIS_DEBUG && error instanceof Error) process.stderr.write(`${error.stack ?? ''}\n`);
  }
}
