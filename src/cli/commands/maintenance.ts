import { Command } from 'commander';
import { callApi } from '../api-client.js';
import { CliError } from '../errors.js';
import { print } from '../output.js';
import { apiCommand, query, signedInTarget, table, type CommonOptions } from './common.js';

interface Maintenance {
  id: string;
  scope: string;
  kind: string;
  rrule: string | null;
  reason: string;
  timeZone: string;
  next: { from: string; to: string }[];
}

interface Period {
  id: string;
  startsAt: string;
  endsAt: string;
  reason: string;
  declaredBy: string;
}

export function maintenanceCommand(): Command {
  const maintenance = new Command('maintenance').description(
    'planned maintenance: excluded from availability, announced',
  );
  maintenance.addCommand(
    apiCommand('add', 'schedule maintenance (operators)')
      .option('--client <slug>', 'one client (default: the whole platform, with --all)')
      .option('--all', 'the whole platform')
      .option('--monitor <id>', 'one monitor only')
      .requiredOption(
        '--from <iso>',
        'start: an instant, or with --rrule the local date and time of the first occurrence',
      )
      .option('--to <iso>', 'end instant (one-off)')
      .option('--rrule <rule>', 'recurrence, e.g. FREQ=MONTHLY;BYDAY=1SU')
      .option('--duration <minutes>', 'length of each occurrence (recurring)')
      .option('--tz <zone>', 'IANA time zone of a recurring window', 'Europe/Brussels')
      .requiredOption('--reason <text>', 'what is done (shown on the status page)')
      .action(
        async (
          o: CommonOptions & {
            client?: string;
            all?: boolean;
            monitor?: string;
            from: string;
            to?: string;
            rrule?: string;
            duration?: string;
            tz: string;
            reason: string;
          },
        ) => {
          if (!o.client && !o.all && !o.monitor)
            throw new CliError('say what is maintained: --client SLUG, --monitor ID or --all', 2);
          if (o.all && (o.client || o.monitor))
            throw new CliError('--all is the whole platform: leave out --client and --monitor', 2);
          const duration = o.duration === undefined ? undefined : Number(o.duration);
          if (duration !== undefined && !Number.isInteger(duration))
            throw new CliError('--duration is a whole number of minutes', 2);
          const target = await signedInTarget(o);
          const { maintenance: added } = await callApi<{ maintenance: Maintenance }>(
            target,
            'POST',
            '/api/maintenance',
            {
              ...(o.client ? { client: o.client } : {}),
              ...(o.monitor ? { monitorId: o.monitor } : {}),
              from: o.from,
              ...(o.to ? { to: o.to } : {}),
              ...(o.rrule ? { rrule: o.rrule, timeZone: o.tz } : {}),
              ...(duration !== undefined ? { durationMinutes: duration } : {}),
              reason: o.reason,
            },
          );
          print(added, o.json, (m) =>
            [
              `Maintenance ${m.id} scheduled (${m.scope}, ${m.kind}): ${m.reason}`,
              ...m.next.map((n) => `  ${n.from} → ${n.to}`),
            ].join('\n'),
          );
        },
      ),
  );
  maintenance.addCommand(
    apiCommand('list', 'scheduled maintenance and the next occurrences')
      .option('--client <slug>', 'what concerns one client')
      .action(async (o: CommonOptions & { client?: string }) => {
        const target = await signedInTarget(o);
        const { maintenance: rows } = await callApi<{ maintenance: Maintenance[] }>(
          target,
          'GET',
          `/api/maintenance${query({ client: o.client })}`,
        );
        print(rows, o.json, (list) =>
          list.length === 0
            ? 'No scheduled maintenance.'
            : table([
                ['ID', 'SCOPE', 'KIND', 'NEXT', 'REASON'],
                ...list.map((m) => [
                  m.id,
                  m.scope,
                  m.rrule ?? m.kind,
                  m.next[0] ? `${m.next[0].from} → ${m.next[0].to}` : '-',
                  m.reason,
                ]),
              ]),
        );
      }),
  );
  maintenance.addCommand(
    apiCommand('cancel', 'cancel scheduled maintenance (operators)')
      .argument('<id>', 'maintenance id')
      .action(async (id: string, o: CommonOptions) => {
        const target = await signedInTarget(o);
        await callApi(target, 'DELETE', `/api/maintenance/${encodeURIComponent(id)}`);
        print({ cancelled: id }, o.json, () => `Maintenance ${id} cancelled.`);
      }),
  );
  return maintenance;
}

export function forceMajeureCommand(): Command {
  const fm = new Command('force-majeure').description(
    "periods outside the host's control (e.g. a cloud-provider outage)",
  );
  fm.addCommand(
    apiCommand('declare', 'declare force majeure, possibly after the fact (operators; audited)')
      .requiredOption('--from <iso>', 'start instant')
      .requiredOption('--to <iso>', 'end instant')
      .requiredOption('--reason <text>', 'what happened')
      .action(async (o: CommonOptions & { from: string; to: string; reason: string }) => {
        const target = await signedInTarget(o);
        const result = await callApi<{ period: Period; amended: { client: string; month: string }[] }>(
          target,
          'POST',
          '/api/force-majeure',
          { from: o.from, to: o.to, reason: o.reason },
        );
        print(result, o.json, (r) =>
          [
            `Force majeure ${r.period.id} declared: ${r.period.startsAt} → ${r.period.endsAt} (${r.period.reason})`,
            ...r.amended.map((a) => `  frozen figures of ${a.client} for ${a.month} amended`),
          ].join('\n'),
        );
      }),
  );
  fm.addCommand(
    apiCommand('list', 'declared periods').action(async (o: CommonOptions) => {
      const target = await signedInTarget(o);
      const { periods } = await callApi<{ periods: Period[] }>(target, 'GET', '/api/force-majeure');
      print(periods, o.json, (rows) =>
        rows.length === 0
          ? 'None declared.'
          : table([
              ['FROM', 'TO', 'BY', 'REASON'],
              ...rows.map((p) => [p.startsAt, p.endsAt, p.declaredBy, p.reason]),
            ]),
      );
    }),
  );
  return fm;
}
