import { Command, Option } from 'commander';
import { callApi } from '../api-client.js';
import { download, writeOut } from '../download.js';
import { print } from '../output.js';
import { apiCommand, query, signedInTarget, table, type CommonOptions } from './common.js';

interface CatalogueOption {
  code: string;
  name: string;
  unit: string;
  unitPrice: number;
  currency: string;
  available: boolean;
  unavailableBecause: string | null;
}

interface ClientOption {
  code: string;
  name: string;
  status: string;
  unitPrice: number;
  currency: string;
  unit: string;
  activatedAt: string | null;
  deactivatedAt: string | null;
  note: string | null;
}

const clientRows = (rows: ClientOption[]) =>
  rows.length === 0
    ? 'No option requested.'
    : table([
        ['OPTION', 'STATUS', 'PRICE', 'ACTIVE FROM', 'UNTIL', 'NOTE'],
        ...rows.map((o) => [
          o.code,
          o.status,
          `${o.unitPrice.toFixed(2)} ${o.currency}/${o.unit}`,
          o.activatedAt ?? '',
          o.deactivatedAt ?? '',
          o.note ?? '',
        ]),
      ]);

const clientPath = (client: string) => `/api/clients/${encodeURIComponent(client)}/options`;

/** `oxygis option`: the service options of the agreement and a client's purchase order. */
export function optionCommand(): Command {
  const option = new Command('option').description(
    "service options: catalogue, clients' requests, purchase orders",
  );
  option.addCommand(
    apiCommand('list', 'the catalogue, or one client’s options with --client')
      .option('--client <slug>', "a client's options")
      .action(async (o: CommonOptions & { client?: string }) => {
        const target = await signedInTarget(o);
        if (o.client) {
          const { options } = await callApi<{ options: ClientOption[] }>(target, 'GET', clientPath(o.client));
          print(options, o.json, clientRows);
          return;
        }
        const { options } = await callApi<{ options: CatalogueOption[] }>(target, 'GET', '/api/options');
        print(options, o.json, (rows) =>
          table([
            ['OPTION', 'NAME', 'PRICE', 'HERE'],
            ...rows.map((r) => [
              r.code,
              r.name,
              `${r.unitPrice.toFixed(2)} ${r.currency}/${r.unit}`,
              r.available ? 'available' : `unavailable: ${r.unavailableBecause ?? ''}`,
            ]),
          ]),
        );
      }),
  );
  option.addCommand(
    apiCommand('request', 'ask for an option for a client (its administrators; staff approve)')
      .argument('<client>', 'the client')
      .argument('<option>', 'the option (see oxygis option list)')
      .option('--note <text>', 'anything staff should know')
      .action(async (client: string, code: string, o: CommonOptions & { note?: string }) => {
        const target = await signedInTarget(o);
        const { options } = await callApi<{ options: ClientOption[] }>(target, 'POST', clientPath(client), {
          option: code,
          ...(o.note ? { note: o.note } : {}),
        });
        print(options, o.json, clientRows);
      }),
  );
  for (const [action, description] of [
    ['approve', 'activate a requested option (operators): it takes effect and is billed from now'],
    ['deactivate', 'deactivate an option (operators): its effect is reversed and billing stops'],
  ] as const)
    option.addCommand(
      apiCommand(action, description)
        .argument('<client>', 'the client')
        .argument('<option>', 'the option')
        .action(async (client: string, code: string, o: CommonOptions) => {
          const target = await signedInTarget(o);
          const { options } = await callApi<{ options: ClientOption[] }>(
            target,
            'POST',
            `${clientPath(client)}/${encodeURIComponent(code)}/${action}`,
          );
          print(options, o.json, clientRows);
        }),
    );
  option.addCommand(
    apiCommand('reject', 'refuse a requested option (operators), saying why')
      .argument('<client>', 'the client')
      .argument('<option>', 'the option')
      .requiredOption('--note <text>', 'why (the client reads it)')
      .action(async (client: string, code: string, o: CommonOptions & { note: string }) => {
        const target = await signedInTarget(o);
        const { options } = await callApi<{ options: ClientOption[] }>(
          target,
          'POST',
          `${clientPath(client)}/${encodeURIComponent(code)}/reject`,
          { note: o.note },
        );
        print(options, o.json, clientRows);
      }),
  );
  option.addCommand(
    apiCommand('price', "set an option's price per unit (operators)")
      .argument('<option>', 'the option')
      .argument('<price>', 'the price, e.g. 120.00')
      .action(async (code: string, price: string, o: CommonOptions) => {
        const target = await signedInTarget(o);
        const { option: changed } = await callApi<{ option: CatalogueOption }>(
          target,
          'PUT',
          `/api/options/${encodeURIComponent(code)}`,
          { unitPrice: Number(price) },
        );
        print(changed, o.json, (c) => `${c.code}: ${c.unitPrice.toFixed(2)} ${c.currency}/${c.unit}`);
      }),
  );
  option.addCommand(
    apiCommand('order', "a client's purchase order lines for its options (default: this month)")
      .argument('<client>', 'the client')
      .option('--from <date>', 'start, ISO-8601')
      .option('--to <date>', 'end, ISO-8601')
      .option('--out <file>', 'write csv, html or pdf to this file')
      .addOption(
        new Option('--format <format>', 'json, csv, html or pdf (pdf: give --out)').choices([
          'json',
          'csv',
          'html',
          'pdf',
        ]),
      )
      .action(
        async (
          client: string,
          o: CommonOptions & { from?: string; to?: string; format?: string; out?: string },
        ) => {
          const target = await signedInTarget(o);
          const format = o.format ?? 'json';
          const urlPath = `/api/clients/${encodeURIComponent(client)}/purchase-order${query({ from: o.from, to: o.to, format })}`;
          if (format !== 'json') {
            await writeOut(await download(target, urlPath), o.out, { json: o.json });
            return;
          }
          const { order } = await callApi<{
            order: {
              lines: { name: string; quantity: number; unitPrice: number; total: number; currency: string }[];
              total: number;
            };
          }>(target, 'GET', urlPath);
          print(order, o.json, (r) =>
            [
              table([
                ['OPTION', 'QUANTITY', 'UNIT PRICE', 'TOTAL'],
                ...r.lines.map((l) => [
                  l.name,
                  l.quantity.toFixed(4),
                  l.unitPrice.toFixed(2),
                  `${l.total.toFixed(2)} ${l.currency}`,
                ]),
              ]),
              `total ${r.total.toFixed(2)}`,
            ].join('\n'),
          );
        },
      ),
  );
  return option;
}
