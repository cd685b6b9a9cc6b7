import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { open } from '../../src/backups/envelope.js';
import { readAll } from '../../src/backups/streams.js';
import { LocalTarget } from '../../src/backups/targets/local-target.js';
import { signIn, type Caller } from '../support/actors.js';
import { AZURITE_ACCOUNT, AZURITE_KEY, startRestartableAzurite } from '../support/azurite.js';
import { removeDir, startPlatform, tempDir, type RunningPlatform } from '../support/platform.js';

const operator = { email: 'ops@host.test', password: 'archive operator phrase 1' };
let platform: RunningPlatform;
let azurite: Awaited<ReturnType<typeof startRestartableAzurite>>;
let azuriteDir: string;
let ops: Caller;
let client: { id: string; connection: { port: number; database: string; user: string; password: string } };

interface ArchiveStatus {
  targets: string[];
  latestSegment: string | null;
  latestCompleteAt: string | null;
  lagSeconds: number | null;
  segmentsMissingCopies: number;
}

const clientKey = async () =>
  Buffer.from(
    (
      await readFile(path.join(platform.dataDir, 'secrets', 'backup-keys', `${client.id}.key`), 'utf8')
    ).trim(),
    'base64url',
  );

const status = async () => (await ops.call('/api/clients/shop/backups/archive')).json as ArchiveStatus;

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      const { execSync } = await import('node:child_process');
      const logs = execSync(`tail -n 15 ${platform.dataDir}/instances/*/postgres.log`).toString();
      throw new Error(
        `timed out waiting for ${what}: ${JSON.stringify(await status())}\n${platform.stdout().slice(-3000)}\n${logs}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * Writes about 2 MB of WAL, so at least one 1 MB segment fills up and is finished, and returns the
 * name of the last segment that is certainly finished.
 */
async function write(): Promise<string> {
  const db = new pg.Client({
    host: '127.0.0.1',
    ...client.connection,
    ssl: { ca: await readFile(platform.caFile, 'utf8'), servername: 'localhost' },
  });
  await db.connect();
  await db.query(
    'create table if not exists marks (id serial primary key, at timestamptz default now(), pad text)',
  );
  await db.query(`insert into marks (pad) select repeat('x', 500) from generate_series(1, 4000)`);
  const current = await db.query<{ name: string }>('select pg_walfile_name(pg_current_wal_lsn()) as name');
  await db.end();
  const name = current.rows[0]?.name ?? '';
  // The segment before the current one is finished, so PostgreSQL archives it.
  return (BigInt(`0x${name}`) - 1n).toString(16).toUpperCase().padStart(24, '0');
}

const atLeast = (segment: string | null, wanted: string) => segment !== null && segment >= wanted;

beforeAll(async () => {
  azuriteDir = await tempDir('oxygis-azurite-');
  azurite = await startRestartableAzurite(azuriteDir);
  const dataDir = await tempDir();
  platform = await startPlatform({
    dataDir,
    env: {
      OXYGIS_BOOTSTRAP_ADMIN_EMAIL: operator.email,
      OXYGIS_BOOTSTRAP_ADMIN_PASSWORD: operator.password,
      OXYGIS_ARCHIVE_TIMEOUT_SECONDS: '5',
      OXYGIS_ARCHIVE_LAG_ALERT_SECONDS: '15',
      OXYGIS_BACKUP_TARGETS: JSON.stringify([
        { name: 'zone-a', kind: 'local', path: path.join(dataDir, 'zone-a') },
        {
          name: 'azure',
          kind: 'azure',
          accountUrl: azurite.accountUrl,
          accountName: AZURITE_ACCOUNT,
          accountKey: AZURITE_KEY,
          container: 'wal',
        },
      ]),
    },
  });
  ops = await signIn(platform, operator.email, operator.password);
  const created = (await ops.call('/api/clients', { method: 'POST', body: { name: 'Shop' } })).json as {
    client: { id: string };
    connection: { port: number; database: string; user: string; password: string };
  };
  client = { id: created.client.id, connection: created.connection };
}, 120_000);

afterAll(async () => {
  await platform.stop();
  await azurite.stop();
  await removeDir(platform.dataDir);
  await removeDir(azuriteDir);
});

describe('continuous WAL archiving', { timeout: 180_000 }, () => {
  it('ships every finished WAL file, sealed, to every target within the archive timeout', async () => {
    const finished = await write();
    const done = await waitFor(`segment ${finished} on every target`, async () => {
      const s = await status();
      return atLeast(s.latestSegment, finished) && s.segmentsMissingCopies === 0 ? s : undefined;
    });
    expect(done.targets).toEqual(['zone-a', 'azure']);
    expect(done.segmentsMissingCopies).toBe(0);
    expect(done.lagSeconds).toBeLessThan(60);

    // The copy in the directory opens with the client's key and matches the catalogued checksum.
    const key = Buffer.from(
      (
        await readFile(path.join(platform.dataDir, 'secrets', 'backup-keys', `${client.id}.key`), 'utf8')
      ).trim(),
      'base64url',
    );
    const zone = new LocalTarget('zone-a', path.join(platform.dataDir, 'zone-a'));
    const name = finished;
    const stored = await readAll(await zone.get(`clients/${client.id}/wal/${name}`));
    expect(stored.subarray(0, 4).toString()).toBe('OXYB');
    const sink = new PassThrough();
    const opened = await open(await zone.get(`clients/${client.id}/wal/${name}`), sink.resume(), key);
    expect(opened.plainBytes).toBe(1024 * 1024); // 1 MB WAL segments
    const metadata = (await zone.head(`clients/${client.id}/wal/${name}`))?.metadata;
    expect(metadata?.plainsha256).toBe(opened.plainSha256);

    const metrics = (await ops.call('/metrics')).text;
    expect(metrics).toMatch(/oxygis_wal_archive_lag_seconds\{client="shop"\} \d+/);
  });

  it('archives even a single small change within the archive timeout (the data-loss bound)', async () => {
    const db = new pg.Client({
      host: '127.0.0.1',
      ...client.connection,
      ssl: { ca: await readFile(platform.caFile, 'utf8'), servername: 'localhost' },
    });
    await db.connect();
    await db.query(
      'create table if not exists marks (id serial primary key, at timestamptz default now(), pad text)',
    );
    // Let the switcher see the table first, then make one small change.
    await new Promise((resolve) => setTimeout(resolve, 6000));
    const started = Date.now();
    await db.query(`insert into marks (pad) values ('one row')`);
    const current = await db.query<{ name: string }>('select pg_walfile_name(pg_current_wal_lsn()) as name');
    await db.end();
    const segment = current.rows[0]?.name ?? '';
    await waitFor(`segment ${segment} holding the change on every target`, async () => {
      const s = await status();
      return atLeast(s.latestSegment, segment) && s.segmentsMissingCopies === 0 ? s : undefined;
    });
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `one-row change archived on every target after ${seconds.toFixed(1)} s (archive timeout 5 s)`,
    );
    expect(seconds).toBeLessThan(30);
  });

  it('restore_command fetches a WAL file back, decrypted, and says when the archive has no such file', async () => {
    const s = await status();
    const name = s.latestSegment ?? '';
    const home = path.join(platform.dataDir, 'instances', client.id);
    const script = path.join(platform.dataDir, 'instances', '.bin', 'oxygis-archive.mjs');
    const socket = path.join(platform.dataDir, 'run', 'archive.sock');
    const run = (walName: string, destination: string) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [script, 'fetch', socket, home, destination, walName], {
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.once('exit', (code) => resolve({ code, stderr }));
      });
    await mkdir(path.join(home, 'fetch-test'), { recursive: true });
    const destination = path.join(home, 'fetch-test', name);
    expect((await run(name, destination)).code).toBe(0);
    const fetched = await readFile(destination);
    const zone = new LocalTarget('zone-a', path.join(platform.dataDir, 'zone-a'));
    const sink = new PassThrough();
    const original = readAll(sink);
    await open(await zone.get(`clients/${client.id}/wal/${name}`), sink, await clientKey());
    expect(fetched.equals(await original)).toBe(true);

    const missing = await run('0000000100000000000000FF', path.join(home, 'fetch-test', 'missing'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/not in the archive/);
    const outside = await run(name, path.join(platform.dataDir, 'stolen'));
    expect(outside.code).toBe(1);
    expect(outside.stderr).toMatch(/not inside this client's instance/);
    await rm(path.join(home, 'fetch-test'), { recursive: true, force: true });
  });

  it('an idle client is not exposed: its archive lag stays within the switch interval, no alert', async () => {
    await new Promise((resolve) => setTimeout(resolve, 20_000));
    const idle = await status();
    // Nothing changed for 20 s: the lag is measured from the last time all was archived, not
    // from the last segment.
    expect(idle.lagSeconds).not.toBeNull();
    expect(idle.lagSeconds ?? 99).toBeLessThanOrEqual(10);
    const open = (await ops.call('/api/alerts?open=true')).json as { alerts: unknown[] };
    expect(open.alerts).toEqual([]);
  });

  it('keeps archiving while a target is down, and catches the missing copies up when it returns', async () => {
    await azurite.stop();
    const finished = await write();
    const degraded = await waitFor(`segment ${finished} archived with a copy missing`, async () => {
      const s = await status();
      return atLeast(s.latestSegment, finished) && s.segmentsMissingCopies > 0 ? s : undefined;
    });
    expect(degraded.segmentsMissingCopies).toBeGreaterThan(0);
    // Only the target that is down misses copies.
    const perTarget = (
      (await ops.call(`/api/clients/shop/backups/archive`)).json as {
        missingByTarget: Record<string, number>;
      }
    ).missingByTarget;
    expect(perTarget.azure).toBeGreaterThan(0);
    expect(perTarget['zone-a']).toBeUndefined();
    // Protection went on: WAL written during the outage is on zone-a.
    const zone = new LocalTarget('zone-a', path.join(platform.dataDir, 'zone-a'));
    const names: string[] = [];
    for await (const object of zone.list(`clients/${client.id}/wal/`)) names.push(object.key);
    expect(names.length).toBeGreaterThan(0);
    expect((await ops.call('/metrics')).text).toMatch(
      /oxygis_wal_segments_missing_copies\{client="shop"\} [1-9]/,
    );
    // The gap, and the growing exposure while a target is down, raise alerts, mailed to operators.
    const openKinds = async () =>
      ((await ops.call('/api/alerts?open=true&client=shop')).json as { alerts: { kind: string }[] }).alerts
        .map((a) => a.kind)
        .sort();
    await waitFor('both alerts open', async () => {
      const kinds = await openKinds();
      return kinds.includes('archive_lag') && kinds.includes('backup_target_gap') ? kinds : undefined;
    });
    const targets = (await ops.call('/api/backups/targets')).json as {
      targets: { name: string; ok: boolean; problem: string | null }[];
    };
    expect(targets.targets.find((t) => t.name === 'zone-a')).toMatchObject({ ok: true, problem: null });
    expect(targets.targets.find((t) => t.name === 'azure')).toMatchObject({ ok: false });
    expect(targets.targets.find((t) => t.name === 'azure')?.problem).toMatch(/cannot be reached/);
    await waitFor('the platform alert for the target', async () => {
      const open = (await ops.call('/api/alerts?open=true')).json as { alerts: { kind: string }[] };
      return open.alerts.some((a) => a.kind === 'backup_target_unavailable:azure') ? true : undefined;
    });
    const outbox = path.join(platform.dataDir, 'outbox');
    const mails = await Promise.all(
      (await readdir(outbox)).map((f) => readFile(path.join(outbox, f), 'utf8')),
    );
    expect(mails.some((m) => m.includes('[Oxygis alert] shop') && m.includes(operator.email))).toBe(true);

    await azurite.restart();
    const healed = await waitFor('the missing copies caught up', async () => {
      const s = await status();
      return s.segmentsMissingCopies === 0 ? s : undefined;
    });
    expect(healed.segmentsMissingCopies).toBe(0);
    await waitFor('the alerts resolved', async () => ((await openKinds()).length === 0 ? true : undefined));
    // Afterwards both targets hold every segment.
    const { ContainerClient, StorageSharedKeyCredential } = await import('@azure/storage-blob');
    const container = new ContainerClient(
      `${azurite.accountUrl}/wal`,
      new StorageSharedKeyCredential(AZURITE_ACCOUNT, AZURITE_KEY),
    );
    const inAzure = new Set<string>();
    for await (const blob of container.listBlobsFlat({ prefix: `clients/${client.id}/wal/` }))
      inAzure.add(blob.name);
    const onZone: string[] = [];
    for await (const object of zone.list(`clients/${client.id}/wal/`)) onZone.push(object.key);
    expect(onZone.filter((key) => !inAzure.has(key))).toEqual([]);
  });
});
