import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invite, signIn, type Caller } from '../support/actors.js';
import { connectTo } from '../support/client-db.js';
import { startCliSession, type CliSession } from '../support/cli-session.js';
import { tempDir } from '../support/platform.js';
import { until } from '../support/until.js';

let session: CliSession;
let ops: Caller;
let admin: Caller;
let clerk: Caller;
let region: string;
const ids: Record<string, string> = {};
const logins: Record<string, { port: number; database: string; user: string; password: string }> = {};

interface ClientOption {
  code: string;
  status: string;
  unitPrice: number;
  activatedAt: string | null;
  deactivatedAt: string | null;
}

interface Policy {
  policy: { baseBackupEveryHours: number; weeklyBackupsKept: number; pitrDays: number; custom: boolean };
}

/** Every file under a directory (relative paths), none when it does not exist. */
async function filesUnder(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
  } catch {
    return [];
  }
}

async function write(slug: string, statement: string): Promise<void> {
  const login = logins[slug];
  if (!login) throw new Error(`no login for ${slug}`);
  const db = await connectTo(login, await readFile(session.platform.caFile, 'utf8'));
  await db.query(statement);
  await db.end();
}

beforeAll(async () => {
  region = await tempDir('oxygis-region-');
  const dataDir = await tempDir('oxygis-zones-');
  session = await startCliSession(
    { email: 'ops@oxygis-options.test', password: 'service option phrase 44' },
    {
      OXYGIS_ARCHIVE_TIMEOUT_SECONDS: '5',
      OXYGIS_BACKUP_TARGETS: JSON.stringify([
        { name: 'zone-a', kind: 'local', path: path.join(dataDir, 'zone-a') },
        { name: 'zone-b', kind: 'local', path: path.join(dataDir, 'zone-b') },
        { name: 'region-2', kind: 'local', path: region, option: 'multi_region_replication' },
      ]),
    },
  );
  for (const name of ['Glacier', 'Sorbet']) {
    const created = await session.json<{
      client: { id: string; slug: string };
      port: number;
      database: string;
      user: string;
      password: string;
    }>(['tenant', 'create', name]);
    ids[created.client.slug] = created.client.id;
    logins[created.client.slug] = created;
  }
  ops = await signIn(session.platform, session.operator.email, session.operator.password);
  admin = (
    await invite(
      session.platform,
      session.smtp,
      ops,
      { email: 'boss@glacier.test', role: 'client_admin', client: 'glacier' },
      'frozen boss phrase 18',
    )
  ).caller;
  clerk = (
    await invite(
      session.platform,
      session.smtp,
      ops,
      { email: 'clerk@glacier.test', role: 'client_user', client: 'glacier' },
      'frozen clerk phrase 29',
    )
  ).caller;
}, 180_000);

afterAll(() => session.stop());

describe('service options', { timeout: 180_000 }, () => {
  it('the catalogue says what each option costs and what this platform can provide', async () => {
    const catalogue = await session.json<
      { code: string; unitPrice: number; available: boolean; unavailableBecause: string | null }[]
    >(['option', 'list']);
    expect(catalogue.map((o) => o.code)).toEqual([
      'daily_base_backups',
      'extended_retention',
      'multi_region_replication',
      'multi_zone_deployment',
    ]);
    expect(catalogue.find((o) => o.code === 'multi_region_replication')?.available).toBe(true);
    // Multi-zone runs a standby in the second zone directory (test/zones/standby.test.ts).
    expect(catalogue.find((o) => o.code === 'multi_zone_deployment')?.available).toBe(true);
    const priced = await session.json<{ unitPrice: number }>(['option', 'price', 'daily_base_backups', '60']);
    expect(priced.unitPrice).toBe(60);
    expect(
      (await admin.call('/api/options/daily_base_backups', { method: 'PUT', body: { unitPrice: 1 } })).status,
    ).toBe(403);
  });

  it('daily base backups: requested by the client, approved by staff, the schedule really changes, billed; deactivation puts it back', async () => {
    const requested = await admin.call('/api/clients/glacier/options', {
      method: 'POST',
      body: { option: 'daily_base_backups', note: 'Month-end closing' },
    });
    expect(requested.status, requested.text).toBe(201);
    expect((await session.json<Policy>(['backup', 'list', 'glacier'])).policy.baseBackupEveryHours).toBe(168);

    const active = await session.json<ClientOption[]>(['option', 'approve', 'glacier', 'daily_base_backups']);
    expect(active[0]).toMatchObject({ code: 'daily_base_backups', status: 'active', unitPrice: 60 });
    expect((await session.json<Policy>(['backup', 'list', 'glacier'])).policy).toMatchObject({
      baseBackupEveryHours: 24,
      custom: true,
    });
    // The client's own report lists the option in force.
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' })
      .format(new Date())
      .slice(0, 7);
    const report = await session.json<{ options: { name: string; unitPrice: number }[] }>([
      'report',
      'sla',
      'glacier',
      '--month',
      month,
    ]);
    expect(report.options).toEqual([
      expect.objectContaining({ name: 'Specific backups: daily base backups', unitPrice: 60 }),
    ]);

    const order = await session.json<{
      lines: { option: string; quantity: number; unitPrice: number; total: number }[];
      total: number;
    }>(['option', 'order', 'glacier']);
    expect(order.lines).toHaveLength(1);
    const [line] = order.lines;
    expect(line?.option).toBe('daily_base_backups');
    expect(line?.quantity).toBeGreaterThan(0);
    expect(line?.total).toBeCloseTo((line?.quantity ?? 0) * 60, 2);
    const csv = await session.cli(['option', 'order', 'glacier', '--format', 'csv']);
    expect(csv.stdout.split('\n')[0]).toBe('option,name,from,to,quantity,unit,unitPrice,currency,total');
    expect(csv.stdout).toMatch(
      /^daily_base_backups,Specific backups: daily base backups,.*,month,60\.00,EUR,/m,
    );
    const html = await admin.call('/api/clients/glacier/purchase-order?format=html');
    expect(html.text).toContain('Specific backups: daily base backups');
    const pdfFile = path.join(session.platform.dataDir, 'order.pdf');
    await session.json(['option', 'order', 'glacier', '--format', 'pdf', '--out', pdfFile]);
    expect((await readFile(pdfFile)).subarray(0, 5).toString()).toBe('%PDF-');

    const after = await session.json<ClientOption[]>([
      'option',
      'deactivate',
      'glacier',
      'daily_base_backups',
    ]);
    expect(after[0]?.status).toBe('deactivated');
    expect((await session.json<Policy>(['backup', 'list', 'glacier'])).policy).toMatchObject({
      baseBackupEveryHours: 168,
      custom: false,
    });
    const billed = await session.json<{ lines: { to: string }[] }>(['option', 'order', 'glacier']);
    expect(new Date(billed.lines[0]?.to ?? 0).getTime()).toBe(
      new Date(after[0]?.deactivatedAt ?? 1).getTime(),
    );
  });

  it('multi-region replication: from activation the further region receives that client’s backups, and only theirs', async () => {
    await session.json(['option', 'request', 'glacier', 'multi_region_replication']);
    await session.json(['option', 'approve', 'glacier', 'multi_region_replication']);
    const glacier = path.join('clients', ids.glacier ?? '');
    // A base backup is taken for the new region, and new WAL goes there too.
    await until(async () =>
      (await filesUnder(region)).some((f) => f.startsWith(path.join(glacier, 'base'))) ? true : undefined,
    );
    await write('glacier', 'create table cones (flavour text)');
    await write('glacier', "insert into cones values ('pistachio')");
    await until(async () =>
      (await filesUnder(region)).some((f) => f.startsWith(path.join(glacier, 'wal'))) ? true : undefined,
    );
    await write('sorbet', 'create table scoops (flavour text)');
    await new Promise((resolve) => setTimeout(resolve, 8000));
    expect((await filesUnder(region)).filter((f) => !f.startsWith(glacier))).toEqual([]);

    await session.json(['option', 'deactivate', 'glacier', 'multi_region_replication']);
    const before = (await filesUnder(region)).length;
    await write('glacier', "insert into cones values ('lemon')");
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    expect((await filesUnder(region)).length).toBe(before);
  });

  it('what cannot be done is refused with a clear message and changes nothing', async () => {
    const cases: [Caller, string, unknown, number, RegExp][] = [
      [
        admin,
        '/api/clients/glacier/options',
        { option: 'teleportation' },
        404,
        /the options are daily_base_backups/,
      ],
      [clerk, '/api/clients/glacier/options', { option: 'extended_retention' }, 403, /./],
      [admin, '/api/clients/glacier/options/extended_retention/approve', undefined, 403, /operator/],
      [ops, '/api/clients/glacier/options/extended_retention/approve', undefined, 404, /no pending request/],
      [
        ops,
        '/api/clients/glacier/options/extended_retention/reject',
        { note: ' ' },
        404,
        /no pending request/,
      ],
    ];
    const before = await session.json<ClientOption[]>(['option', 'list', '--client', 'glacier']);
    for (const [who, url, body, status, message] of cases) {
      const response = await who.call(url, { method: 'POST', ...(body === undefined ? {} : { body }) });
      expect(response.status, `${url} ${JSON.stringify(body)}`).toBe(status);
      expect((response.json as { message: string }).message).toMatch(message);
    }
    await admin.call('/api/clients/glacier/options', {
      method: 'POST',
      body: { option: 'extended_retention' },
    });
    const twice = await admin.call('/api/clients/glacier/options', {
      method: 'POST',
      body: { option: 'extended_retention' },
    });
    expect(twice.status).toBe(409);
    const noReason = await session.cli(['option', 'reject', 'glacier', 'extended_retention', '--note', ' ']);
    expect(noReason.stderr).toMatch(/say why/);
    const rejected = await session.json<ClientOption[]>([
      'option',
      'reject',
      'glacier',
      'extended_retention',
      '--note',
      'Not needed: 14 days suffice',
    ]);
    expect(rejected.find((o) => o.code === 'extended_retention')?.status).toBe('rejected');
    expect((await session.json<ClientOption[]>(['option', 'list', '--client', 'glacier'])).length).toBe(
      before.length + 1,
    );
    const badPeriod = await session.cli(['option', 'order', 'glacier', '--from', 'yesterday']);
    expect(badPeriod.stderr).toMatch(/ISO-8601/);
  });
});
