import { Command } from 'commander';
import { callApi } from '../api-client.js';
import { CliError } from '../errors.js';
import { print } from '../output.js';
import { apiCommand, query, signedInTarget, type CommonOptions } from './common.js';

interface Figures {
  client: string;
  from: string;
  to: string;
  partial?: boolean;
  frozen: { version: number; reason: string | null } | null;
  eligibleSeconds: number;
  downtimeSeconds: number;
  excludedSeconds: { maintenance: number; forceMajeure: number };
  noDataSeconds: number;
  availability: number | null;
  target: number;
  errorBudgetSeconds: number;
  met: boolean | null;
  excludedPeriods: { from: string; to: string; kind: string; reason: string }[];
}

const minutes = (seconds: number) => `${(seconds / 60).toFixed(1)} min`;

function human(f: Figures): string {
  return [
    `${f.client}, ${f.from} → ${f.to}${f.partial ? ' (so far)' : ''}${f.frozen ? ` — frozen, version ${f.frozen.version}${f.frozen.reason ? ` (${f.frozen.reason})` : ''}` : ''}`,
    `Availability: ${f.availability === null ? 'nothing to measure' : `${(f.availability * 100).toFixed(3)} %`} (target ${(f.target * 100).toFixed(1)} %)${f.met === null ? '' : f.met ? ' — met' : ' — NOT MET'}`,
    `Eligible ${minutes(f.eligibleSeconds)}, downtime ${minutes(f.downtimeSeconds)}, error budget left ${minutes(f.errorBudgetSeconds)}`,
    `Excluded: maintenance ${minutes(f.excludedSeconds.maintenance)}, force majeure ${minutes(f.excludedSeconds.forceMajeure)}; no data ${minutes(f.noDataSeconds)}`,
    ...f.excludedPeriods.map((p) => `  ${p.kind.replace('_', ' ')} ${p.from} → ${p.to}: ${p.reason}`),
  ].join('\n');
}

export function slaCommand(): Command {
  const sla = new Command('sla').description(
    'availability against the agreement, per client and calendar month',
  );
  sla.addCommand(
    apiCommand('availability', "a client's availability for a month (Europe/Brussels) or any interval")
      .argument('<client>', 'client slug')
      .option('--month <yyyy-mm>', 'calendar month, e.g. 2026-11')
      .option('--from <iso>', 'start instant (with --to)')
      .option('--to <iso>', 'end instant')
      .action(async (client: string, o: CommonOptions & { month?: string; from?: string; to?: string }) => {
        if (!o.month && !(o.from && o.to)) throw new CliError('give --month YYYY-MM, or --from and --to', 2);
        const target = await signedInTarget(o);
        const figures = await callApi<Figures>(
          target,
          'GET',
          `/api/clients/${encodeURIComponent(client)}/sla${query({ month: o.month, from: o.from, to: o.to })}`,
        );
        print(figures, o.json, human);
      }),
  );
  sla.addCommand(
    apiCommand('amend', "correct a closed month's frozen figures (operators; a new version with the reason)")
      .argument('<client>', 'client slug')
      .requiredOption('--month <yyyy-mm>', 'the closed month')
      .requiredOption('--reason <text>', 'why')
      .action(async (client: string, o: CommonOptions & { month: string; reason: string }) => {
        const target = await signedInTarget(o);
        const figures = await callApi<Figures>(
          target,
          'POST',
          `/api/clients/${encodeURIComponent(client)}/sla/${encodeURIComponent(o.month)}/amendments`,
          { reason: o.reason },
        );
        print(figures, o.json, human);
      }),
  );
  return sla;
}
