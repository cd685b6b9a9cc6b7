import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platformDb, signIn } from '../support/actors.js';
import { startCliSession, type CliSession } from '../support/cli-session.js';
import { startPlatform, type RunningPlatform } from '../support/platform.js';
import { pidsMatching } from '../support/processes.js';

let session: CliSession;
let restarted: RunningPlatform | undefined;
let clientId: string;
let connection: { port: number; database: string; user: string; password: string };

interface Run {
  id: string;
  event?: string;
  status: string;
  phase: string;
  mode: string;
  targetTime: string | null;
  durationMs: number | null;
  previousDataDir: string | null;
  previousRemovedAt: string | null;
  error: string | null;
}

async function query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const db = new pg.Client({
    host: '127.0.0.1',
    ...connection,
    ssl: { ca: await readFile(session.platform.caFile, 'utf8'), servername: 'localhost' },
  });
  await db.connect();
  try {
    return (await db.query<T>(sql)).rows;
  } finally {
    await db.end();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ids = async (table: string) =>
  (await query<{ id: number }>(`select id from ${table} order by id`)).map((r) => r.id);
const home = () => path.join(session.platform.dataDir, 'instances', clientId);
const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

/** `oxygis restore … --json`: progress events, one per line, then the finished run. */
async function restore(args: string[]): Promise<{ events: Run[]; result: Run }> {
  const out = await session.cli(['restore', 'ledger', ...args, '--json']);
  if (out.code !== 0)
    console.log(session.platform.stdout().slice(-3000), session.platform.stderr().slice(-3000));
  expect(out.code, out.stderr).toBe(0);
  const events = out.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Run);
  const result = events.at(-1);
  if (!result) throw new Error('no output');
  return { events, result };
}

beforeAll(async () => {
  session = await startCliSession(
    { email: 'ops@host.test', password: 'restore operator phrase 8' },
    { OXYGIS_ARCHIVE_TIMEOUT_SECONDS: '5' },
  );
  const created = await session.json<{
    client: { id: string };
    port: number;
    database: string;
    user: string;
    password: string;
  }>(['tenant', 'create', 'Ledger']);
  clientId = created.client.id;
  connection = created;
}, 120_000);

afterAll(async () => {
  await restarted?.stop();
  await session.stop();
});

describe('point-in-time restore', () => {
  it('restores to an instant between two marks: only the rows before it exist, with the same connection details', async () => {
    await query('create table marks (id int primary key, at timestamptz default clock_timestamp())');
    expect((await session.json<{ status: string }>(['backup', 'run', 'ledger'])).status).toBe('done');
    await query('insert into marks (id) values (1)');
    await sleep(1500);
    const between = new Date();
    await sleep(1500);
    await query('insert into marks (id) values (2)');
    // Both marks reach the archive (the platform closes a segment every 5 s here).
    await sleep(12_000);

    const { events, result } = await restore(['--to', between.toISOString()]);
    expect(result).toMatchObject({ event: 'done', status: 'done', targetTime: between.toISOString() });
    // Progress was reported while it ran, phase by phase.
    expect(events.filter((e) => e.event === 'progress').map((e) => e.phase)).toEqual(
      expect.arrayContaining(['downloading']),
    );
    console.log(`point-in-time restore took ${((result.durationMs ?? 0) / 1000).toFixed(1)} s`);
    // Same host, port, database and password: the application reconnects unchanged.
    expect(await ids('marks')).toEqual([1]);
    // The replaced data is kept until the operator confirms.
    expect(result.previousDataDir).toBeTruthy();
    expect(await exists(result.previousDataDir ?? '')).toBe(true);

    const latest = await session.cli(['restore', 'ledger', '--latest']);
    expect(latest.code, latest.stderr).toBe(0);
    expect(latest.stdout).toMatch(/Restored ledger from base backup .* to its latest state in [\d.]+ s/);
    expect(latest.stdout).toMatch(/oxygis restore confirm ledger [0-9a-f-]{36}/);
    // The latest state of the database as restored: mark 2 was undone by the restore before it
    // (PostgreSQL follows the newest timeline); its data stays in the kept previous directory.
    expect(await ids('marks')).toEqual([1]);
  });

  it('restores to an instant after the last change in the archive (a quiet database) and keeps everything', async () => {
    await query('insert into marks (id) values (3)');
    await sleep(12_000);
    const { window } = await session.json<{ window: { earliest: string; latest: string } }>([
      'backup',
      'list',
      'ledger',
    ]);
    // Nothing was committed between mark 3 and the newest archived segment.
    const { result } = await restore(['--to', window.latest]);
    expect(result.status, result.error ?? '').toBe('done');
    expect(await ids('marks')).toEqual([1, 3]);
    // PostgreSQL could not reach the instant (no later commit) and was restarted without it.
    expect(await readFile(path.join(home(), 'restore.log'), 'utf8')).toMatch(
      /recovery ended before configured recovery target was reached/,
    );
  });

  it('confirming a restore removes the data it replaced; the list shows every restore', async () => {
    const list = await session.json<Run[]>(['restore', 'list', 'ledger']);
    expect(list.length).toBeGreaterThanOrEqual(3);
    const newest = list[0];
    expect(newest?.previousDataDir).toBeTruthy();
    const confirmed = await session.json<Run>(['restore', 'confirm', 'ledger', newest?.id ?? '']);
    expect(confirmed.previousRemovedAt).toBeTruthy();
    expect(await exists(newest?.previousDataDir ?? '')).toBe(false);
    // Unconfirmed, the replaced data goes when its keeping time ends (the daily expiry job).
    const older = list.find((r) => r.previousDataDir && !r.previousRemovedAt && r.id !== newest?.id);
    expect(older).toBeDefined();
    const db = await platformDb(session.platform);
    await db
      .updateTable('restore_run')
      .set({ previous_kept_until: new Date(Date.now() - 1000) })
      .where('id', '=', older?.id ?? '')
      .execute();
    await db.destroy();
    const ops = await signIn(session.platform, session.operator.email, session.operator.password);
    expect((await ops.call('/api/jobs/backups.expire/run', { method: 'POST' })).status).toBe(202);
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && (await exists(older?.previousDataDir ?? ''))) await sleep(300);
    expect(await exists(older?.previousDataDir ?? '')).toBe(false);
    const again = await session.cli(['restore', 'confirm', 'ledger', '00000000-0000-4000-8000-000000000000']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/no such restore/);
  });

  it('a corrupt copy on one target is reported by verify, and the restore uses the intact copy', async () => {
    const { backups } = await session.json<{ backups: { id: string; status: string }[] }>([
      'backup',
      'list',
      'ledger',
    ]);
    const newest = backups.find((b) => b.status === 'done');
    const object = path.join(
      session.platform.dataDir,
      'backups',
      'zone-a',
      'clients',
      clientId,
      'base',
      newest?.id ?? '',
      'data.tar.oxyb',
    );
    const bytes = await readFile(object);
    bytes[Math.floor(bytes.length / 2)] = (bytes[Math.floor(bytes.length / 2)] ?? 0) ^ 0xff;
    await writeFile(object, bytes);

    const verify = await session.cli(['backup', 'verify', 'ledger']);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toMatch(/corrupt on zone-a: .*data\.tar\.oxyb/);
    expect(verify.stdout).not.toMatch(/on zone-b/);

    const { result } = await restore(['--latest']);
    expect(result.status, result.error ?? '').toBe('done');
    expect(await ids('marks')).toEqual([1, 3]);
    const catalogue = await session.json<{ backups: { id: string; verifiedOk: boolean | null }[] }>([
      'backup',
      'list',
      'ledger',
    ]);
    expect(catalogue.backups.find((b) => b.id === newest?.id)?.verifiedOk).toBe(false);
  });

  it('in place asks for confirmation, then replaces the data without keeping it', async () => {
    const refused = await session.cli(['restore', 'ledger', '--latest', '--in-place']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/confirm with --yes/);
    const ops = await signIn(session.platform, session.operator.email, session.operator.password);
    const wrong = await ops.call('/api/clients/ledger/restores', {
      method: 'POST',
      body: { inPlace: true, confirm: 'other' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.json).toMatchObject({ error: 'confirmation_required' });

    const before = await readdir(home());
    const { result } = await restore(['--latest', '--in-place', '--yes']);
    expect(result).toMatchObject({ status: 'done', mode: 'in_place', previousDataDir: null });
    expect(await ids('marks')).toEqual([1, 3]);
    expect(await readdir(home())).toEqual(before);
  });

  it('refuses bad requests clearly and changes nothing', async () => {
    const before = (await readdir(home())).sort();
    const future = await session.cli([
      'restore',
      'ledger',
      '--to',
      new Date(Date.now() + 3600_000).toISOString(),
    ]);
    expect(future.code).toBe(1);
    expect(future.stderr).toMatch(/in the future/);
    const early = await session.cli(['restore', 'ledger', '--to', '2020-01-01T00:00:00Z']);
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(/before the recoverable window \(.+ to .+\)/);
    const late = await session.cli(['restore', 'ledger', '--to', new Date(Date.now() - 50).toISOString()]);
    expect(late.code).toBe(1);
    expect(late.stderr).toMatch(/the archive reaches .*choose an earlier time, or --latest/);
    const noTarget = await session.cli(['restore', 'ledger']);
    expect(noTarget.code).toBe(2);
    expect(noTarget.stderr).toMatch(/one of --to ISO-8601, --latest or --backup ID/);
    const notIso = await session.cli(['restore', 'ledger', '--to', 'yesterday']);
    expect(notIso.code).toBe(2);
    const unknownBackup = await session.cli([
      'restore',
      'ledger',
      '--backup',
      '00000000-0000-4000-8000-000000000000',
    ]);
    expect(unknownBackup.stderr).toMatch(/no such backup/);
    const unknown = await session.cli(['restore', 'nobody', '--latest']);
    expect(unknown.stderr).toMatch(/no such client/);
    expect(await ids('marks')).toEqual([1, 3]);
    expect((await readdir(home())).sort()).toEqual(before);
  });

  it('after a disaster (instance killed, data directory deleted) --latest loses only the last seconds', async () => {
    await query('create table ticks (id serial primary key, at timestamptz default clock_timestamp())');
    expect((await session.json<{ status: string }>(['backup', 'run', 'ledger'])).status).toBe('done');
    const db = new pg.Client({
      host: '127.0.0.1',
      ...connection,
      ssl: { ca: await readFile(session.platform.caFile, 'utf8'), servername: 'localhost' },
    });
    db.on('error', () => undefined);
    await db.connect();
    let lastCommitted = { id: 0, at: new Date(0) };
    const writingUntil = Date.now() + 12_000;
    while (Date.now() < writingUntil) {
      const row = await db.query<{ id: number; at: Date }>(
        'insert into ticks default values returning id, at',
      );
      lastCommitted = row.rows[0] ?? lastCommitted;
      await sleep(100);
    }
    // Disaster: the instance dies and its data directory is gone.
    const [postmaster] = await pidsMatching(`-p ${connection.port}`);
    expect(postmaster).toBeDefined();
    process.kill(postmaster ?? 0, 'SIGKILL');
    await rm(path.join(home(), 'pgdata'), { recursive: true, force: true });
    await db.end().catch(() => undefined);

    const { result } = await restore(['--latest']);
    expect(result.status, result.error ?? '').toBe('done');
    const kept = (
      await query<{ id: number; at: Date }>('select id, at from ticks order by id desc limit 1')
    )[0];
    expect(kept).toBeDefined();
    const lostSeconds = (lastCommitted.at.getTime() - (kept?.at.getTime() ?? 0)) / 1000;
    console.log(
      `disaster: last committed row ${lastCommitted.id}, restored up to row ${kept?.id ?? 0}: ${lostSeconds.toFixed(1)} s of writes lost (archive interval 5 s); restore took ${((result.durationMs ?? 0) / 1000).toFixed(1)} s`,
    );
    expect(lostSeconds).toBeLessThan(20);
  });

  it('a platform killed in the middle of a restore leaves the database as it was, and says so', async () => {
    const rowsBefore = await ids('marks');
    const started = await session.json<Run>(['restore', 'ledger', '--latest', '--no-wait']);
    expect(started.status).toBe('running');
    await session.platform.kill();
    restarted = await startPlatform({
      dataDir: session.platform.dataDir,
      env: { OXYGIS_ARCHIVE_TIMEOUT_SECONDS: '5' },
    });
    const ops = await signIn(restarted, session.operator.email, session.operator.password);
    const run = ((await ops.call(`/api/clients/ledger/restores/${started.id}`)).json as { restore: Run })
      .restore;
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/interrupted .*not changed/);
    expect(await exists(path.join(home(), 'pgdata.restore'))).toBe(false);
    expect(await pidsMatching(path.join(home(), 'pgdata.restore'))).toEqual([]);
    expect(await ids('marks')).toEqual(rowsBefore);
  });
});
