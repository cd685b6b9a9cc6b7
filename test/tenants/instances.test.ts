import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invite, signIn, type Caller } from '../support/actors.js';
import { removeDir, startPlatform, type RunningPlatform } from '../support/platform.js';
import { pidsMatching } from '../support/processes.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';

const operator = { email: 'ops@host.test', password: 'tenant operator phrase 2' };
let platform: RunningPlatform;
let smtp: TestSmtp;
let ops: Caller;
let ca: string;

interface Connection {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
  uri: string;
  caFile: string;
}
const created: Record<string, Connection> = {};

/** A real client connection, TLS verified against the platform CA unless told otherwise. */
async function connect(
  c: { port: number; database: string; user: string; password: string },
  ssl: pg.ClientConfig['ssl'] = { ca, servername: 'localhost' },
) {
  const client = new pg.Client({
    host: '127.0.0.1',
    port: c.port,
    database: c.database,
    user: c.user,
    password: c.password,
    ssl,
    connectionTimeoutMillis: 5000,
  });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

async function refusal(c: Parameters<typeof connect>[0], ssl?: pg.ClientConfig['ssl']): Promise<string> {
  try {
    const client = await connect(c, ssl);
    await client.end();
    return 'connected';
  } catch (error) {
    return (error as Error).message;
  }
}

async function sqlError(client: pg.Client, statement: string): Promise<string> {
  try {
    await client.query(statement);
    return 'succeeded';
  } catch (error) {
    return (error as Error).message;
  }
}

beforeAll(async () => {
  smtp = await startSmtp();
  platform = await startPlatform({
    env: {
      OXYGIS_BOOTSTRAP_ADMIN_EMAIL: operator.email,
      OXYGIS_BOOTSTRAP_ADMIN_PASSWORD: operator.password,
      OXYGIS_SMTP_URL: smtp.url,
      OXYGIS_DELETE_GRACE_DAYS: '0',
    },
  });
  ca = await readFile(platform.caFile, 'utf8');
  ops = await signIn(platform, operator.email, operator.password);
  for (const name of ['Alpha Foods', 'Bravo Tools']) {
    const response = await ops.call('/api/clients', { method: 'POST', body: { name } });
    expect(response.status, response.text).toBe(201);
    const body = response.json as { client: { slug: string }; connection: Connection };
    created[body.client.slug] = body.connection;
  }
}, 180_000);

afterAll(async () => {
  await platform.stop();
  await smtp.stop();
  await removeDir(platform.dataDir);
});

const alpha = () => created['alpha-foods'] as Connection;
const bravo = () => created['bravo-tools'] as Connection;

describe('a dedicated PostgreSQL instance per client', () => {
  it('gives each client its own instance, port, database and owner, reachable over verified TLS', async () => {
    expect(alpha().port).not.toBe(bravo().port);
    expect(alpha()).toMatchObject({ database: 'alpha_foods', user: 'alpha_foods_owner', host: 'localhost' });
    expect(alpha().uri).toMatch(
      /^postgresql:\/\/alpha_foods_owner:.+@localhost:\d+\/alpha_foods\?sslmode=verify-full&sslrootcert=/,
    );
    const client = await connect(alpha());
    const info = await client.query<{ ssl: boolean; superuser: string; db: string }>(
      `select ssl, current_setting('is_superuser') as superuser, current_database() as db from pg_stat_ssl where pid = pg_backend_pid()`,
    );
    expect(info.rows[0]).toEqual({ ssl: true, superuser: 'off', db: 'alpha_foods' });
    await client.query('create table orders (id serial primary key, item text)');
    await client.query(`insert into orders (item) values ('croissant')`);
    await client.end();
    const pids = await pidsMatching(`${platform.dataDir}/instances/`);
    expect(pids.length).toBeGreaterThanOrEqual(2);
  });

  it('publishes the CA that signs the instances, for clients on other machines', async () => {
    const response = await ops.call('/api/ca.pem');
    expect(response.headers['content-type']).toMatch(/pem/);
    expect(response.text).toBe(ca);
  });

  it('shows the password once: listing and showing the client never repeat it', async () => {
    const shown = await ops.call('/api/clients/alpha-foods');
    expect(shown.text).not.toContain(alpha().password);
    expect(shown.json).toMatchObject({
      client: { instance: { running: true, port: alpha().port, database: 'alpha_foods' } },
    });
    expect((await ops.call('/api/clients')).text).not.toContain(alpha().password);
  });
});

describe('isolation, proven by attacks that must all fail', () => {
  it("client A's credentials do not open client B's instance or database", async () => {
    expect(await refusal({ ...alpha(), port: bravo().port })).toMatch(
      /password authentication failed|no pg_hba\.conf entry/,
    );
    expect(await refusal({ ...alpha(), port: bravo().port, database: 'bravo_tools' })).toMatch(
      /password authentication failed|no pg_hba\.conf entry/,
    );
    expect(await refusal({ ...alpha(), database: 'template1' })).toMatch(/permission denied for database/);
  });

  it('refuses a connection without TLS', async () => {
    expect(await refusal(alpha(), false)).toMatch(/no pg_hba\.conf entry.*no encryption/);
  });

  it("A's owner cannot read server files, run programs, become superuser or change the server", async () => {
    const client = await connect(alpha());
    try {
      expect(await sqlError(client, `select pg_read_file('/etc/passwd')`)).toMatch(/permission denied/);
      expect(await sqlError(client, `copy orders from program 'id'`)).toMatch(
        /permission denied|must be superuser|pg_execute_server_program/,
      );
      expect(await sqlError(client, `select lo_import('/etc/passwd')`)).toMatch(
        /permission denied|must be superuser|pg_read_server_files/,
      );
      expect(await sqlError(client, `copy orders to '/tmp/oxygis-leak'`)).toMatch(
        /permission denied|must be superuser|pg_write_server_files/,
      );
      expect(await sqlError(client, 'create role evil superuser login')).toMatch(/permission denied/);
      expect(await sqlError(client, 'alter role alpha_foods_owner superuser')).toMatch(/permission denied/);
      expect(await sqlError(client, `alter system set listen_addresses = '*'`)).toMatch(/permission denied/);
      expect(await sqlError(client, 'select pg_reload_conf()')).toMatch(/permission denied/);
      expect(await sqlError(client, `create extension if not exists adminpack`)).not.toBe('succeeded');
    } finally {
      await client.end();
    }
  });
});

describe('lifecycle', () => {
  it('a suspended client refuses connections and keeps its data; resume brings it back', async () => {
    expect((await ops.call('/api/clients/alpha-foods/suspend', { method: 'POST' })).json).toMatchObject({
      client: { status: 'suspended', instance: { running: false, status: 'suspended' } },
    });
    expect(await refusal(alpha())).toMatch(/ECONNREFUSED|connect/);
    expect((await ops.call('/api/clients/alpha-foods/resume', { method: 'POST' })).json).toMatchObject({
      client: { status: 'active', instance: { running: true } },
    });
    const client = await connect(alpha());
    expect((await client.query('select item from orders')).rows).toEqual([{ item: 'croissant' }]);
    await client.end();
  });

  it('an instance that crashes is restarted and the crash is recorded', async () => {
    const [postmaster] = await pidsMatching(`-p ${alpha().port}`);
    expect(postmaster).toBeDefined();
    process.kill(postmaster ?? 0, 'SIGKILL');
    const deadline = Date.now() + 20_000;
    let back = false;
    while (!back && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      back = (await refusal(alpha())) === 'connected';
    }
    expect(back).toBe(true);
    const events = (await ops.call('/api/clients/alpha-foods/events')).json as { events: { kind: string }[] };
    expect(events.events.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['crashed', 'restarted', 'provisioned']),
    );
  });

  it('refuses bad requests clearly and changes nothing', async () => {
    for (const [body, code] of [
      [{ name: 'Gamma', plan: 'platinum' }, 'unknown_plan'],
      [{ name: 'Alpha Foods' }, 'slug_taken'],
      [{ name: 'Template', slug: 'template1' }, 'reserved_slug'],
      [{ name: 'Bad', slug: '-bad-' }, 'invalid_slug'],
    ] as const) {
      expect((await ops.call('/api/clients', { method: 'POST', body })).json).toMatchObject({ error: code });
    }
    const list = (await ops.call('/api/clients')).json as { clients: unknown[] };
    expect(list.clients).toHaveLength(2);
  });
});

describe('personal database credentials', () => {
  it('grants read_only and read_write logins, rotates and revokes them', async () => {
    const admin = await invite(
      platform,
      smtp,
      ops,
      { email: 'anna@bravo.test', role: 'client_admin', client: 'bravo-tools' },
      'harbor violet quill 61',
    );
    const user = await invite(
      platform,
      smtp,
      admin.caller,
      { email: 'ben@bravo.test', role: 'client_user', client: 'bravo-tools' },
      'pepper cedar drum 44',
    );
    const owner = await connect(bravo());
    await owner.query('create table stock (sku text primary key, qty int)');
    await owner.query(`insert into stock values ('hammer', 3)`);

    // A user without the right gets a clear refusal.
    const refused = await admin.caller.call('/api/clients/bravo-tools/credentials/ben@bravo.test', {
      method: 'PUT',
      body: { mode: 'read_only' },
    });
    expect(refused.json).toMatchObject({ error: 'right_missing' });
    await admin.caller.call(`/api/accounts/${user.id}/rights`, {
      method: 'PUT',
      body: { rights: ['database_credentials'] },
    });

    const readOnly = await admin.caller.call('/api/clients/bravo-tools/credentials/ben@bravo.test', {
      method: 'PUT',
      body: { mode: 'read_only' },
    });
    expect(readOnly.status).toBe(201);
    const ro = (readOnly.json as { connection: Connection }).connection;
    const reader = await connect(ro);
    expect((await reader.query('select qty from stock')).rows).toEqual([{ qty: 3 }]);
    expect(await sqlError(reader, `insert into stock values ('saw', 1)`)).toMatch(/permission denied/);
    expect(await sqlError(reader, 'create table mine (x int)')).toMatch(/permission denied/);

    const readWrite = await admin.caller.call('/api/clients/bravo-tools/credentials/anna@bravo.test', {
      method: 'PUT',
      body: { mode: 'read_write' },
    });
    const rw = (readWrite.json as { connection: Connection }).connection;
    const writer = await connect(rw);
    await writer.query(`insert into stock values ('saw', 1)`);
    await writer.end();

    const listed = await admin.caller.call('/api/clients/bravo-tools/credentials');
    expect(listed.text).not.toContain(ro.password);
    expect(
      (listed.json as { credentials: { accountEmail: string; mode: string }[] }).credentials.map((c) => [
        c.accountEmail,
        c.mode,
      ]),
    ).toEqual([
      ['anna@bravo.test', 'read_write'],
      ['ben@bravo.test', 'read_only'],
    ]);

    // The user rotates its own password: the old one stops working.
    const rotated = await user.caller.call('/api/clients/bravo-tools/credentials/ben@bravo.test/rotate', {
      method: 'POST',
    });
    const fresh = (rotated.json as { connection: Connection }).connection;
    expect(await refusal(ro)).toMatch(/password authentication failed/);
    expect(await refusal(fresh)).toBe('connected');
    // …but cannot revoke or grant.
    expect(
      (await user.caller.call('/api/clients/bravo-tools/credentials/ben@bravo.test', { method: 'DELETE' }))
        .status,
    ).toBe(403);

    // Revoking drops the role and ends its open session.
    const open = await connect(fresh);
    expect(
      (await admin.caller.call('/api/clients/bravo-tools/credentials/ben@bravo.test', { method: 'DELETE' }))
        .status,
    ).toBe(204);
    expect(await sqlError(open, 'select 1')).not.toBe('succeeded');
    // The role is gone: it is no longer a member of the clients' group that pg_hba admits.
    expect(await refusal(fresh)).toMatch(/password authentication failed|no pg_hba\.conf entry/);
    await reader.end().catch(() => undefined);
    await owner.end();
  });
});
