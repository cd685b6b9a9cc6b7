import { Command, Option } from 'commander';
import { callApi } from '../api-client.js';
import { print } from '../output.js';
import { apiCommand, signedInTarget, table, type CommonOptions } from './common.js';

interface Credential {
  id: string;
  accountEmail: string;
  roleName: string;
  mode: string;
  createdAt: string;
  rotatedAt: string | null;
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

const shown = (r: { credential: Credential; connection: Connection }) =>
  [
    `${r.credential.accountEmail}: ${r.credential.mode} as ${r.connection.user} on ${r.connection.host}:${r.connection.port}/${r.connection.database}`,
    `  password ${r.connection.password ?? ''}   (shown once: keep it now)`,
    `  ${r.connection.uri}`,
  ].join('\n');

type Options = CommonOptions & { client: string; user: string };
const path = (o: Options) =>
  `/api/clients/${encodeURIComponent(o.client)}/credentials/${encodeURIComponent(o.user)}`;

export function dbCommand(): Command {
  const db = new Command('db').description("personal credentials on a client's dedicated database");
  const withTarget = (command: Command) =>
    command.requiredOption('--client <slug>', 'the client').requiredOption('--user <email>', 'the person');

  db.addCommand(
    withTarget(apiCommand('grant', 'give a person their own database login (password shown once)'))
      .addOption(
        new Option('--mode <mode>', 'read_only or read_write')
          .choices(['read_only', 'read_write'])
          .default('read_only'),
      )
      .action(async (o: Options & { mode: string }) => {
        const target = await signedInTarget(o);
        const result = await callApi<{ credential: Credential; connection: Connection }>(
          target,
          'PUT',
          path(o),
          { mode: o.mode },
        );
        print(
          { ...result.connection, mode: result.credential.mode, email: result.credential.accountEmail },
          o.json,
          () => shown(result),
        );
      }),
  );

  db.addCommand(
    withTarget(apiCommand('rotate', 'give the login a new password (the old one stops working)')).action(
      async (o: Options) => {
        const target = await signedInTarget(o);
        const result = await callApi<{ credential: Credential; connection: Connection }>(
          target,
          'POST',
          `${path(o)}/rotate`,
        );
        print(
          { ...result.connection, mode: result.credential.mode, email: result.credential.accountEmail },
          o.json,
          () => shown(result),
        );
      },
    ),
  );

  db.addCommand(
    withTarget(apiCommand('revoke', 'drop the login and end its sessions')).action(async (o: Options) => {
      const target = await signedInTarget(o);
      await callApi(target, 'DELETE', path(o));
      print(
        { revoked: o.user, client: o.client },
        o.json,
        () => `Database credentials of ${o.user} on ${o.client} revoked.`,
      );
    }),
  );

  db.addCommand(
    apiCommand('list', "list a client's personal database logins")
      .requiredOption('--client <slug>', 'the client')
      .action(async (o: CommonOptions & { client: string }) => {
        const target = await signedInTarget(o);
        const { credentials } = await callApi<{ credentials: Credential[] }>(
          target,
          'GET',
          `/api/clients/${encodeURIComponent(o.client)}/credentials`,
        );
        print(credentials, o.json, (list) =>
          list.length === 0
            ? 'no personal database logins'
            : table([
                ['PERSON', 'LOGIN', 'MODE', 'CREATED', 'ROTATED'],
                ...list.map((c) => [c.accountEmail, c.roleName, c.mode, c.createdAt, c.rotatedAt ?? '-']),
              ]),
        );
      }),
  );
  return db;
}
