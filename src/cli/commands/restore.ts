import { Command } from 'commander';
import { callApi } from '../api-client.js';
import { CliError } from '../errors.js';
import { print } from '../output.js';
import { apiCommand, signedInTarget, type CommonOptions } from './common.js';

interface RestoreResult {
  baseBackupId: string;
  recoveredTo: string | null;
  durationMs: number;
  previousDataDir: string | null;
}

export function restoreCommand(): Command {
  return apiCommand(
    'restore',
    "restore a client's database to an instant (or its latest state); connection details stay the same",
  )
    .argument('<client>', 'client slug')
    .option('--to <iso>', 'recover up to this instant (ISO-8601, e.g. 2026-11-29T10:15:00Z)')
    .option('--latest', 'recover everything that was archived')
    .action(async (client: string, o: CommonOptions & { to?: string; latest?: boolean }) => {
      if (Boolean(o.to) === Boolean(o.latest)) throw new CliError('give either --to ISO-8601 or --latest', 2);
      if (o.to && Number.isNaN(Date.parse(o.to)))
        throw new CliError(`"${o.to}" is not an ISO-8601 instant`, 2);
      const target = await signedInTarget(o);
      if (!o.json)
        process.stderr.write(`Restoring ${client} ${o.to ? `to ${o.to}` : 'to its latest state'}…\n`);
      const result = await callApi<RestoreResult>(
        target,
        'POST',
        `/api/clients/${encodeURIComponent(client)}/restore`,
        {
          ...(o.to ? { to: new Date(o.to).toISOString() } : {}),
        },
      );
      print(result, o.json, (r) =>
        [
          `Restored ${client} from base backup ${r.baseBackupId} ${r.recoveredTo ? `to ${r.recoveredTo}` : 'to its latest state'} in ${(r.durationMs / 1000).toFixed(1)} s.`,
          r.previousDataDir
            ? `The previous data is kept in ${r.previousDataDir}.`
            : 'There was no previous data directory to keep.',
        ].join('\n'),
      );
    });
}
