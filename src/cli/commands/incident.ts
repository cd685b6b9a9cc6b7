import { Command } from 'commander';
import { callApi } from '../api-client.js';
import { print } from '../output.js';
import { apiCommand, query, signedInTarget, table, type CommonOptions } from './common.js';

interface Incident {
  id: string;
  clientSlug: string;
  title: string;
  status: string;
  openedAt: string;
  resolvedAt: string | null;
  acknowledgedBy: string | null;
  updates?: { at: string; status: string; message: string; author: string | null }[];
}

const show = (i: Incident) =>
  [
    `${i.title} (${i.clientSlug}) — ${i.status}`,
    `opened ${i.openedAt}${i.resolvedAt ? `, resolved ${i.resolvedAt}` : ''}${i.acknowledgedBy ? `, acknowledged by ${i.acknowledgedBy}` : ''}`,
    ...(i.updates ?? []).map((u) => `  ${u.at} ${u.status}: ${u.message}${u.author ? ` (${u.author})` : ''}`),
  ].join('\n');

export function incidentCommand(): Command {
  const incident = new Command('incident').description(
    'incidents: opened when a monitor goes down, resolved when it recovers',
  );
  incident.addCommand(
    apiCommand('list', 'incidents, newest first')
      .option('--client <slug>', "one client's")
      .option('--open', 'only those not resolved')
      .action(async (o: CommonOptions & { client?: string; open?: boolean }) => {
        const target = await signedInTarget(o);
        const { incidents } = await callApi<{ incidents: Incident[] }>(
          target,
          'GET',
          `/api/incidents${query({ client: o.client, open: o.open ? 'true' : undefined })}`,
        );
        print(incidents, o.json, (rows) =>
          rows.length === 0
            ? 'No incidents.'
            : table([
                ['ID', 'CLIENT', 'TITLE', 'STATUS', 'OPENED', 'RESOLVED'],
                ...rows.map((i) => [i.id, i.clientSlug, i.title, i.status, i.openedAt, i.resolvedAt ?? '-']),
              ]),
        );
      }),
  );
  incident.addCommand(
    apiCommand('show', 'one incident with its updates')
      .argument('<id>', 'incident id')
      .action(async (id: string, o: CommonOptions) => {
        const target = await signedInTarget(o);
        const { incident: found } = await callApi<{ incident: Incident }>(
          target,
          'GET',
          `/api/incidents/${encodeURIComponent(id)}`,
        );
        print(found, o.json, show);
      }),
  );
  incident.addCommand(
    apiCommand('ack', 'acknowledge an incident (staff)')
      .argument('<id>', 'incident id')
      .action(async (id: string, o: CommonOptions) => {
        const target = await signedInTarget(o);
        const { incident: found } = await callApi<{ incident: Incident }>(
          target,
          'POST',
          `/api/incidents/${encodeURIComponent(id)}/acknowledge`,
        );
        print(found, o.json, show);
      }),
  );
  incident.addCommand(
    apiCommand('update', 'post an update (staff)')
      .argument('<id>', 'incident id')
      .requiredOption('--status <status>', 'investigating, identified, monitoring or resolved')
      .requiredOption('--message <text>', 'what is known')
      .option('--postmortem <text>', 'the postmortem (or a link to it)')
      .action(
        async (id: string, o: CommonOptions & { status: string; message: string; postmortem?: string }) => {
          const target = await signedInTarget(o);
          const { incident: found } = await callApi<{ incident: Incident }>(
            target,
            'POST',
            `/api/incidents/${encodeURIComponent(id)}/updates`,
            { status: o.status, message: o.message, ...(o.postmortem ? { postmortem: o.postmortem } : {}) },
          );
          print(found, o.json, show);
        },
      ),
  );
  return incident;
}
