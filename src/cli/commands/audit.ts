import { Command, Option } from 'commander';
import { callApi, apiRequest } from '../api-client.js';
import { CliError } from '../errors.js';
import { print } from '../output.js';
import { apiCommand, query, signedInTarget, table, type CommonOptions } from './common.js';

interface AuditEvent {
  id: string;
  at: string;
  actorEmail: string | null;
  clientSlug: string | null;
  action: string;
  target: string | null;
  ip: string | null;
}

export function auditCommand(): Command {
  const audit = new Command('audit').description('the audit log: sign-ins and every administrative action');
  audit.addCommand(
    apiCommand('list', 'show the audit log (staff: all; client administrators: their client)')
      .option('--client <slug>', 'only this client')
      .option('--from <iso>', 'from this instant (ISO-8601)')
      .option('--to <iso>', 'until this instant (ISO-8601)')
      .option('--limit <n>', 'at most this many events', '200')
      .addOption(new Option('--format <format>', 'json or csv (for export)').choices(['json', 'csv']))
      .action(
        async (
          o: CommonOptions & { client?: string; from?: string; to?: string; limit: string; format?: string },
        ) => {
          const target = await signedInTarget(o);
          const path = `/api/audit${query({ client: o.client, from: o.from, to: o.to, limit: o.limit, format: o.format === 'csv' ? 'csv' : undefined })}`;
          if (o.format === 'csv') {
            const response = await apiRequest(target, 'GET', path);
            if (response.status !== 200) {
              const body = response.body as { message?: string } | undefined;
              throw new CliError(body?.message ?? `the platform answered HTTP ${response.status}`);
            }
            process.stdout.write(String(response.body));
            return;
          }
          const { events } = await callApi<{ events: AuditEvent[] }>(target, 'GET', path);
          print(events, o.json || o.format === 'json', (list) =>
            table([
              ['AT', 'ACTOR', 'CLIENT', 'ACTION', 'IP'],
              ...list.map((e) => [e.at, e.actorEmail ?? '-', e.clientSlug ?? '-', e.action, e.ip ?? '-']),
            ]),
          );
        },
      ),
  );
  return audit;
}
