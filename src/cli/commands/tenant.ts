import { Command } from 'commander';
import { callApi } from '../api-client.js';
import { CliError } from '../errors.js';
import { print } from '../output.js';
import { apiCommand, signedInTarget, table, type CommonOptions } from './common.js';

interface Instance {
  status: string;
  running: boolean;
  host: string;
  port: number;
  database: string;
  user: string;
  uri: string;
  caFile: string;
  diskUsageBytes: number | null;
}

interface Client {
  id: string;
  name: string;
  slug: string;
  plan: string;
  status: string;
  requireMfa: boolean;
  deleteAfter: string | null;
  createdAt: string;
  instance: Instance | null;
}

interface Connection {
  host: string;
  port: number;
  database: string;
  user: string;
  password?: string;
  uri: string;
  caFile: string;
}

const megabytes = (bytes: number | null) =>
  bytes === null ? 'unknown' : `${(bytes / 1048576).toFixed(1)} MB`;

const describe = (c: Client) =>
  [
    `${c.name} (${c.slug}), plan ${c.plan}, ${c.status}${c.deleteAfter ? ` — removed after ${c.deleteAfter}` : ''}`,
    c.instance
      ? `  database: ${c.instance.status}${c.instance.running ? '' : ' (not running)'}, ${c.instance.host}:${c.instance.port}/${c.instance.database} as ${c.instance.user}, disk ${megabytes(c.instance.diskUsageBytes)}`
      : '  database: none',
    `  second factor required for its users: ${c.requireMfa ? 'yes' : 'no'}`,
    `  created ${c.createdAt}, id ${c.id}`,
  ].join('\n');

const describeConnection = (c: Connection) =>
  [
    `  host ${c.host}  port ${c.port}  database ${c.database}  user ${c.user}`,
    ...(c.password ? [`  password ${c.password}   (shown once: keep it now)`] : []),
    `  ${c.uri}`,
    `  CA certificate: ${c.caFile}`,
  ].join('\n');

/** "Jeanne Dupont <jeanne@brasserie.be>" → { name, email } */
function parseContact(text: string): { name: string; email: string } {
  const match = /^\s*(.+?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(text);
  if (!match?.[1] || !match[2])
    throw new CliError(`"${text}" is not a contact; write it as "Name <email@example.com>"`, 2);
  return { name: match[1], email: match[2] };
}

export function tenantCommand(): Command {
  const tenant = new Command('tenant').description('clients hosted on the platform');

  tenant.addCommand(
    apiCommand('create', 'create a client and its dedicated PostgreSQL database (operators)')
      .argument('<name>', 'display name, e.g. "Brasserie Dupont"')
      .option('--slug <slug>', 'short name used in URLs and database names (default: from the name)')
      .option('--plan <plan>', 'standard or premium', 'standard')
      .option('--contact <contact...>', 'contact as "Name <email>" (repeatable)')
      .action(
        async (name: string, o: CommonOptions & { slug?: string; plan: string; contact?: string[] }) => {
          const target = await signedInTarget(o);
          const contacts = (o.contact ?? []).map(parseContact);
          const created = await callApi<{ client: Client; connection: Connection }>(
            target,
            'POST',
            '/api/clients',
            {
              name,
              plan: o.plan,
              ...(contacts.length > 0 ? { contacts } : {}),
              ...(o.slug ? { slug: o.slug } : {}),
            },
          );
          // --json puts the connection details at the top level, where scripts look for them.
          const output = { ...created.connection, client: created.client };
          print(output, o.json, (r) => `${describe(r.client)}\nConnection:\n${describeConnection(r)}`);
        },
      ),
  );

  tenant.addCommand(
    apiCommand('list', 'list the clients you may see').action(async (o: CommonOptions) => {
      const target = await signedInTarget(o);
      const { clients } = await callApi<{ clients: Client[] }>(target, 'GET', '/api/clients');
      print(clients, o.json, (list) =>
        list.length === 0
          ? 'no clients yet: oxygis tenant create NAME'
          : table([
              ['SLUG', 'NAME', 'PLAN', 'STATUS', 'DATABASE', 'PORT', '2FA REQUIRED'],
              ...list.map((c) => [
                c.slug,
                c.name,
                c.plan,
                c.status,
                c.instance ? (c.instance.running ? 'running' : c.instance.status) : '-',
                String(c.instance?.port ?? '-'),
                c.requireMfa ? 'yes' : 'no',
              ]),
            ]),
      );
    }),
  );

  tenant.addCommand(
    apiCommand('show', 'show one client')
      .argument('<slug>', 'slug or id')
      .action(async (slug: string, o: CommonOptions) => {
        const target = await signedInTarget(o);
        const { client } = await callApi<{ client: Client }>(
          target,
          'GET',
          `/api/clients/${encodeURIComponent(slug)}`,
        );
        print(client, o.json, describe);
      }),
  );

  for (const [action, method, suffix, text] of [
    ['suspend', 'POST', '/suspend', 'stop the database and refuse connections; the data is kept'],
    ['resume', 'POST', '/resume', 'start a suspended client again, or cancel its deletion'],
    ['delete', 'DELETE', '', 'stop the database now and remove the client after the grace period'],
  ] as const) {
    tenant.addCommand(
      apiCommand(action, text)
        .argument('<slug>', 'slug or id')
        .action(async (slug: string, o: CommonOptions) => {
          const target = await signedInTarget(o);
          const { client } = await callApi<{ client: Client }>(
            target,
            method,
            `/api/clients/${encodeURIComponent(slug)}${suffix}`,
          );
          print(client, o.json, describe);
        }),
    );
  }

  tenant.addCommand(
    apiCommand('reset-owner-password', "give the client database's owner a new password (shown once)")
      .argument('<slug>', 'slug or id')
      .action(async (slug: string, o: CommonOptions) => {
        const target = await signedInTarget(o);
        const { connection } = await callApi<{ connection: Connection }>(
          target,
          'POST',
          `/api/clients/${encodeURIComponent(slug)}/owner-password`,
        );
        print(connection, o.json, (c) => `New owner password:\n${describeConnection(c)}`);
      }),
  );

  tenant.addCommand(
    apiCommand('require-mfa', "require (or not) a second factor for a client's users")
      .argument('<slug>', 'slug or id')
      .argument('<on|off>', 'on or off')
      .action(async (slug: string, state: string, o: CommonOptions) => {
        const target = await signedInTarget(o);
        const { client } = await callApi<{ client: Client }>(
          target,
          'PUT',
          `/api/clients/${encodeURIComponent(slug)}/settings`,
          {
            requireMfa: state === 'on',
          },
        );
        print(client, o.json, describe);
      }),
  );
  return tenant;
}
