import { Command, CommanderError } from 'commander';
import { packageVersion } from '../shared/package-root.js';
import { alertCommand } from './commands/alert.js';
import { incidentCommand } from './commands/incident.js';
import { forceMajeureCommand, maintenanceCommand } from './commands/maintenance.js';
import { monitorCommand } from './commands/monitor.js';
import { slaCommand } from './commands/sla.js';
import { ticketCommand } from './commands/ticket.js';
import { dutyCommand } from './commands/duty.js';
import { reportCommand } from './commands/report.js';
import { optionCommand } from './commands/option.js';
import { standbyCommand } from './commands/standby.js';
import { auditCommand } from './commands/audit.js';
import { backupCommand } from './commands/backup.js';
import { dbCommand } from './commands/db.js';
import { loginCommand } from './commands/login.js';
import { restoreCommand } from './commands/restore.js';
import { startCommand } from './commands/start.js';
import { statusCommand } from './commands/status.js';
import { tenantCommand } from './commands/tenant.js';
import { tokenCommand } from './commands/token.js';
import { userCommand } from './commands/user.js';
import { CliError } from './errors.js';

/** Usage errors anywhere in the tree end as exit code 2, through `main`, never process.exit. */
function overrideExits(command: Command): Command {
  command.exitOverride();
  for (const sub of command.commands) overrideExits(sub);
  return command;
}

function program(): Command {
  const root = new Command('oxygis')
    .description('Oxygis Cloud: hosting under a real service level agreement')
    .version(packageVersion)
    // Options after a subcommand belong to that subcommand (`oxygis restore list X --json`).
    .enablePositionalOptions()
    .addCommand(startCommand())
    .addCommand(statusCommand())
    .addCommand(loginCommand())
    .addCommand(tenantCommand())
    .addCommand(userCommand())
    .addCommand(dbCommand())
    .addCommand(backupCommand())
    .addCommand(restoreCommand())
    .addCommand(tokenCommand())
    .addCommand(auditCommand())
    .addCommand(alertCommand())
    .addCommand(monitorCommand())
    .addCommand(slaCommand())
    .addCommand(maintenanceCommand())
    .addCommand(forceMajeureCommand())
    .addCommand(incidentCommand())
    .addCommand(ticketCommand())
    .addCommand(dutyCommand())
    .addCommand(reportCommand())
    .addCommand(optionCommand())
    .addCommand(standbyCommand());
  return overrideExits(root);
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
