import { Command, Option } from 'commander';
import { callApi } from '../api-client.js';
import { print } from '../output.js';
import { apiCommand, query, signedInTarget, table, type CommonOptions } from './common.js';

interface AccountDetails {
  id: string;
  email: string;
  displayName: string;
  kind: string;
  roles: string[];
  clientSlug: string | null;
  status: string;
  rights: string[];
  mfaEnabled: boolean;
}

const role = (a: AccountDetails) => (a.kind === 'staff' ? (a.roles[0] ?? 'staff') : a.kind);

function describe(a: AccountDetails): string {
  return [
    `${a.displayName} <${a.email}>`,
    `  role: ${role(a)}${a.clientSlug ? ` of client ${a.clientSlug}` : ''}`,
    `  status: ${a.status}, second factor: ${a.mfaEnabled ? 'on' : 'off'}`,
    ...(a.kind === 'client_user' ? [`  rights: ${a.rights.join(', ') || 'none'}`] : []),
    `  id: ${a.id}`,
  ].join('\n');
}

const RIGHTS = ['tickets', 'backups', 'reports', 'database_credentials'];

export function userCommand(): Command {
  const user = new Command('user').description('accounts: staff, client administrators and client users');

  user.addCommand(
    apiCommand('create', 'create an account; the person gets an invitation e-mail to choose a password')
      .requiredOption('--email <email>', 'e-mail address')
      .addOption(
        new Option('--role <role>', 'role')
          .choices(['operator', 'support_agent', 'client_admin', 'client_user'])
          .makeOptionMandatory(),
      )
      .option('--client <slug>', 'client of a client_admin or client_user')
      .option('--name <name>', 'display name')
      .option(
        '--password-hash <hash>',
        'import an existing $pbkdf2-sha512$… hash instead of inviting (operators)',
      )
      .action(
        async (
          o: CommonOptions & {
            email: string;
            role: string;
            client?: string;
            name?: string;
            passwordHash?: string;
          },
        ) => {
          const target = await signedInTarget(o);
          const result = await callApi<{ account: AccountDetails; invited: boolean }>(
            target,
            'POST',
            '/api/accounts',
            {
              email: o.email,
              role: o.role,
              displayName: o.name ?? '',
              ...(o.client ? { client: o.client } : {}),
              ...(o.passwordHash ? { passwordHash: o.passwordHash } : {}),
            },
          );
          print(
            result,
            o.json,
            (r) =>
              `${describe(r.account)}\n${r.invited ? `An invitation was sent to ${r.account.email}.` : 'Imported with its existing password hash.'}`,
          );
        },
      ),
  );

  user.addCommand(
    apiCommand('list', 'list the accounts you may see')
      .option('--client <slug>', 'only this client')
      .action(async (o: CommonOptions & { client?: string }) => {
        const target = await signedInTarget(o);
        const { accounts } = await callApi<{ accounts: AccountDetails[] }>(
          target,
          'GET',
          `/api/accounts${query({ client: o.client })}`,
        );
        print(accounts, o.json, (list) =>
          list.length === 0
            ? 'no accounts'
            : table([
                ['EMAIL', 'NAME', 'ROLE', 'CLIENT', 'STATUS', '2FA', 'RIGHTS'],
                ...list.map((a) => [
                  a.email,
                  a.displayName,
                  role(a),
                  a.clientSlug ?? '-',
                  a.status,
                  a.mfaEnabled ? 'on' : 'off',
                  a.rights.join(',') || '-',
                ]),
              ]),
        );
      }),
  );

  user.addCommand(
    apiCommand('show', 'show one account')
      .argument('<email>', 'e-mail or id')
      .action(async (email: string, o: CommonOptions) => {
        const target = await signedInTarget(o);
        const { account } = await callApi<{ account: AccountDetails }>(
          target,
          'GET',
          `/api/accounts/${encodeURIComponent(email)}`,
        );
        print(account, o.json, describe);
      }),
  );

  for (const action of ['disable', 'enable'] as const) {
    user.addCommand(
      apiCommand(
        action,
        `${action} an account${action === 'disable' ? ' (its sessions and tokens stop working)' : ''}`,
      )
        .argument('<email>', 'e-mail or id')
        .action(async (email: string, o: CommonOptions) => {
          const target = await signedInTarget(o);
          const { account } = await callApi<{ account: AccountDetails }>(
            target,
            'POST',
            `/api/accounts/${encodeURIComponent(email)}/${action}`,
          );
          print(account, o.json, describe);
        }),
    );
  }

  user.addCommand(
    apiCommand('invite', 'send the invitation e-mail again')
      .argument('<email>', 'e-mail or id')
      .action(async (email: string, o: CommonOptions) => {
        const target = await signedInTarget(o);
        await callApi(target, 'POST', `/api/accounts/${encodeURIComponent(email)}/invitation`);
        print({ sent: true, email }, o.json, () => `Invitation sent again to ${email}.`);
      }),
  );

  user.addCommand(
    apiCommand('rights', "show, grant or revoke a client user's rights")
      .argument('<email>', 'e-mail or id')
      .addOption(new Option('--grant <right...>', 'rights to grant').choices(RIGHTS))
      .addOption(new Option('--revoke <right...>', 'rights to revoke').choices(RIGHTS))
      .action(async (email: string, o: CommonOptions & { grant?: string[]; revoke?: string[] }) => {
        const target = await signedInTarget(o);
        const path = `/api/accounts/${encodeURIComponent(email)}`;
        let { account } = await callApi<{ account: AccountDetails }>(target, 'GET', path);
        if (o.grant || o.revoke) {
          const rights = new Set([...account.rights, ...(o.grant ?? [])]);
          for (const right of o.revoke ?? []) rights.delete(right);
          ({ account } = await callApi<{ account: AccountDetails }>(target, 'PUT', `${path}/rights`, {
            rights: [...rights],
          }));
        }
        print(
          { email: account.email, rights: account.rights },
          o.json,
          (r) => `${r.email}: ${r.rights.join(', ') || 'no rights'}`,
        );
      }),
  );
  return user;
}
