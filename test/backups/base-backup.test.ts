import { createHash } from 'node:crypto';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import pg from 'pg';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { open } from '../../src/backups/envelope.js';
import { readAll } from '../../src/backups/streams.js';
import { LocalTarget } from '../../src/backups/targets/local-target.js';
import { invite, platformDb, signIn } from '../support/actors.js';
import { startCliSession, type CliSession } from '../support/cli-session.js';

let session: CliSession;
let clientId: string;
let key: Buffer | undefined;

async function openObject(target: LocalTarget, objectKey: string): Promise<Buffer> {
  // The client's key exists once something was sealed for it (a base backup, a WAL file).
  key ??= Buffer.from(
    (
      await readFile(path.join(session.platform.dataDir, 'secrets', 'backup-keys', `${clientId}.key`), 'utf8')
    ).trim(),
    'base64url',
  );
  const sink = new PassThrough();
  const collected = readAll(sink);
  await open(await target.get(objectKey), sink, key);
  return collected;
}

beforeAll(async () => {
  session = await startCliSession({ email: 'ops@host.test', password: 'base backup phrase 12' });
  const created = await session.json<{
    client: { id: string };
    port: number;
    database: string;
    user: string;
    password: string;
  }>(['tenant', 'create', 'Bakery']);
  clientId = created.client.id;
  const db = new pg.Client({
    host: '127.0.0.1',
    port: created.port,
    database: created.database,
    user: created.user,
    password: created.password,
    ssl: { ca: await readFile(session.platform.caFile, 'utf8'), servername: 'localhost' },
  });
  await db.connect();
  await db.query(
    `create table loaves as select g as id, repeat('rye', 100) as recipe from generate_series(1, 20000) g`,
  );
  await db.end();
}, 120_000);

afterAll(() => session.stop());

describe('base backups', () => {
  it('oxygis backup run streams the data directory to every target with a manifest and backup_label', async () => {
    const taken = await session.json<{
      id: string;
      status: string;
      files: number;
      plainBytes: number;
      storedBytes: number;
      targets: string[];
    }>(['backup', 'run', 'bakery']);
    expect(taken).toMatchObject({ status: 'done', targets: ['zone-a', 'zone-b'] });
    expect(taken.files).toBeGreaterThan(100);
    expect(taken.storedBytes).toBeLessThan(taken.plainBytes); // compressed

    for (const zone of ['zone-a', 'zone-b']) {
      const target = new LocalTarget(zone, path.join(session.platform.dataDir, 'backups', zone));
      const base = `clients/${clientId}/base/${taken.id}`;
      const manifest = JSON.parse((await openObject(target, `${base}/manifest.json.oxyb`)).toString()) as {
        files: { path: string; size: number; sha256: string }[];
      };
      const label = (await openObject(target, `${base}/backup_label.oxyb`)).toString();
      expect(label).toMatch(/^START WAL LOCATION: /m);
      expect(label).toMatch(/^LABEL: oxygis /m);

      // Every file in the tar matches its manifest entry; nothing PostgreSQL must not restore is there.
      const archive = await openObject(target, `${base}/data.tar.oxyb`);
      const extract = tar.extract();
      const seen = new Map<string, string>();
      const done = new Promise<void>((resolve, reject) => {
        extract.on('entry', (header, stream, next) => {
          const hash = createHash('sha256');
          stream.on('data', (chunk: unknown) => {
            hash.update(chunk as Buffer);
          });
          stream.on('end', () => {
            if (header.type === 'file') seen.set(header.name, hash.digest('hex'));
            next();
          });
          stream.resume();
        });
        extract.on('finish', resolve);
        extract.on('error', reject);
      });
      extract.end(archive);
      await done;
      expect(seen.size).toBe(manifest.files.length);
      for (const file of manifest.files) expect(seen.get(file.path), file.path).toBe(file.sha256);
      expect([...seen.keys()]).toEqual(
        expect.arrayContaining(['PG_VERSION', 'global/pg_control', 'postgresql.conf', 'pg_hba.conf']),
      );
      expect([...seen.keys()].some((name) => name.startsWith('pg_wal/') || name === 'postmaster.pid')).toBe(
        false,
      );
    }
  });

  it('the scheduled job takes a base backup of every client that has none from the last week', async () => {
    await session.json(['tenant', 'create', 'Creamery']);
    const ops = await signIn(session.platform, session.operator.email, session.operator.password);
    expect(((await ops.call('/api/jobs')).json as { jobs: string[] }).jobs).toContain(
      'backups.due-base-backups',
    );
    expect((await ops.call('/api/jobs/nope/run', { method: 'POST' })).status).toBe(404);
    expect((await ops.call('/api/jobs/backups.due-base-backups/run', { method: 'POST' })).status).toBe(202);
    const deadline = Date.now() + 60_000;
    let backups: { status: string }[] = [];
    while (Date.now() < deadline) {
      backups = ((await ops.call('/api/clients/creamery/backups')).json as { backups: { status: string }[] })
        .backups;
      if (backups.some((b) => b.status === 'done')) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(backups.map((b) => b.status)).toEqual(['done']);
    // Bakery was backed up minutes ago: the job left it alone.
    const bakery = ((await ops.call('/api/clients/bakery/backups')).json as { backups: unknown[] }).backups;
    expect(bakery).toHaveLength(1);
  });

  it('verify re-reads every copy: a flipped byte and a lost object are reported per target', async () => {
    const clean = await session.json<{ ok: boolean; checkedObjects: number; walGaps: string[] }>([
      'backup',
      'verify',
      'bakery',
    ]);
    expect(clean).toMatchObject({ ok: true, walGaps: [] });
    expect(clean.checkedObjects).toBeGreaterThan(6);

    const zoneB = path.join(session.platform.dataDir, 'backups', 'zone-b', 'clients', clientId);
    const walDir = path.join(zoneB, 'wal');
    const segment = (await readdir(walDir)).filter((name) => /^[0-9A-F]{24}$/.test(name)).sort()[0] ?? '';
    const file = path.join(walDir, segment);
    const bytes = await readFile(file);
    bytes[100] = (bytes[100] ?? 0) ^ 0xff;
    await writeFile(file, bytes);
    const base = (await readdir(path.join(zoneB, 'base')))[0] ?? '';
    await rm(path.join(zoneB, 'base', base, 'manifest.json.oxyb'));

    const result = await session.cli(['backup', 'verify', 'bakery']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(new RegExp(`corrupt on zone-b: clients/${clientId}/wal/${segment}`));
    expect(result.stdout).toMatch(/missing on zone-b: .*manifest\.json\.oxyb/);
    expect(result.stdout).not.toMatch(/on zone-a/);
  });

  it('a restore drill restores into a scratch instance, records the time, and leaves the live database alone', async () => {
    const drill = await session.json<{
      ok: boolean;
      durationMs: number;
      tables: number;
      dataLossWindowSeconds: number | null;
      error: string | null;
    }>(['backup', 'drill', 'bakery']);
    expect(drill).toMatchObject({ ok: true, error: null });
    expect(drill.dataLossWindowSeconds).toBeGreaterThanOrEqual(0);
    expect(drill.dataLossWindowSeconds).toBeLessThan(300);
    expect(drill.tables).toBeGreaterThanOrEqual(1);
    expect(drill.durationMs).toBeGreaterThan(0);
    const ops = await signIn(session.platform, session.operator.email, session.operator.password);
    const drills = (
      (await ops.call('/api/clients/bakery/backups/drills')).json as { drills: { ok: boolean }[] }
    ).drills;
    expect(drills[0]?.ok).toBe(true);
    const home = path.join(session.platform.dataDir, 'instances', clientId);
    expect((await readdir(home)).filter((name) => name.startsWith('pgdata.'))).toEqual([]);
    const shown = (await ops.call('/api/clients/bakery')).json as {
      client: { instance: { running: boolean } };
    };
    expect(shown.client.instance.running).toBe(true);
  });

  it('retention: a changed policy, and the expiry job removes what it no longer needs from every target', async () => {
    const policy = await session.json<{ pitrDays: number; weeklyBackupsKept: number; custom: boolean }>([
      'backup',
      'policy',
      'bakery',
      '--pitr-days',
      '3',
      '--weekly-kept',
      '4',
      '--every-hours',
      '24',
    ]);
    expect(policy).toMatchObject({
      pitrDays: 3,
      weeklyBackupsKept: 4,
      baseBackupEveryHours: 24,
      custom: true,
    });
    const bad = await session.cli(['backup', 'policy', 'bakery', '--pitr-days', 'soon']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--pitr-days must be a whole number/);

    // Three backups, aged in the catalogue: 40 days (beyond 4 weeks), 10 days (the one the
    // 3-day window starts from) and now.
    expect((await session.json<{ status: string }>(['backup', 'run', 'bakery'])).status).toBe('done');
    expect((await session.json<{ status: string }>(['backup', 'run', 'bakery'])).status).toBe('done');
    const db = await platformDb(session.platform);
    const done = await db
      .selectFrom('base_backup')
      .select(['id', 'start_lsn'])
      .where('client_id', '=', clientId)
      .where('status', '=', 'done')
      .orderBy('started_at')
      .execute();
    const [oldest, middle] = done.slice(-3);
    const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 3600_000);
    await db
      .updateTable('base_backup')
      .set({ finished_at: daysAgo(40) })
      .where('id', '=', oldest?.id ?? '')
      .execute();
    await db
      .updateTable('base_backup')
      .set({ finished_at: daysAgo(10) })
      .where('id', '=', middle?.id ?? '')
      .execute();
    await db
      .updateTable('base_backup')
      .set({ finished_at: daysAgo(60) })
      .where('client_id', '=', clientId)
      .where('status', '=', 'done')
      .where(
        'id',
        'not in',
        done.slice(-3).map((b) => b.id),
      )
      .execute();
    const walBefore = (
      await db.selectFrom('wal_segment').select('name').where('client_id', '=', clientId).execute()
    ).map((s) => s.name);

    const ops = await signIn(session.platform, session.operator.email, session.operator.password);
    expect((await ops.call('/api/jobs/backups.expire/run', { method: 'POST' })).status).toBe(202);
    const deadline = Date.now() + 60_000;
    let status = '';
    while (Date.now() < deadline && status !== 'expired') {
      await new Promise((resolve) => setTimeout(resolve, 500));
      status =
        (
          await db
            .selectFrom('base_backup')
            .select('status')
            .where('id', '=', oldest?.id ?? '')
            .executeTakeFirst()
        )?.status ?? '';
    }
    expect(status).toBe('expired');
    const zones = ['zone-a', 'zone-b'].map((zone) =>
      path.join(session.platform.dataDir, 'backups', zone, 'clients', clientId),
    );
    for (const zone of zones) {
      const left = await readdir(path.join(zone, 'base', oldest?.id ?? '')).catch(() => []);
      expect(left.filter((name) => name.endsWith('.oxyb'))).toEqual([]);
      expect(await stat(path.join(zone, 'base', middle?.id ?? '', 'data.tar.oxyb')).then(() => true)).toBe(
        true,
      );
    }
    // WAL from before the window's base backup is gone from the catalogue and from both zones.
    const walAfter = (
      await db.selectFrom('wal_segment').select('name').where('client_id', '=', clientId).execute()
    ).map((s) => s.name);
    const removed = walBefore.filter((name) => !walAfter.includes(name));
    expect(removed.length).toBeGreaterThan(0);
    for (const zone of zones)
      for (const name of removed)
        expect(
          await stat(path.join(zone, 'wal', name)).then(
            () => true,
            () => false,
          ),
          name,
        ).toBe(false);
    await db.destroy();
    // What is kept is still complete and restorable.
    const verify = await session.json<{ ok: boolean; walGaps: string[] }>(['backup', 'verify', 'bakery']);
    expect(verify).toMatchObject({ ok: true, walGaps: [] });
    const list = await session.json<{
      backups: { id: string; status: string }[];
      window: { earliest: string };
    }>(['backup', 'list', 'bakery']);
    expect(list.backups.find((b) => b.id === oldest?.id)?.status).toBe('expired');
    expect(new Date(list.window.earliest).getTime()).toBeCloseTo(daysAgo(10).getTime(), -5);
  });

  it('client users see backups only with the "backups" right; policy changes are for operators', async () => {
    const ops = await signIn(session.platform, session.operator.email, session.operator.password);
    const user = await invite(
      session.platform,
      session.smtp,
      ops,
      { email: 'clerk@bakery.test', role: 'client_user', client: 'bakery' },
      'flour sack harbor 19',
    );
    const refused = await user.caller.call('/api/clients/bakery/backups');
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ error: 'right_missing' });
    const granted = await ops.call(`/api/accounts/${user.id}/rights`, {
      method: 'PUT',
      body: { rights: ['backups'] },
    });
    expect(granted.status).toBe(200);
    const seen = await user.caller.call('/api/clients/bakery/backups');
    expect(seen.status).toBe(200);
    expect((seen.json as { backups: unknown[] }).backups.length).toBeGreaterThan(0);
    const change = await user.caller.call('/api/clients/bakery/backups/policy', {
      method: 'PUT',
      body: { pitrDays: 1 },
    });
    expect(change.status).toBe(403);
  });

  it('lists the backups with the archiving state, and refuses a suspended client clearly', async () => {
    const list = await session.cli(['backup', 'list', 'bakery']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/WAL archiving to zone-a, zone-b/);
    expect(list.stdout).toMatch(/done\s+\S+\s+\S+\s+[\d.]+ MB\s+[\d.]+ MB\s+zone-a,zone-b/);
    expect(list.stdout).toMatch(/Recoverable: any instant from \S+ to \S+/);
    expect(list.stdout).toMatch(
      /Retention: 4 weekly backups, every instant of the last 3 days; a base backup every 24 h \(this client's own\)/,
    );
    await session.cli(['tenant', 'suspend', 'bakery']);
    const refused = await session.cli(['backup', 'run', 'bakery']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/not running.*resume it first/);
    const unknown = await session.cli(['backup', 'run', 'nobody']);
    expect(unknown.stderr).toMatch(/no such client/);
  });
});
