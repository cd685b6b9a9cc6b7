import { Command } from 'commander';
import { callApi } from '../api-client.js';
import { CliError } from '../errors.js';
import { followRestore, type RestoreRunView } from '../follow-restore.js';
import { print } from '../output.js';
import { ask } from '../prompt.js';
import { apiCommand, signedInTarget, table, type CommonOptions } from './common.js';

interface StartOptions extends CommonOptions {
  to?: string;
  latest?: boolean;
  backup?: string;
  inPlace?: boolean;
  yes?: boolean;
  wait: boolean;
}

const restoresPath = (client: string) => `/api/clients/${encodeURIComponent(client)}/restores`;

function summary(client: string, r: RestoreRunView): string {
  if (r.status === 'running') return `Restore ${r.id} of ${client} is running (${r.phase}).`;
  if (r.status === 'failed') return `Restore ${r.id} of ${client} failed: ${r.error ?? 'unknown error'}`;
  return [
    `Restored ${client} from base backup ${r.baseBackupId ?? '-'} ${r.targetTime ? `to ${r.targetTime}` : 'to its latest state'} in ${((r.durationMs ?? 0) / 1000).toFixed(1)} s` +
      (r.recoveredUpTo ? ` (last transaction ${r.recoveredUpTo}).` : '.'),
    'Host, port, database and credentials are unchanged.',
    r.previousDataDir
      ? `The replaced data is kept in ${r.previousDataDir} until ${r.previousKeptUntil ?? '-'}; keep the restore with: oxygis restore confirm ${client} ${r.id}`
      : r.mode === 'in_place'
        ? 'Restored in place: the replaced data was not kept.'
        : 'There was no previous data directory to keep.',
  ].join('\n');
}

export function restoreCommand(): Command {
  const restore = apiCommand(
    'restore',
    "restore a client's database to an instant, a base backup or its latest state; connection details stay the same",
  )
    .argument('[client]', 'client slug')
    .option('--to <iso>', 'recover up to this instant (ISO-8601, e.g. 2026-11-29T10:15:00Z)')
    .option('--latest', 'recover everything that was archived')
    .option('--backup <id>', 'restore this base backup as it was when it ended (older weekly backups)')
    .option(
      '--in-place',
      'replace the data in place: the database stops at once and its current data is not kept',
    )
    .option('--yes', 'do not ask for confirmation (in place)')
    .option('--no-wait', 'start the restore and print it without following its progress')
    // `restore list|status|confirm … --json`: options after a subcommand belong to it.
    .enablePositionalOptions()
    .action(async (client: string | undefined, o: StartOptions) => {
      if (!client) throw new CliError('name the client to restore: oxygis restore CLIENT --latest', 2);
      const chosen = [o.to, o.latest, o.backup].filter(Boolean).length;
      if (chosen !== 1) throw new CliError('give one of --to ISO-8601, --latest or --backup ID', 2);
      if (o.to && Number.isNaN(Date.parse(o.to)))
        throw new CliError(`"${o.to}" is not an ISO-8601 instant, e.g. 2026-11-29T10:15:00Z`, 2);
      const target = await signedInTarget(o);
      let confirm: string | undefined;
      if (o.inPlace) {
        if (o.yes) confirm = client;
        else if (!process.stdin.isTTY)
          throw new CliError('an in-place restore does not keep the current data: confirm with --yes', 2);
        else
          confirm = (
            await ask(`This replaces ${client}'s data without keeping it. Type "${client}" to go on: `)
          ).trim();
        if (confirm !== client) throw new CliError('not confirmed; nothing was changed', 1);
      }
      const { restore: started } = await callApi<{ restore: RestoreRunView }>(
        target,
        'POST',
        restoresPath(client),
        {
          ...(o.to ? { to: new Date(o.to).toISOString() } : {}),
          ...(o.backup ? { backupId: o.backup } : {}),
          ...(o.inPlace ? { inPlace: true, confirm } : {}),
        },
      );
      if (!o.wait) {
        print(
          started,
          o.json,
          (r) => `${summary(client, r)}\nFollow it with: oxygis restore status ${client} ${r.id}`,
        );
        return;
      }
      const finished = await followRestore(target, client, started, o.json);
      if (o.json) process.stdout.write(`${JSON.stringify({ event: finished.status, ...finished })}\n`);
      else process.stdout.write(`${summary(client, finished)}\n`);
      if (finished.status === 'failed') process.exitCode = 1;
    });

  restore.addCommand(
    apiCommand('list', "a client's restores, newest first")
      .argument('<client>', 'client slug')
      .action(async (client: string, o: CommonOptions) => {
        const target = await signedInTarget(o);
        const { restores } = await callApi<{ restores: (RestoreRunView & { startedAt: string })[] }>(
          target,
          'GET',
          restoresPath(client),
        );
        print(restores, o.json, (rows) =>
          rows.length === 0
            ? 'No restores.'
            : table([
                ['ID', 'STARTED', 'STATUS', 'TO', 'SECONDS', 'REPLACED DATA'],
                ...rows.map((r) => [
                  r.id,
                  r.startedAt,
                  r.status,
                  r.targetTime ?? (r.mode === 'in_place' ? 'latest (in place)' : 'latest'),
                  r.durationMs === null ? '-' : (r.durationMs / 1000).toFixed(1),
                  r.previousDataDir
                    ? r.previousKeptUntil
                      ? `kept until ${r.previousKeptUntil}`
                      : 'kept'
                    : '-',
                ]),
              ]),
        );
      }),
  );

  restore.addCommand(
    apiCommand('status', 'one restore: its phase and progress, or its result')
      .argument('<client>', 'client slug')
      .argument('<id>', 'restore id')
      .action(async (client: string, id: string, o: CommonOptions) => {
        const target = await signedInTarget(o);
        const { restore: run } = await callApi<{ restore: RestoreRunView }>(
          target,
          'GET',
          `${restoresPath(client)}/${encodeURIComponent(id)}`,
        );
        print(run, o.json, (r) => summary(client, r));
      }),
  );

  restore.addCommand(
    apiCommand('confirm', 'keep a restore: the data it replaced is removed now')
      .argument('<client>', 'client slug')
      .argument('<id>', 'restore id')
      .action(async (client: string, id: string, o: CommonOptions) => {
        const target = await signedInTarget(o);
        const { restore: run } = await callApi<{ restore: RestoreRunView }>(
          target,
          'POST',
          `${restoresPath(client)}/${encodeURIComponent(id)}/confirm`,
        );
        print(run, o.json, () => `Restore ${id} of ${client} kept; the data it replaced is removed.`);
      }),
  );
  return restore;
}
