import { Command } from 'commander';
import { callApi } from '../api-client.js';
import { print } from '../output.js';
import { apiCommand, signedInTarget, table, type CommonOptions } from './common.js';

interface Token {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export function tokenCommand(): Command {
  const token = new Command('token').description('your API tokens');
  token.addCommand(
    apiCommand('list', 'list your API tokens (never their secrets)').action(async (o: CommonOptions) => {
      const target = await signedInTarget(o);
      const { tokens } = await callApi<{ tokens: Token[] }>(target, 'GET', '/api/auth/tokens');
      print(tokens, o.json, (list) =>
        table([
          ['ID', 'NAME', 'CREATED', 'LAST USED', 'REVOKED'],
          ...list.map((t) => [t.id, t.name, t.createdAt, t.lastUsedAt ?? '-', t.revokedAt ?? '-']),
        ]),
      );
    }),
  );
  token.addCommand(
    apiCommand('revoke', 'revoke one of your API tokens')
      .argument('<id>', 'token id (see token list)')
      .action(async (id: string, o: CommonOptions) => {
        const target = await signedInTarget(o);
        await callApi(target, 'DELETE', `/api/auth/tokens/${encodeURIComponent(id)}`);
        print({ revoked: id }, o.json, () => `Token ${id} revoked.`);
      }),
  );
  return token;
}
