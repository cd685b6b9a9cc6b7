import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invite, signIn, type Caller } from '../support/actors.js';
import { connectTo, type DatabaseLogin } from '../support/client-db.js';
import { startCliSession, type CliSession } from '../support/cli-session.js';
import { startPlatform, type RunningPlatform } from '../support/platform.js';
import { until } from '../support/until.js';

const run = promisify(execFile);

interface Standby {
  zone: string;
  status: string;
  state: string | null;
  port: number | null;
  lagBytes: number | null;
  error: string | null;
}
interface StandbyStatus {
  client: string;
  primaryZone: string | null;
  standby: Standby | null;
}

let session: CliSession;
let platform: RunningPlatform;
let ops: Caller;
let boss: Caller;
const ids: Record<string, string> = {};
const logins: Record<string, DatabaseLogin> = {};
let ca: string;

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

async function sql<T = Record<string, unknown>>(login: DatabaseLogin, statement: string): Promise<T[]> {
  const db = await connectTo(login, ca);
  try {
    return (await db.query(statement)).rows as T[];
  } finally {
    await db.end();
  }
}

async function status(slug: string): Promise<StandbyStatus> {
  const response = await ops.call(`/api/clients/${slug}/standby`);
  expect(response.status, response.text).toBe(200);
  return response.json as StandbyStatus;
}

/** The standby once it streams from its primary and has replayed everything. */
const caughtUp = (slug: string, zone: string) =>
  until(async () => {
    const s = (await status(slug)).standby;
    return s?.zone === zone && s.status === 'running' && s.state === 'streaming' && s.lagBytes === 0
      ? s
      : undefined;
  }, 120_000);

/** postgres processes whose command line names a data directory. */
async function postmastersOn(dataDir: string): Promise<string[]> {
  const { stdout } = await run('ps', ['-eo', 'pid,args']).catch(() => ({ stdout: '' }));
  return stdout
    .split('\n')
    .filter((line) => line.includes(`-D ${dataDir} `) || line.endsWith(`-D ${dataDir}`));
}

beforeAll(async () => {
  session = await startCliSession(
    { email: 'ops@oxygis-zones.test', password: 'two zones phrase 61' },
    { OXYGIS_ARCHIVE_TIMEOUT_SECONDS: '5', OXYGIS_STANDBY_ALERT_SECONDS: '10' },
  );
  platform = session.platform;
  ca = await readFile(platform.caFile, 'utf8');
  for (const name of ['Tundra', 'Steppe']) {
    const created = await session.json<DatabaseLogin & { client: { id: string; slug: string } }>([
      'tenant',
      'create',
      name,
    ]);
    ids[created.client.slug] = created.client.id;
    logins[created.client.slug] = created;
  }
  ops = await signIn(platform, session.operator.email, session.operator.password);
  boss = (
    await invite(
      platform,
      session.smtp,
      ops,
      { email: 'boss@tundra.test', role: 'client_admin', client: 'tundra' },
      'frozen plain phrase 72',
    )
  ).caller;
}, 180_000);

afterAll(async () => {
  if (platform !== session.platform) await platform.stop();
  await session.stop();
});

describe('multi-zone deployment', { timeout: 300_000 }, () => {
  const tundra = () => logins.tundra as DatabaseLogin;
  const zoneB = () => path.join(platform.dataDir, 'zones', 'b', ids.tundra ?? '');
  const zoneA = () => path.join(platform.dataDir, 'instances', ids.tundra ?? '');

  it('activation builds a hot standby in the other zone that streams every write', async () => {
    await sql(tundra(), 'create table orders (id int primary key, item text)');
    await sql(tundra(), "insert into orders values (1, 'before the standby')");
    const requested = await boss.call('/api/clients/tundra/options', {
      method: 'POST',
      body: { option: 'multi_zone_deployment' },
    });
    expect(requested.status, requested.text).toBe(201);
    await session.json(['option', 'approve', 'tundra', 'multi_zone_deployment']);

    const standby = await caughtUp('tundra', 'b');
    expect(await exists(path.join(zoneB(), 'pgdata', 'standby.signal'))).toBe(true);
    expect(standby.port).not.toBe(tundra().port);
    await sql(tundra(), "insert into orders values (2, 'after the standby')");
    await caughtUp('tundra', 'b');
    // The client's own login reads the standby (read-only): both rows are there.
    const onStandby = { ...tundra(), port: standby.port ?? 0 };
    expect(
      (await sql<{ item: string }>(onStandby, 'select item from orders order by id')).map((r) => r.item),
    ).toEqual(['before the standby', 'after the standby']);
    await expect(sql(onStandby, "insert into orders values (3, 'nope')")).rejects.toThrow(/read-only/);

    // The client's administrator sees it; another client has none; the CLI says it in words.
    const seen = await boss.call('/api/clients/tundra/standby');
    expect((seen.json as StandbyStatus).standby?.zone).toBe('b');
    expect((await status('steppe')).standby).toBeNull();
    expect((await boss.call('/api/clients/steppe/standby')).status).toBe(404);
    const shown = await session.cli(['standby', 'show', 'tundra']);
    expect(shown.stdout).toMatch(/primary in zone a, standby in zone b/);
    expect(shown.stdout).toMatch(/state\s+streaming/);
  });

  it('refuses a failover that is not confirmed, not allowed, or has no standby — and changes nothing', async () => {
    const cases: [Caller, string, object, number, RegExp][] = [
      [ops, 'tundra', {}, 400, /type the client's slug \(tundra\)/],
      [ops, 'tundra', { confirm: 'steppe' }, 400, /confirm/],
      [boss, 'tundra', { confirm: 'tundra' }, 403, /operator/i],
      [ops, 'steppe', { confirm: 'steppe' }, 404, /no standby/],
      [ops, 'nowhere', { confirm: 'nowhere' }, 404, /no such client/],
    ];
    for (const [caller, slug, body, code, message] of cases) {
      const response = await caller.call(`/api/clients/${slug}/standby/failover`, { method: 'POST', body });
      expect(response.status, `${slug} ${JSON.stringify(body)}`).toBe(code);
      expect(response.text).toMatch(message);
    }
    const noTty = await session.cli(['standby', 'failover', 'tundra']);
    expect(noTty.code).toBe(2);
    expect(noTty.stderr).toMatch(/confirm with --yes/);
    expect((await status('tundra')).primaryZone).toBe('a');
  });

  it('a failover makes the standby the database on the same port with every committed row; a new standby follows', async () => {
    await sql(tundra(), "insert into orders values (3, 'just before the failover')");
    const result = await session.json<StandbyStatus>(['standby', 'failover', 'tundra', '--yes']);
    expect(result.primaryZone).toBe('b');
    // Same host, port and password: nothing committed was lost, and it takes writes.
    expect(
      (await sql<{ id: number }>(tundra(), 'select id from orders order by id')).map((r) => r.id),
    ).toEqual([1, 2, 3]);
    await sql(tundra(), "insert into orders values (4, 'after the failover')");
    expect(await exists(path.join(zoneB(), 'pgdata', 'standby.signal'))).toBe(false);

    // The zone the primary left gets the new standby, which streams from the new primary.
    const standby = await caughtUp('tundra', 'a');
    expect(await exists(path.join(zoneA(), 'pgdata', 'standby.signal'))).toBe(true);
    const onStandby = { ...tundra(), port: standby.port ?? 0 };
    expect(
      (await sql<{ id: number }>(onStandby, 'select id from orders order by id')).map((r) => r.id),
    ).toEqual([1, 2, 3, 4]);
  });

  it('a standby that stops answering raises an alert, cleared when it streams again', async () => {
    const standbyDir = path.join(zoneA(), 'pgdata');
    const pid = Number((await readFile(path.join(standbyDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
    process.kill(pid, 'SIGSTOP');
    try {
      await until(async () => {
        const alerts = (await ops.call('/api/alerts?open=true')).json as {
          alerts: { kind: string; clientSlug: string | null }[];
        };
        return alerts.alerts.some((a) => a.kind === 'standby_not_streaming' && a.clientSlug === 'tundra')
          ? true
          : undefined;
      }, 90_000);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    await until(async () => {
      const alerts = (await ops.call('/api/alerts?open=true')).json as { alerts: { kind: string }[] };
      return alerts.alerts.some((a) => a.kind === 'standby_not_streaming') ? undefined : true;
    }, 90_000);
    const mail = await session.smtp.waitFor((m) => /standby/i.test(m.subject) && /tundra/i.test(m.subject));
    expect(mail.subject).toMatch(/alert/i);
  });

  it('a platform killed while a standby is built builds it again at the next start, with nothing half-made', async () => {
    const built = await ops.call('/api/clients/tundra/standby/rebuild', { method: 'POST' });
    expect(built.status, built.text).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await platform.kill();
    platform = await startPlatform({
      dataDir: platform.dataDir,
      env: {
        OXYGIS_ARCHIVE_TIMEOUT_SECONDS: '5',
        OXYGIS_STANDBY_ALERT_SECONDS: '10',
        OXYGIS_SMTP_URL: session.smtp.url,
      },
    });
    ops = await signIn(platform, session.operator.email, session.operator.password);
    const standby = await caughtUp('tundra', 'a');
    expect(await exists(path.join(zoneA(), 'pgdata.partial'))).toBe(false);
    expect(await postmastersOn(path.join(zoneA(), 'pgdata'))).toHaveLength(1);
    const onStandby = { ...tundra(), port: standby.port ?? 0 };
    expect((await sql<{ id: number }>(onStandby, 'select count(*)::int as id from orders'))[0]?.id).toBe(4);
  });

  it('deactivation stops and removes the standby; the database goes on', async () => {
    const before = (await status('tundra')).standby;
    // (The CLI session points at the platform before the restart: the API from here on.)
    const response = await ops.call('/api/clients/tundra/options/multi_zone_deployment/deactivate', {
      method: 'POST',
    });
    expect(response.status, response.text).toBe(200);
    expect((await status('tundra')).standby).toBeNull();
    expect(await exists(zoneA())).toBe(false);
    expect(await postmastersOn(path.join(zoneA(), 'pgdata'))).toEqual([]);
    await expect(sql({ ...tundra(), port: before?.port ?? 0 }, 'select 1')).rejects.toThrow();
    expect((await sql<{ n: number }>(tundra(), 'select count(*)::int as n from orders'))[0]?.n).toBe(4);
  });
});
