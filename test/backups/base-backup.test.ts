import { createHash } from 'node:crypto';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import pg from 'pg';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { open } from '../../src/backups/envelope.js';
import { readAll } from '../../src/backups/streams.js';
import { LocalTarget } from '../../src/backups/targets/local-target.js';
import { signIn } from '../support/actors.js';
import { startCliSession, type CliSession } from '../support/cli-session.js';

let session: CliSession;
let clientId: string;
let key: Buffer;

async function openObject(target: LocalTarget, objectKey: string): Promise<Buffer> {
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
  key = Buffer.from(
    (
      await readFile(path.join(session.platform.dataDir, 'secrets', 'backup-keys', `${clientId}.key`), 'utf8')
    ).trim(),
    'base64url',
  );
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
      error: string | null;
    }>(['backup', 'drill', 'bakery']);
    expect(drill).toMatchObject({ ok: true, error: null });
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

  it('lists the backups with the archiving state, and refuses a suspended client clearly', async () => {
    const list = await session.cli(['backup', 'list', 'bakery']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/WAL archiving to zone-a, zone-b/);
    expect(list.stdout).toMatch(/done\s+\S+\s+\d+\s+[\d.]+ MB\s+[\d.]+ MB\s+zone-a,zone-b/);
    await session.cli(['tenant', 'suspend', 'bakery']);
    const refused = await session.cli(['backup', 'run', 'bakery']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/not running.*resume it first/);
    const unknown = await session.cli(['backup', 'run', 'nobody']);
    expect(unknown.stderr).toMatch(/no such client/);
  });
});
