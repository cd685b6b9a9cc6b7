import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invite, signIn } from '../support/actors.js';
import { startCliSession, type CliSession } from '../support/cli-session.js';

let session: CliSession;
const cli = (args: string[]) => session.cli(args);
const json = <T>(args: string[]) => session.json<T>(args);

beforeAll(async () => {
  session = await startCliSession({ email: 'ops@host.test', password: 'tenant command phrase 3' });
}, 120_000);

afterAll(() => session.stop());

/** Connects with the URI exactly as the CLI printed it (sslmode=verify-full, sslrootcert). */
async function selectOne(uri: string): Promise<string> {
  const client = new pg.Client({
    connectionString: uri.replace('@localhost:', '@127.0.0.1:'),
    connectionTimeoutMillis: 5000,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const result = await client.query<{ one: number }>('select 1 as one');
    await client.end();
    return String(result.rows[0]?.one);
  } catch (error) {
    return (error as Error).message;
  }
}

describe('oxygis tenant and oxygis db', () => {
  it('tenant create --json prints connection details whose URI works as given, with TLS verified', async () => {
    const created = await json<{
      host: string;
      port: number;
      database: string;
      user: string;
      password: string;
      uri: string;
      caFile: string;
      client: { plan: string; contacts: unknown[] };
    }>([
      'tenant',
      'create',
      'Cafe Central',
      '--plan',
      'premium',
      '--contact',
      'Jeanne Dupont <jeanne@cafe.test>',
    ]);
    expect(created).toMatchObject({
      host: 'localhost',
      database: 'cafe_central',
      user: 'cafe_central_owner',
      caFile: `${session.platform.dataDir}/tls/ca.pem`,
    });
    expect(created.client).toMatchObject({
      plan: 'premium',
      contacts: [{ name: 'Jeanne Dupont', email: 'jeanne@cafe.test' }],
    });
    expect(created.uri).toContain(encodeURIComponent(created.password));
    expect(await selectOne(created.uri)).toBe('1');
    const shown = await cli(['tenant', 'show', 'cafe-central']);
    expect(shown.stdout).toMatch(
      /plan premium, active\n\s+database: running, localhost:\d+\/cafe_central as cafe_central_owner, disk [\d.]+ MB/,
    );
    expect(shown.stdout).not.toContain(created.password);
    const reset = await json<{ password: string; uri: string }>([
      'tenant',
      'reset-owner-password',
      'cafe-central',
    ]);
    expect(reset.password).not.toBe(created.password);
    expect(await selectOne(created.uri)).toMatch(/password authentication failed/);
    expect(await selectOne(reset.uri)).toBe('1');
    const badContact = await cli(['tenant', 'create', 'Other', '--contact', 'no email here']);
    expect(badContact.code).toBe(2);
    expect(badContact.stderr).toMatch(/not a contact/);
  });

  it('suspend, resume and delete', async () => {
    const suspended = await json<{ status: string; instance: { running: boolean } }>([
      'tenant',
      'suspend',
      'cafe-central',
    ]);
    expect(suspended).toMatchObject({ status: 'suspended', instance: { running: false } });
    const twice = await cli(['tenant', 'suspend', 'cafe-central']);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/only an active client can be suspended/);
    expect(await json(['tenant', 'resume', 'cafe-central'])).toMatchObject({
      status: 'active',
      instance: { running: true },
    });
    const deleting = await json<{ status: string; deleteAfter: string }>([
      'tenant',
      'delete',
      'cafe-central',
    ]);
    expect(deleting.status).toBe('deleting');
    expect(new Date(deleting.deleteAfter).getTime()).toBeGreaterThan(Date.now() + 6 * 24 * 3600 * 1000);
    expect(await json(['tenant', 'resume', 'cafe-central'])).toMatchObject({
      status: 'active',
      deleteAfter: null,
    });
  });

  it('db grant, list, rotate and revoke personal logins', async () => {
    const ops = await signIn(session.platform, session.operator.email, session.operator.password);
    await invite(
      session.platform,
      session.smtp,
      ops,
      { email: 'kim@cafe.test', role: 'client_admin', client: 'cafe-central' },
      'juniper anvil sonnet 81',
    );
    const granted = await json<{ user: string; password: string; uri: string; mode: string }>([
      'db',
      'grant',
      '--client',
      'cafe-central',
      '--user',
      'kim@cafe.test',
      '--mode',
      'read_write',
    ]);
    expect(granted.mode).toBe('read_write');
    expect(granted.user).toMatch(/^cafe_central_u_[0-9a-f]{8}$/);
    expect(await selectOne(granted.uri)).toBe('1');

    const list = await cli(['db', 'list', '--client', 'cafe-central']);
    expect(list.stdout).toMatch(/kim@cafe\.test\s+cafe_central_u_[0-9a-f]{8}\s+read_write/);
    expect(list.stdout).not.toContain(granted.password);

    const rotated = await json<{ uri: string; password: string }>([
      'db',
      'rotate',
      '--client',
      'cafe-central',
      '--user',
      'kim@cafe.test',
    ]);
    expect(rotated.password).not.toBe(granted.password);
    expect(await selectOne(granted.uri)).toMatch(/password authentication failed/);
    expect(await selectOne(rotated.uri)).toBe('1');

    expect((await cli(['db', 'revoke', '--client', 'cafe-central', '--user', 'kim@cafe.test'])).code).toBe(0);
    expect(await selectOne(rotated.uri)).toMatch(/password authentication failed|no pg_hba\.conf entry/);
    const again = await cli(['db', 'revoke', '--client', 'cafe-central', '--user', 'kim@cafe.test']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/no database credentials on this client/);
    const badMode = await cli([
      'db',
      'grant',
      '--client',
      'cafe-central',
      '--user',
      'kim@cafe.test',
      '--mode',
      'admin',
    ]);
    expect(badMode.code).toBe(2);
  });
});
