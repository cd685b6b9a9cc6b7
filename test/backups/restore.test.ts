import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliSession, type CliSession } from '../support/cli-session.js';
import { pidsMatching } from '../support/processes.js';

let session: CliSession;
let connection: { port: number; database: string; user: string; password: string };

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

beforeAll(async () => {
  session = await startCliSession(
    { email: 'ops@host.test', password: 'restore operator phrase 8' },
    { OXYGIS_ARCHIVE_TIMEOUT_SECONDS: '5' },
  );
  const created = await session.json<{ port: number; database: string; user: string; password: string }>([
    'tenant',
    'create',
    'Ledger',
  ]);
  connection = created;
}, 120_000);

afterAll(() => session.stop());

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

    const restored = await session.cli(['restore', 'ledger', '--to', between.toISOString(), '--json']);
    if (restored.code !== 0) console.log(session.platform.stdout().slice(-4000));
    expect(restored.code, restored.stderr).toBe(0);
    const result = JSON.parse(restored.stdout) as { durationMs: number; recoveredTo: string };
    expect(result.recoveredTo).toBe(between.toISOString());
    console.log(`point-in-time restore took ${(result.durationMs / 1000).toFixed(1)} s`);
    // Same host, port, database and password: the application reconnects unchanged.
    expect((await query<{ id: number }>('select id from marks order by id')).map((r) => r.id)).toEqual([1]);

    const latest = await session.cli(['restore', 'ledger', '--latest']);
    expect(latest.code, latest.stderr).toBe(0);
    expect(latest.stdout).toMatch(/Restored ledger from base backup .* to its latest state in [\d.]+ s/);
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
    const home =
      (await readdir(path.join(session.platform.dataDir, 'instances'))).find(
        (name) => !name.startsWith('.'),
      ) ?? '';
    await rm(path.join(session.platform.dataDir, 'instances', home, 'pgdata'), {
      recursive: true,
      force: true,
    });
    await db.end().catch(() => undefined);

    const restored = await session.cli(['restore', 'ledger', '--latest', '--json']);
    expect(restored.code, restored.stderr).toBe(0);
    const kept = (
      await query<{ id: number; at: Date }>('select id, at from ticks order by id desc limit 1')
    )[0];
    expect(kept).toBeDefined();
    const lostSeconds = (lastCommitted.at.getTime() - (kept?.at.getTime() ?? 0)) / 1000;
    console.log(
      `disaster: last committed row ${lastCommitted.id}, restored up to row ${kept?.id ?? 0}: ${lostSeconds.toFixed(1)} s of writes lost (archive interval 5 s); restore took ${((JSON.parse(restored.stdout) as { durationMs: number }).durationMs / 1000).toFixed(1)} s`,
    );
    expect(lostSeconds).toBeLessThan(20);
  });

  it('refuses bad requests clearly and changes nothing', async () => {
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
    expect(early.stderr).toMatch(/no base backup from before that time/);
    const both = await session.cli(['restore', 'ledger']);
    expect(both.code).toBe(2);
    const unknown = await session.cli(['restore', 'nobody', '--latest']);
    expect(unknown.stderr).toMatch(/no such client/);
    expect((await query<{ n: string }>('select count(*)::text as n from marks'))[0]?.n).toBeDefined();
  });
});
