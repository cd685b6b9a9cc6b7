import { DateTime } from 'luxon';
import http from 'node:http';
import { sql } from 'kysely';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invite, platformDb, signIn } from '../support/actors.js';
import { startCliSession, type CliSession } from '../support/cli-session.js';
import { startPlatform, type RunningPlatform } from '../support/platform.js';
import { untilNamed as until } from '../support/until.js';

let session: CliSession;
let restarted: RunningPlatform | undefined;
let app: http.Server;
let appHealthy = true;
const hooks: { type?: string; subject?: string }[] = [];
let appUrl = '';

interface Monitor {
  id: string;
  name: string;
  kind: string;
  status: { state: string; lastError: string | null };
}

interface Figures {
  eligibleSeconds: number;
  downtimeSeconds: number;
  excludedSeconds: { maintenance: number; forceMajeure: number };
  noDataSeconds: number;
  availability: number | null;
  errorBudgetSeconds: number;
  downPeriods: { from: string; to: string }[];
  noDataPeriods: { from: string; to: string }[];
  excludedPeriods: { kind: string; reason: string }[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const monitors = () => session.json<Monitor[]>(['monitor', 'list', '--client', 'atelier']);
const stateOf = async (kind: string) => (await monitors()).find((m) => m.kind === kind)?.status.state;

beforeAll(async () => {
  app = http.createServer((request, response) => {
    if (request.url === '/hook') {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        hooks.push(JSON.parse(body) as { type?: string });
        response.writeHead(204).end();
      });
      return;
    }
    response.writeHead(appHealthy ? 200 : 503, { 'content-type': 'text/plain' });
    response.end(appHealthy ? 'Atelier OK' : 'maintenance');
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/health`;
  session = await startCliSession(
    { email: 'ops@host.test', password: 'monitor operator phrase 4' },
    { OXYGIS_ALERT_WEBHOOK_URL: appUrl.replace('/health', '/hook') },
  );
  await session.json(['tenant', 'create', 'Atelier']);
}, 120_000);

afterAll(async () => {
  await restarted?.stop();
  await session.stop();
  await new Promise((resolve) => app.close(resolve));
});

describe('availability monitoring', { timeout: 180_000 }, () => {
  it("every client's database is watched automatically, through the platform's probe role", async () => {
    const up = await until('the database monitor up', async () =>
      (await stateOf('postgres')) === 'up' ? true : undefined,
    );
    expect(up).toBe(true);
    const database = (await monitors()).find((m) => m.kind === 'postgres');
    expect(database).toMatchObject({ name: 'database', status: { lastError: null } });
  });

  it('an application endpoint goes down after three failed checks, opens an incident, mails the operators, and recovers', async () => {
    const added = await session.json<Monitor>([
      'monitor',
      'add',
      '--client',
      'atelier',
      '--kind',
      'http',
      '--url',
      appUrl,
      '--keyword',
      'Atelier OK',
      '--interval',
      '5',
      '--name',
      'shop',
    ]);
    expect(added).toMatchObject({ name: 'shop', kind: 'http' });
    await until('the shop up', async () => ((await stateOf('http')) === 'up' ? true : undefined));

    const failedAt = Date.now();
    appHealthy = false;
    await until('the shop down', async () => ((await stateOf('http')) === 'down' ? true : undefined));
    const [incident] = await session.json<{ id: string; title: string; status: string }[]>([
      'incident',
      'list',
      '--open',
    ]);
    expect(incident).toMatchObject({ title: 'shop is down', status: 'investigating' });
    const mail = await session.smtp.waitFor((m) =>
      m.subject.includes('[Oxygis incident] atelier: shop is down'),
    );
    expect(mail.to).toContain('ops@host.test');

    await sleep(2000);
    appHealthy = true;
    await until('the shop up again', async () => ((await stateOf('http')) === 'up' ? true : undefined));
    const resolvedAt = Date.now();
    expect(await session.json<unknown[]>(['incident', 'list', '--open'])).toEqual([]);
    const shown = await session.json<{ status: string; updates: { status: string }[] }>([
      'incident',
      'show',
      incident?.id ?? '',
    ]);
    expect(shown.status).toBe('resolved');
    expect(shown.updates.map((u) => u.status)).toEqual(['investigating', 'resolved']);
    await until('the webhook told of the recovery', () =>
      Promise.resolve(hooks.some((h) => h.type === 'incident.resolved') ? true : undefined),
    );

    // Downtime is time, from the first failed check to the first passed one.
    const figures = await session.json<Figures>([
      'sla',
      'availability',
      'atelier',
      '--from',
      new Date(failedAt - 60_000).toISOString(),
      '--to',
      new Date().toISOString(),
    ]);
    expect(figures.downPeriods).toHaveLength(1);
    const outage = (resolvedAt - failedAt) / 1000;
    expect(figures.downtimeSeconds).toBeGreaterThan(5);
    expect(figures.downtimeSeconds).toBeLessThanOrEqual(outage);
    expect(figures.availability).toBeLessThan(1);
    expect(figures.errorBudgetSeconds).toBeLessThan(0);
  });

  it('force majeure declared after the fact takes the outage out of the eligible time', async () => {
    const before = await session.json<Figures>([
      'sla',
      'availability',
      'atelier',
      '--from',
      new Date(Date.now() - 10 * 60_000).toISOString(),
      '--to',
      new Date().toISOString(),
    ]);
    const [outage] = before.downPeriods;
    expect(outage).toBeDefined();
    await session.json([
      'force-majeure',
      'declare',
      '--from',
      new Date(new Date(outage?.from ?? 0).getTime() - 1000).toISOString(),
      '--to',
      new Date(new Date(outage?.to ?? 0).getTime() + 1000).toISOString(),
      '--reason',
      'cloud provider network outage',
    ]);
    const after = await session.json<Figures>([
      'sla',
      'availability',
      'atelier',
      '--from',
      new Date(Date.now() - 10 * 60_000).toISOString(),
      '--to',
      new Date().toISOString(),
    ]);
    expect(after.downtimeSeconds).toBe(0);
    expect(after.excludedSeconds.forceMajeure).toBeGreaterThan(before.downtimeSeconds);
    expect(after.excludedPeriods[0]).toMatchObject({
      kind: 'force_majeure',
      reason: 'cloud provider network outage',
    });
  });

  it('refuses bad definitions clearly', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['monitor', 'add', '--client', 'atelier', '--kind', 'http', '--url', 'ftp://x'],
        /http:\/\/ or https:\/\/ URL/,
      ],
      [
        ['monitor', 'add', '--client', 'atelier', '--kind', 'http', '--url', appUrl, '--interval', '2'],
        /at least 5 seconds/,
      ],
      [['monitor', 'add', '--client', 'atelier', '--kind', 'tcp', '--url', 'nohost'], /host:port/],
      [['monitor', 'add', '--client', 'atelier', '--kind', 'smtp', '--url', appUrl], /http, tcp or postgres/],
      [
        [
          'maintenance',
          'add',
          '--client',
          'atelier',
          '--from',
          '2027-01-03T02:00',
          '--rrule',
          'FREQ=SOMETIMES',
          '--duration',
          '60',
          '--reason',
          'x',
        ],
        /FREQ=MONTHLY;BYDAY=1SU/,
      ],
      [
        [
          'maintenance',
          'add',
          '--all',
          '--from',
          '2027-01-03T02:00',
          '--rrule',
          'FREQ=MONTHLY;BYDAY=1SU',
          '--duration',
          '60',
          '--tz',
          'Mars/Olympus',
          '--reason',
          'x',
        ],
        /time zone/,
      ],
      [
        [
          'maintenance',
          'add',
          '--all',
          '--from',
          '2020-01-01T00:00Z',
          '--to',
          '2020-01-01T02:00Z',
          '--reason',
          'x',
        ],
        /cannot start in the past.*force majeure/,
      ],
      [['sla', 'availability', 'atelier', '--month', '2026-13'], /month/],
    ];
    for (const [args, message] of cases) {
      const result = await session.cli(args);
      expect(result.code, args.join(' ')).not.toBe(0);
      expect(result.stderr, args.join(' ')).toMatch(message);
    }
    const day = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString();
    const first = await session.cli([
      'maintenance',
      'add',
      '--all',
      '--from',
      day(24),
      '--to',
      day(26),
      '--reason',
      'upgrade',
    ]);
    expect(first.code, first.stderr).toBe(0);
    const overlapping = await session.cli([
      'maintenance',
      'add',
      '--all',
      '--from',
      day(25),
      '--to',
      day(27),
      '--reason',
      'again',
    ]);
    expect(overlapping.stderr).toMatch(/overlaps scheduled maintenance/);
    const ops = await signIn(session.platform, session.operator.email, session.operator.password);
    const admin = await invite(
      session.platform,
      session.smtp,
      ops,
      { email: 'boss@atelier.test', role: 'client_admin', client: 'atelier' },
      'atelier boss phrase 77',
    );
    const internal = await admin.caller.call('/api/clients/atelier/monitors', {
      method: 'POST',
      body: { kind: 'http', url: appUrl },
    });
    expect(internal.status).toBe(400);
    expect(internal.json).toMatchObject({ error: 'invalid_target' });
  });

  it('a recurring window (every first Sunday 02:00–04:00 Brussels) lists its next occurrences in local time', async () => {
    const added = await session.json<{ next: { from: string; to: string }[] }>([
      'maintenance',
      'add',
      '--client',
      'atelier',
      '--from',
      '2027-01-03T02:00',
      '--rrule',
      'FREQ=MONTHLY;BYDAY=1SU',
      '--duration',
      '120',
      '--reason',
      'monthly patching',
    ]);
    expect(added.next.slice(0, 2)).toEqual([
      { from: '2027-01-03T01:00:00.000Z', to: '2027-01-03T03:00:00.000Z' },
      { from: '2027-02-07T01:00:00.000Z', to: '2027-02-07T03:00:00.000Z' },
    ]);
  });

  it('a closed month is frozen once; a correction is a new version with its reason and author', async () => {
    // The month that ended last, in Brussels, whatever day the test runs.
    const now = DateTime.now().setZone('Europe/Brussels');
    const previous = now.startOf('month').minus({ months: 1 });
    const PREVIOUS = previous.toFormat('yyyy-MM');
    const db = await platformDb(session.platform);
    // The client existed before that month (created_at is never updated by the platform itself).
    const before = previous.minus({ days: 15 }).toUTC().toISO() ?? '';
    await sql`update client set created_at = ${before} where slug = 'atelier'`.execute(db);
    const ops = await signIn(session.platform, session.operator.email, session.operator.password);
    expect((await ops.call('/api/jobs/monitoring.close-months/run', { method: 'POST' })).status).toBe(202);
    const frozen = await until(`${PREVIOUS} frozen`, async () => {
      const rows = await db.selectFrom('sla_month').selectAll().where('month', '=', PREVIOUS).execute();
      return rows.length > 0 ? rows : undefined;
    });
    expect(frozen.map((r) => r.version)).toEqual([1]);
    const october = await session.json<{
      frozen: { version: number } | null;
      noDataSeconds: number;
      availability: number | null;
    }>(['sla', 'availability', 'atelier', '--month', PREVIOUS]);
    // Nothing was watched that month: all of it is no data, nothing is claimed.
    expect(october).toMatchObject({ frozen: { version: 1 }, availability: null });
    // The month's real length in Brussels (743 h in March, 745 h in October).
    expect(october.noDataSeconds).toBe(previous.plus({ months: 1 }).diff(previous, 'seconds').seconds);
    const amended = await session.json<{ frozen: { version: number; reason: string; author: string } }>([
      'sla',
      'amend',
      'atelier',
      '--month',
      PREVIOUS,
      '--reason',
      'probe data re-imported',
    ]);
    expect(amended.frozen).toMatchObject({
      version: 2,
      reason: 'probe data re-imported',
      author: 'ops@host.test',
    });
    const audit = await db
      .selectFrom('audit_event')
      .select(['action', 'target'])
      .where('action', '=', 'sla.amended')
      .execute();
    expect(audit).toEqual([{ action: 'sla.amended', target: `${PREVIOUS} v2` }]);
    const live = await session.cli([
      'sla',
      'amend',
      'atelier',
      '--month',
      now.toFormat('yyyy-MM'),
      '--reason',
      'x',
    ]);
    expect(live.stderr).toMatch(/not closed yet/);
    await db.destroy();
  });

  it('time the prober was not running (platform killed) is no data, neither up nor down', async () => {
    await session.platform.kill();
    const killedAt = Date.now();
    await sleep(8000);
    restarted = await startPlatform({ dataDir: session.platform.dataDir });
    const ops = await signIn(restarted, session.operator.email, session.operator.password);
    await until('the shop checked again', async () => {
      const list = (await ops.call('/api/clients/atelier/monitors')).json as { monitors: Monitor[] };
      return list.monitors.find((m) => m.kind === 'http')?.status.state === 'up' ? true : undefined;
    });
    const figures = (
      await ops.call(
        `/api/clients/atelier/sla?from=${encodeURIComponent(new Date(killedAt - 30_000).toISOString())}&to=${encodeURIComponent(new Date().toISOString())}`,
      )
    ).json as Figures;
    expect(figures.noDataSeconds).toBeGreaterThanOrEqual(8);
    expect(figures.downtimeSeconds).toBe(0);
    const gap = figures.noDataPeriods[0];
    expect(new Date(gap?.from ?? 0).getTime()).toBeLessThanOrEqual(killedAt);
    expect(new Date(gap?.from ?? 0).getTime()).toBeGreaterThan(killedAt - 6000);
  });
});
