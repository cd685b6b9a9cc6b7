import { Command } from 'commander';
import { callApi } from '../api-client.js';
import { print } from '../output.js';
import { apiCommand, query, signedInTarget, table, type CommonOptions } from './common.js';

interface Alert {
  kind: string;
  clientSlug: string | null;
  message: string;
  openedAt: string;
  resolvedAt: string | null;
}

export function alertCommand(): Command {
  const alert = new Command('alert').description('alerts: archive lag, backup targets missing copies');
  alert.addCommand(
    apiCommand('list', 'open alerts, newest first (--all: resolved ones too)')
      .option('--client <slug>', "only this client's")
      .option('--all', 'resolved alerts too')
      .action(async (o: CommonOptions & { client?: string; all?: boolean }) => {
        const target = await signedInTarget(o);
        const { alerts } = await callApi<{ alerts: Alert[] }>(
          target,
          'GET',
          `/api/alerts${query({ open: o.all ? undefined : 'true', client: o.client })}`,
        );
        print(alerts, o.json, (rows) =>
          rows.length === 0
            ? o.all
              ? 'No alerts.'
              : 'No open alerts.'
            : table([
                ['OPENED', 'RESOLVED', 'CLIENT', 'KIND', 'MESSAGE'],
                ...rows.map((a) => [
                  a.openedAt,
                  a.resolvedAt ?? 'open',
                  a.clientSlug ?? '-',
                  a.kind,
                  a.message,
                ]),
              ]),
        );
      }),
  );
  return alert;
}
