import { Command } from 'commander';
import { callApi } from '../api-client.js';
import { print } from '../output.js';
import { apiCommand, signedInTarget, table, type CommonOptions } from './common.js';

interface Client {
  id: string;
  name: string;
  slug: string;
  requireMfa: boolean;
  createdAt: string;
}

const describe = (c: Client) =>
  `${c.name} (${c.slug})\n  second factor required for its users: ${c.requireMfa ? 'yes' : 'no'}\n  created ${c.createdAt}\n  id: ${c.id}`;

export function tenantCommand(): Command {
  const tenant = new Command('tenant').description('clients hosted on the platform');

  tenant.addCommand(
    apiCommand('create', 'create a client (operators)')
      .argument('<name>', 'display name, e.g. "Brasserie Dupont"')
      .option('--slug <slug>', 'short name used in URLs and database names (default: from the name)')
      .action(async (name: string, o: CommonOptions & { slug?: string }) => {
        const target = await signedInTarget(o);
        const { client } = await callApi<{ client: Client }>(target, 'POST', '/api/clients', {
          name,
          ...(o.slug ? { slug: o.slug } : {}),
        });
        print(client, o.json, describe);
      }),
  );

  tenant.addCommand(
    apiCommand('list', 'list the clients you may see').action(async (o: CommonOptions) => {
      const target = await signedInTarget(o);
      const { clients } = await callApi<{ clients: Client[] }>(target, 'GET', '/api/clients');
      print(clients, o.json, (list) =>
        list.length === 0
          ? 'no clients yet: oxygis tenant create NAME'
          : table([
              ['SLUG', 'NAME', '2FA REQUIRED'],
              ...list.map((c) => [c.slug, c.name, c.requireMfa ? 'yes' : 'no']),
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
