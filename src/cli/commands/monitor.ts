import { Command } from 'commander';
import { callApi } from '../api-client.js';
import { CliError } from '../errors.js';
import { print } from '../output.js';
import { apiCommand, signedInTarget, table, type CommonOptions } from './common.js';

interface Monitor {
  id: string;
  name: string;
  kind: string;
  role: string;
  target: string;
  intervalSeconds: number;
  status: {
    state: string;
    since: string | null;
    lastCheckAt: string | null;
    lastLatencyMs: number | null;
    lastError: string | null;
  };
}

const whole = (value: string | undefined, flag: string) => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new CliError(`${flag} must be a whole number`, 2);
  return n;
};

export function monitorCommand(): Command {
  const monitor = new Command('monitor').description(
    "what is watched: a client's database and application endpoints",
  );
  monitor.addCommand(
    // --url is the watched endpoint here (as the agreement's tooling names it); the platform's
    // own URL comes from the login, OXYGIS_URL or --platform-url.
    new Command('add')
      .description('watch an endpoint of a client (http(s) or tcp; the database is watched already)')
      .option('--platform-url <url>', 'platform URL [env OXYGIS_URL]')
      .option('--ca <file>', 'CA certificate to trust for that URL')
      .option('--json', 'print JSON')
      .requiredOption('--client <slug>', 'the client')
      .requiredOption('--kind <kind>', 'http, tcp or postgres')
      .option('--url <url>', 'https://… for http, host:port for tcp')
      .option('--name <name>', 'how it is called in reports (default: the URL)')
      .option('--interval <seconds>', 'seconds between checks (at least 5)', '30')
      .option('--timeout <ms>', 'milliseconds before a check fails')
      .option('--expect-status <code>', 'HTTP status that passes (default: any 2xx or 3xx)')
      .option('--keyword <text>', 'text the page must contain')
      .option('--degraded-after <ms>', 'a slower answer counts as degraded')
      .option('--failures <n>', 'failed checks before it is down', '3')
      .option('--recoveries <n>', 'passed checks before it is up again', '2')
      .action(
        async (
          o: Omit<CommonOptions, 'url'> & {
            platformUrl?: string;
            client: string;
            kind: string;
            url?: string;
            name?: string;
            interval: string;
            timeout?: string;
            expectStatus?: string;
            keyword?: string;
            degradedAfter?: string;
            failures: string;
            recoveries: string;
          },
        ) => {
          const target = await signedInTarget({ ...o, url: o.platformUrl });
          const body = {
            kind: o.kind,
            ...(o.url ? { url: o.url } : {}),
            ...(o.name ? { name: o.name } : {}),
            intervalSeconds: whole(o.interval, '--interval'),
            ...(o.timeout ? { timeoutMs: whole(o.timeout, '--timeout') } : {}),
            ...(o.expectStatus ? { expectedStatus: whole(o.expectStatus, '--expect-status') } : {}),
            ...(o.keyword ? { keyword: o.keyword } : {}),
            ...(o.degradedAfter ? { degradedAfterMs: whole(o.degradedAfter, '--degraded-after') } : {}),
            failureThreshold: whole(o.failures, '--failures'),
            recoveryThreshold: whole(o.recoveries, '--recoveries'),
          };
          const { monitor: added } = await callApi<{ monitor: Monitor }>(
            target,
            'POST',
            `/api/clients/${encodeURIComponent(o.client)}/monitors`,
            body,
          );
          print(
            added,
            o.json,
            (m) => `Watching ${m.name} (${m.kind}) every ${m.intervalSeconds} s: monitor ${m.id}`,
          );
        },
      ),
  );
  monitor.addCommand(
    apiCommand('list', "a client's monitors and their state")
      .requiredOption('--client <slug>', 'the client')
      .action(async (o: CommonOptions & { client: string }) => {
        const target = await signedInTarget(o);
        const { monitors } = await callApi<{ monitors: Monitor[] }>(
          target,
          'GET',
          `/api/clients/${encodeURIComponent(o.client)}/monitors`,
        );
        print(monitors, o.json, (rows) =>
          table([
            ['ID', 'NAME', 'KIND', 'STATE', 'SINCE', 'LAST CHECK', 'LATENCY', 'ERROR'],
            ...rows.map((m) => [
              m.id,
              m.name,
              m.kind,
              m.status.state,
              m.status.since ?? '-',
              m.status.lastCheckAt ?? '-',
              m.status.lastLatencyMs === null ? '-' : `${m.status.lastLatencyMs} ms`,
              m.status.lastError ?? '',
            ]),
          ]),
        );
      }),
  );
  monitor.addCommand(
    apiCommand('remove', 'stop watching an endpoint')
      .requiredOption('--client <slug>', 'the client')
      .argument('<id>', 'monitor id (see monitor list)')
      .action(async (id: string, o: CommonOptions & { client: string }) => {
        const target = await signedInTarget(o);
        await callApi(
          target,
          'DELETE',
          `/api/clients/${encodeURIComponent(o.client)}/monitors/${encodeURIComponent(id)}`,
        );
        print({ removed: id }, o.json, () => `Monitor ${id} removed.`);
      }),
  );
  return monitor;
}
