import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { apiRequest, callApi } from '../api-client.js';
import { saveCredentials } from '../credentials.js';
import { CliError } from '../errors.js';
import { print } from '../output.js';
import { ask, readStdin } from '../prompt.js';
import { resolveTarget, type TargetOptions } from '../target.js';

interface Issued {
  id: string;
  token: string;
  account: { email: string; displayName: string; kind: string };
}

export function loginCommand(): Command {
  return new Command('login')
    .description('sign in and keep an API token for the other commands')
    .option('--url <url>', 'platform URL [env OXYGIS_URL]')
    .option('--ca <file>', 'CA certificate to trust for that URL')
    .option('--email <email>', 'account e-mail (asked when missing)')
    .option('--password-stdin', 'read the password from standard input')
    .option('--code <code>', 'second-factor code (asked when the account has one)')
    .option('--json', 'print JSON')
    .action(
      async (
        options: TargetOptions & { email?: string; passwordStdin?: boolean; code?: string; json?: boolean },
      ) => {
        const target = await resolveTarget(options, process.env, false);
        const email = options.email ?? (await ask('E-mail: '));
        const password = options.passwordStdin ? await readStdin() : await ask('Password: ', true);
        if (!email || !password) throw new CliError('give an e-mail address and a password', 2);
        const body = {
          email,
          password,
          name: `oxygis CLI on ${os.hostname()}`,
          ...(options.code ? { code: options.code } : {}),
        };
        const anonymous = { ...target, token: undefined };
        const first = await apiRequest(anonymous, 'POST', '/api/auth/tokens', body);
        const needsCode =
          first.status === 401 && (first.body as { error?: string } | undefined)?.error === 'mfa_required';
        const issued = needsCode
          ? await callApi<Issued>(anonymous, 'POST', '/api/auth/tokens', {
              ...body,
              code: await ask('Second-factor code: '),
            })
          : await callApi<Issued>(anonymous, 'POST', '/api/auth/tokens', body, first);
        const file = await saveCredentials(process.env, {
          url: target.url,
          token: issued.token,
          ...(options.ca ? { ca: path.resolve(options.ca) } : {}),
        });
        print(
          { url: target.url, account: issued.account, tokenId: issued.id, credentialsFile: file },
          options.json,
          (r) => `Signed in to ${r.url} as ${r.account.email}. Token kept in ${r.credentialsFile}.`,
        );
      },
    );
}
