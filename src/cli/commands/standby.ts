import { Command } from 'commander';
import { callApi } from '../api-client.js';
import { CliError } from '../errors.js';
import { print } from '../output.js';
import { ask } from '../prompt.js';
import { apiCommand, signedInTarget, type CommonOptions } from './common.js';

interface StandbyStatus {
  client: string;
  primaryZone: string | null;
  standby: {
    zone: string;
    status: string;
    state: string | null;
    port: number | null;
    lagBytes: number | null;
    lagSeconds: number | null;
    checkedAt: string | null;
    error: string | null;
  } | null;
}

function describe(s: StandbyStatus): string {
  if (!s.standby)
    return `${s.client}: no standby (the multi-zone option is not active). Primary in zone ${s.primaryZone ?? '-'}.`;
  const b = s.standby;
  const lag =
    b.lagBytes === null
      ? 'unknown'
      : `${b.lagBytes} bytes${b.lagSeconds ? `, ${b.lagSeconds.toFixed(1)} s` : ''}`;
  return [
    `${s.client}: primary in zone ${s.primaryZone ?? '-'}, standby in zone ${b.zone}`,
    `  status   ${b.status}${b.error ? ` (${b.error})` : ''}`,
    `  state    ${b.state ?? 'not looked at yet'}`,
    `  lag      ${lag}`,
    `  port     ${b.port ?? '-'}`,
    `  checked  ${b.checkedAt ?? '-'}`,
  ].join('\n');
}

const standbyPath = (client: string) => `/api/clients/${encodeURIComponent(client)}/standby`;

/** `oxygis standby`: the multi-zone option's standby — state, failover, rebuild. */
export function standbyCommand(): Command {
  const standby = new Command('standby').description(
    "a client's standby in the other availability zone (multi-zone option)",
  );
  standby.addCommand(
    apiCommand('show', 'where the standby runs and how far behind its primary it is')
      .argument('<client>', 'client slug')
      .action(async (client: string, o: CommonOptions) => {
        const target = await signedInTarget(o);
        print(await callApi<StandbyStatus>(target, 'GET', standbyPath(client)), o.json, describe);
      }),
  );
  standby.addCommand(
    apiCommand('failover', "operators: the standby becomes the client's database (same host and port)")
      .argument('<client>', 'client slug')
      .option('--yes', 'do not ask for confirmation')
      .action(async (client: string, o: CommonOptions & { yes?: boolean }) => {
        const target = await signedInTarget(o);
        let confirm = o.yes ? client : undefined;
        if (!confirm) {
          if (!process.stdin.isTTY)
            throw new CliError('a failover stops the current primary: confirm with --yes', 2);
          confirm = (
            await ask(
              `The standby takes over ${client}'s database; the primary is stopped and replaced. Type "${client}" to go on: `,
            )
          ).trim();
          if (confirm !== client) throw new CliError('not confirmed; nothing was changed', 1);
        }
        const result = await callApi<StandbyStatus>(target, 'POST', `${standbyPath(client)}/failover`, {
          confirm,
        });
        print(
          result,
          o.json,
          (s) =>
            `Failover done: ${client}'s database runs in zone ${s.primaryZone ?? '-'}; a new standby is being built.\n${describe(s)}`,
        );
      }),
  );
  standby.addCommand(
    apiCommand('rebuild', 'operators: build the standby again from a fresh base backup')
      .argument('<client>', 'client slug')
      .action(async (client: string, o: CommonOptions) => {
        const target = await signedInTarget(o);
        const result = await callApi<StandbyStatus>(target, 'POST', `${standbyPath(client)}/rebuild`);
        print(
          result,
          o.json,
          () =>
            `The standby of ${client} is being built again; follow it with: oxygis standby show ${client}`,
        );
      }),
  );
  return standby;
}
