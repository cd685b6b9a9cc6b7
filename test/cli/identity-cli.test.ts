import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliSession, type CliSession } from '../support/cli-session.js';

let session: CliSession;
const cli = (args: string[]) => session.cli(args);
const json = <T>(args: string[]) => session.json<T>(args);

beforeAll(async () => {
  session = await startCliSession({ email: 'ops@host.test', password: 'command line phrase 4' });
}, 120_000);

afterAll(() => session.stop());

describe('oxygis tenant / user / audit / token', () => {
  it('creates and lists clients, and explains a bad slug', async () => {
    const created = await json<{
      client: { slug: string; name: string };
      database: string;
      user: string;
      password: string;
    }>(['tenant', 'create', 'Brasserie Dupont & Fils']);
    expect(created.client).toMatchObject({ slug: 'brasserie-dupont-fils', name: 'Brasserie Dupont & Fils' });
    expect(created).toMatchObject({ database: 'brasserie_dupont_fils', user: 'brasserie_dupont_fils_owner' });
    expect(created.password.length).toBeGreaterThanOrEqual(24);
    const bad = await cli(['tenant', 'create', 'Whatever', '--slug', 'No Spaces']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/not a valid slug.*\(invalid_slug\)/);
    const list = await cli(['tenant', 'list']);
    expect(list.stdout).toMatch(
      /SLUG\s+NAME\s+PLAN\s+STATUS\s+DATABASE\s+PORT\s+2FA REQUIRED\nbrasserie-dupont-fils\s+Brasserie Dupont & Fils\s+standard\s+active\s+running\s+\d+\s+no/,
    );
  });

  it('invites accounts, manages rights and status', async () => {
    const created = await json<{ invited: boolean; account: { email: string; status: string } }>([
      'user',
      'create',
      '--email',
      'lea@dupont.test',
      '--role',
      'client_user',
      '--client',
      'brasserie-dupont-fils',
      '--name',
      'Léa',
    ]);
    expect(created).toMatchObject({
      invited: true,
      account: { email: 'lea@dupont.test', status: 'invited' },
    });
    await session.smtp.waitFor((m) => m.to.includes('lea@dupont.test'));

    expect(await json(['user', 'rights', 'lea@dupont.test', '--grant', 'tickets', 'backups'])).toEqual({
      email: 'lea@dupont.test',
      rights: ['backups', 'tickets'],
    });
    expect(await json(['user', 'rights', 'lea@dupont.test', '--revoke', 'backups'])).toEqual({
      email: 'lea@dupont.test',
      rights: ['tickets'],
    });
    const badRight = await cli(['user', 'rights', 'lea@dupont.test', '--grant', 'root']);
    expect(badRight.code).toBe(2);
    expect(badRight.stderr).toMatch(/Allowed choices are tickets, backups, reports, database_credentials/);

    const list = await cli(['user', 'list', '--client', 'brasserie-dupont-fils']);
    expect(list.stdout).toMatch(
      /lea@dupont\.test\s+Léa\s+client_user\s+brasserie-dupont-fils\s+invited\s+off\s+tickets/,
    );
    const missing = await cli(['user', 'show', 'ghost@nowhere.test']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no such account/);
  });

  it('exports the audit log as CSV and lists and revokes tokens', async () => {
    const csv = await cli(['audit', 'list', '--format', 'csv']);
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\n')[0]).toBe('id,at,actor,client,action,target,ip,detail');
    expect(csv.stdout).toMatch(/account\.rights_changed/);
    expect(csv.stdout).toMatch(/client\.created/);

    const tokens = await json<{ id: string; revokedAt: string | null }[]>(['token', 'list']);
    expect(tokens).toHaveLength(1);
    const id = tokens[0]?.id ?? '';
    expect((await cli(['token', 'revoke', id])).code).toBe(0);
    const after = await cli(['token', 'list']);
    expect(after.code).toBe(1);
    expect(after.stderr).toMatch(/token is unknown or revoked/);
  });
});
