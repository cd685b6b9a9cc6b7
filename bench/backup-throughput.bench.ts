// Benchmark: base backup and restore throughput of one client database of at least 1 GB, next to
// the physical limit of the same machine in the same run (issue #5). Starts the built platform,
// creates a client, fills its database with `pgbench -i -s N` (TLS, the owner's credentials),
// waits until the WAL of the load is archived, then alternates, for each round:
//
//   backup   ours: POST /api/clients/:key/backups (tar stream + manifest + zstd + AES-256-GCM,
//                  written to both backup targets, pg_backup_stop waiting for the archive)
//            baseline: tar -C pgdata -cf - . | zstd -1 -T1 > file; fsync   (and | gzip -1, the old codec)
//   restore  ours: `oxygis restore KEY --latest --json` (wall time and the durationMs it reports:
//                  fetch + open + extract, recovery settings, start, WAL replay, check, switch over)
//            baseline: zstd -d < file | tar -C empty-dir -xf -; sync -f   (and gzip -d)
//
// MB/s are over the same bytes for ours and the baseline: the data directory less pg_wal (which
// neither copies). Ratios are ours / baseline throughput; the restore time is extrapolated
// linearly to 10 GB.
//
//   npm run build:server && npx tsx bench/backup-throughput.bench.ts          (the fixture runs dist/)
//   npm run build:server && npx tsx bench/backup-throughput.bench.ts --json   the same numbers as JSON
//   npx tsx bench/backup-throughput.bench.ts --quick                          smoke run: ~100 MB, 1 round
//
// BENCH_BACKUP_SCALE sets the pgbench scale (default 70: about 1.1 GB; 1 unit is about 15 MB),
// BENCH_BACKUP_ROUNDS the rounds (default 2). BENCH_BACKUP_DATA=random fills the same size with
// random bytes instead (1 MiB bytea rows stored uncompressed): the worst case for compression.
// The restore's phases (reading the base backup, replaying WAL + check, switching over) are
// timed from the CLI's JSON progress events (it polls every 500 ms). The codec shown is read from the stored object's header, so the same script measures a build that still seals
// with gzip. Linux only, run as root (PostgreSQL runs as the OS user "postgres"); needs pgbench
// (Debian's postgresql-client), tar, gzip and zstd on the PATH.
import { randomBytes } from 'node:crypto';
import { mkdtemp, open, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { signIn, type Caller } from '../test/support/actors.js';
import { removeDir, runCli, startPlatform, tempDir, type RunningPlatform } from '../test/support/platform.js';
import {
  baselinePack,
  baselineUnpack,
  findPgbench,
  GiB,
  mbPerSecond,
  MiB,
  runChecked,
  runCliLines,
  SHELL_CODECS,
  treeBytes,
  type ShellCodec,
} from './backup-support.js';
import {
  cpuReport,
  cpuSnapshot,
  describeMachine,
  fmt,
  machine,
  median,
  now,
  percent,
  round,
  sleep,
  table,
  type CpuReport,
} from './support.js';

const EMAIL = 'bench-backups@example.test';
const PASSWORD = 'granite harbour compass'; // 23 characters
const SLUG = 'bench-backups';
const json = process.argv.includes('--json');
const quick = process.argv.includes('--quick');
const SCALE = Number(process.env.BENCH_BACKUP_SCALE ?? (quick ? 5 : 70));
/** pgbench (default), or random bytes: the same size of incompressible data, the worst case. */
const DATA = process.env.BENCH_BACKUP_DATA ?? 'pgbench';
const ROUNDS = Number(process.env.BENCH_BACKUP_ROUNDS ?? (quick ? 1 : 2));
const EXTRAPOLATE_TO = 10 * GiB;
const RESTORE_LIMIT_MS = 3600_000; // the agreement's one hour
const ARCHIVE_WAIT_MS = 30 * 60_000;
const host = machine();
const progress = (message: string) => process.stderr.write(`${message}\n`);

if (!Number.isInteger(SCALE) || SCALE < 1) throw new Error('BENCH_BACKUP_SCALE must be a positive integer');
if (!Number.isInteger(ROUNDS) || ROUNDS < 1)
  throw new Error('BENCH_BACKUP_ROUNDS must be a positive integer');
if (DATA !== 'pgbench' && DATA !== 'random') throw new Error('BENCH_BACKUP_DATA must be pgbench or random');

interface Connection {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
}

interface BaseBackup {
  id: string;
  status: string;
  files: number | null;
  plainBytes: number | null;
  storedBytes: number | null;
  targets: string[];
  error: string | null;
}

interface Sample {
  ms: number;
  cpu: CpuReport;
}

interface Round {
  backup: Sample & { plainBytes: number; storedBytes: number; files: number };
  restore: Sample & { reportedMs: number; phases: Record<string, number> };
  pack: Record<string, Sample & { tarBytes: number; storedBytes: number }>;
  unpack: Record<string, Sample>;
}

interface Measured {
  codec: string;
  pgbench: string;
  loadMs: number;
  archiveCatchUpMs: number;
  dataDirBytes: number;
  dataDirBytesAfter: number;
  restoreArgs: string[];
  rounds: Round[];
  loadAverage: { before: number; after: number };
}

const baselines: ShellCodec[] = [SHELL_CODECS.zstd, SHELL_CODECS.gzip];
/** The envelope's codec byte (src/backups/envelope.ts), as read from a stored object. */
const CODEC_NAMES: Record<number, string> = { 0: 'none', 1: 'gzip-1', 2: 'zstd-1' };

/** The codec a stored base backup object was sealed with: byte 5 of its header. */
async function codecOfStored(dataDir: string, clientId: string, backupId: string): Promise<string> {
  const file = path.join(
    dataDir,
    'backups',
    'zone-a',
    'clients',
    clientId,
    'base',
    backupId,
    'data.tar.oxyb',
  );
  const handle = await open(file, 'r');
  try {
    const header = Buffer.alloc(6);
    await handle.read(header, 0, 6, 0);
    return CODEC_NAMES[header[5] ?? -1] ?? `codec ${header[5] ?? '?'}`;
  } finally {
    await handle.close();
  }
}

/**
 * Milliseconds in each phase of a restore, from the CLI's `--json` progress events
 * (`{"event":"progress","phase":…}`, one per change; the CLI polls every 500 ms): from the first
 * event of a phase to the first event of the next, the last phase until the command ended.
 */
function phasesOf(lines: readonly { at: number; text: string }[], endMs: number): Record<string, number> {
  const firsts: { phase: string; at: number }[] = [];
  for (const line of lines) {
    let event: { event?: string; phase?: string };
    try {
      event = JSON.parse(line.text) as { event?: string; phase?: string };
    } catch {
      continue;
    }
    if (event.event !== 'progress' || !event.phase) continue;
    if (!firsts.some((f) => f.phase === event.phase)) firsts.push({ phase: event.phase, at: line.at });
  }
  return Object.fromEntries(firsts.map((f, i) => [f.phase, (firsts[i + 1]?.at ?? endMs) - f.at]));
}

/**
 * The result of `oxygis ... --json`: the last line when the command prints JSON lines (progress
 * events, then the result), or the whole output when it prints one indented JSON document.
 */
function lastJson(stdout: string): unknown {
  const last = stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(last);
  } catch {
    return JSON.parse(stdout);
  }
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; cpu: CpuReport }> {
  const before = cpuSnapshot();
  const started = now();
  const value = await work();
  const ms = now() - started;
  return { value, ms, cpu: cpuReport(before, cpuSnapshot(), host.cpus) };
}

/** Until no WAL segment waits for the archiver (PostgreSQL marks each with a .ready file). */
async function waitForArchive(pgdata: string): Promise<number> {
  const started = now();
  let lastReport = 0;
  for (;;) {
    const waiting = (await readdir(path.join(pgdata, 'pg_wal', 'archive_status'))).filter((f) =>
      f.endsWith('.ready'),
    ).length;
    if (waiting === 0) return now() - started;
    if (now() - started > ARCHIVE_WAIT_MS) throw new Error(`${waiting} WAL segments still not archived`);
    if (now() - lastReport > 10_000) {
      progress(`  ${waiting} WAL segments waiting for the archiver…`);
      lastReport = now();
    }
    await sleep(500);
  }
}

/**
 * The worst case for compression: as many bytes as `pgbench -i -s SCALE` holds, as random bytea
 * in 1 MiB rows stored uncompressed (STORAGE EXTERNAL), inserted from here over TLS.
 */
async function fillRandom(
  platform: RunningPlatform,
  connection: Connection,
): Promise<{ pgbench: string; ms: number }> {
  const rows = Math.round(SCALE * 15.3);
  progress(`filling the client database: ${rows} rows of 1 MiB random bytes over TLS…`);
  const started = now();
  const db = new pg.Client({
    host: '127.0.0.1',
    port: connection.port,
    database: connection.database,
    user: connection.user,
    password: connection.password,
    ssl: { ca: await readFile(platform.caFile, 'utf8'), servername: 'localhost' },
  });
  await db.connect();
  try {
    await db.query('create table blobs (id int primary key, body bytea)');
    await db.query('alter table blobs alter column body set storage external');
    for (let id = 1; id <= rows; id++) {
      await db.query('insert into blobs values ($1, $2)', [id, randomBytes(MiB)]);
    }
  } finally {
    await db.end();
  }
  return { pgbench: `${rows} rows of 1 MiB random bytea (no pgbench)`, ms: now() - started };
}

async function fill(
  platform: RunningPlatform,
  connection: Connection,
): Promise<{ pgbench: string; ms: number }> {
  if (DATA === 'random') return fillRandom(platform, connection);
  const pgbench = await findPgbench();
  if (!pgbench) throw new Error('pgbench is not installed (apt-get install postgresql-client)');
  progress(`filling the client database: pgbench -i -s ${SCALE} (${pgbench.version}) over TLS…`);
  const conninfo = [
    'host=localhost',
    'hostaddr=127.0.0.1',
    `port=${connection.port}`,
    `dbname=${connection.database}`,
    `user=${connection.user}`,
    'sslmode=verify-full',
    `sslrootcert=${platform.caFile}`,
  ].join(' ');
  const done = await runChecked(pgbench.file, ['-i', '-q', '-s', String(SCALE), conninfo], {
    env: { ...process.env, PGPASSWORD: connection.password },
  });
  return { pgbench: pgbench.version, ms: done.ms };
}

async function run(platform: RunningPlatform, scratch: string): Promise<Measured> {
  const operator: Caller = await signIn(platform, EMAIL, PASSWORD);
  const created = await operator.call('/api/clients', {
    method: 'POST',
    body: { name: 'Bench Backups', slug: SLUG },
  });
  if (created.status !== 201) throw new Error(`creating the client: ${created.status} ${created.text}`);
  const { client, connection } = created.json as { client: { id: string }; connection: Connection };
  const pgdata = path.join(platform.dataDir, 'instances', client.id, 'pgdata');

  // The CLI, signed in as the operator (as an operator would run it).
  const configDir = path.join(scratch, 'cli-config');
  const cliEnv = {
    OXYGIS_CONFIG_DIR: configDir,
    OXYGIS_DATA_DIR: platform.dataDir,
    OXYGIS_URL: platform.url,
  };
  const login = await runCli(['login', '--url', platform.url, '--email', EMAIL, '--password-stdin'], {
    env: cliEnv,
    input: PASSWORD,
  });
  if (login.code !== 0) throw new Error(`oxygis login failed: ${login.stderr}`);
  const help = await runCli(['restore', '--help'], { env: cliEnv });
  const restoreArgs = [
    'restore',
    SLUG,
    '--latest',
    '--json',
    ...(/--yes\b/.test(help.stdout) ? ['--yes'] : []),
  ];

  const filled = await fill(platform, connection);
  progress('waiting until the WAL of the load is archived…');
  const archiveCatchUpMs = await waitForArchive(pgdata);
  const dataDirBytes = await treeBytes(pgdata, ['pg_wal']);
  progress(`data directory (less pg_wal): ${fmt(dataDirBytes / MiB, 0)} MB`);
  if (!process.env.BENCH_BACKUP_SCALE && !quick && dataDirBytes < GiB) {
    progress('WARNING: the data directory is smaller than 1 GiB; raise BENCH_BACKUP_SCALE');
  }

  const loadBefore = os.loadavg()[0] ?? Number.NaN;
  const rounds: Round[] = [];
  let codec = '?';
  for (let r = 0; r < ROUNDS; r++) {
    const forward = r % 2 === 0;
    const round: Partial<Round> = { pack: {}, unpack: {} };
    const files = new Map<string, string>();

    const ours = async () => {
      progress(`round ${r + 1}: base backup (POST /api/clients/${SLUG}/backups)…`);
      const t = await timed(() => operator.call(`/api/clients/${SLUG}/backups`, { method: 'POST' }));
      const taken = (t.value.json as { backup?: BaseBackup } | undefined)?.backup;
      if (t.value.status !== 201 || taken?.status !== 'done') {
        throw new Error(`base backup failed: ${t.value.status} ${t.value.text.slice(0, 2000)}`);
      }
      codec = await codecOfStored(platform.dataDir, client.id, taken.id);
      round.backup = {
        ms: t.ms,
        cpu: t.cpu,
        plainBytes: taken.plainBytes ?? Number.NaN,
        storedBytes: taken.storedBytes ?? Number.NaN,
        files: taken.files ?? Number.NaN,
      };
      progress(`  ${fmt(t.ms / 1000, 1)} s`);
    };
    const pack = async (codec: ShellCodec) => {
      progress(`round ${r + 1}: baseline tar | ${codec.name}…`);
      const file = path.join(scratch, `pgdata.tar.${codec.extension}`);
      const t = await timed(() => baselinePack(pgdata, codec, file));
      files.set(codec.name, file);
      (round.pack ??= {})[codec.name] = {
        ms: t.ms,
        cpu: t.cpu,
        tarBytes: t.value.tarBytes,
        storedBytes: t.value.storedBytes,
      };
      progress(`  ${fmt(t.ms / 1000, 1)} s`);
    };
    const backupSteps = [ours, ...baselines.map((codec) => () => pack(codec))];
    for (const step of forward ? backupSteps : [...backupSteps].reverse()) await step();

    const restore = async () => {
      progress(`round ${r + 1}: oxygis ${restoreArgs.join(' ')}…`);
      const t = await timed(() => runCliLines(restoreArgs, { env: cliEnv, timeoutMs: 2 * RESTORE_LIMIT_MS }));
      if (t.value.code !== 0) {
        throw new Error(`oxygis restore exited with ${t.value.code}: ${t.value.stderr.trim()}`);
      }
      const result = lastJson(t.value.stdout) as { durationMs?: number; status?: string; event?: string };
      if ((result.status ?? result.event ?? 'done') !== 'done') {
        throw new Error(`the restore did not end as done: ${JSON.stringify(result)}`);
      }
      round.restore = {
        ms: t.ms,
        cpu: t.cpu,
        reportedMs: result.durationMs ?? Number.NaN,
        phases: phasesOf(t.value.lines, t.ms),
      };
      progress(`  ${fmt(t.ms / 1000, 1)} s (reported ${fmt((result.durationMs ?? Number.NaN) / 1000, 1)} s)`);
    };
    const unpack = async (codec: ShellCodec) => {
      progress(`round ${r + 1}: baseline ${codec.name} -d | tar -x…`);
      const into = path.join(scratch, 'restored');
      const t = await timed(() => baselineUnpack(files.get(codec.name) ?? '', codec, into));
      (round.unpack ??= {})[codec.name] = { ms: t.ms, cpu: t.cpu };
      await rm(into, { recursive: true, force: true });
      progress(`  ${fmt(t.ms / 1000, 1)} s`);
    };
    const restoreSteps = [restore, ...baselines.map((codec) => () => unpack(codec))];
    for (const step of forward ? restoreSteps : [...restoreSteps].reverse()) await step();
    for (const file of files.values()) await rm(file, { force: true });
    rounds.push(round as Round);
  }
  return {
    codec,
    pgbench: filled.pgbench,
    loadMs: filled.ms,
    archiveCatchUpMs,
    dataDirBytes,
    dataDirBytesAfter: await treeBytes(pgdata, ['pg_wal']),
    restoreArgs,
    rounds,
    loadAverage: { before: loadBefore, after: os.loadavg()[0] ?? Number.NaN },
  };
}

progress(describeMachine(host));
progress('starting the platform (built code in dist/; run `npm run build:server` first)…');
const dataDir = await tempDir('oxygis-bench-backups-');
const scratch = await mkdtemp(path.join(os.tmpdir(), 'oxygis-bench-backups-scratch-'));
let platform: RunningPlatform | undefined;
let measured: Measured;
try {
  platform = await startPlatform({
    dataDir,
    env: { OXYGIS_BOOTSTRAP_ADMIN_EMAIL: EMAIL, OXYGIS_BOOTSTRAP_ADMIN_PASSWORD: PASSWORD },
  });
  measured = await run(platform, scratch);
} catch (error) {
  if (platform) process.stderr.write(`platform stderr:\n${platform.stderr().slice(-5000)}\n`);
  throw error;
} finally {
  if (platform) {
    progress('stopping the platform (and its instances)…');
    await platform.stop();
  }
  await removeDir(dataDir);
  await removeDir(scratch);
}

// ---------------------------------------------------------------------------------------------
// Report

const m = measured;
const bytes = m.dataDirBytes;
const mbps = (ms: number) => mbPerSecond(bytes, ms);
const med = (pick: (r: Round) => number) => median(m.rounds.map(pick));
const series = {
  backup: med((r) => r.backup.ms),
  restore: med((r) => r.restore.ms),
  restoreReported: med((r) => r.restore.reportedMs),
  pack: Object.fromEntries(baselines.map((c) => [c.name, med((r) => r.pack[c.name]?.ms ?? Number.NaN)])),
  unpack: Object.fromEntries(baselines.map((c) => [c.name, med((r) => r.unpack[c.name]?.ms ?? Number.NaN)])),
};
const zstdName = SHELL_CODECS.zstd.name;
const baselineOf = (kind: 'pack' | 'unpack', name = zstdName) => series[kind][name] ?? Number.NaN;
const ratio = {
  backup: mbps(series.backup) / mbps(baselineOf('pack')),
  restore: mbps(series.restore) / mbps(baselineOf('unpack')),
};
const phaseNames = [...new Set(m.rounds.flatMap((r) => Object.keys(r.restore.phases)))].filter(
  (phase) => phase !== 'done' && phase !== 'failed',
);
const PHASE_NOTES: Record<string, string> = {
  downloading: 'fetch, decrypt, decompress, extract',
  replaying: 'PostgreSQL: start, WAL replay, promote, check',
  switching: 'stop the live instance, swap, start',
};
const tenGb = (ms: number) => (ms * EXTRAPOLATE_TO) / bytes;
const first = m.rounds[0];
const stored = first ? first.backup.storedBytes : Number.NaN;
const plain = first ? first.backup.plainBytes : Number.NaN;

if (json) {
  process.stdout.write(
    `${JSON.stringify(
      {
        benchmark: 'backup-throughput',
        machine: host,
        parameters: {
          pgbenchScale: SCALE,
          data: DATA,
          rounds: ROUNDS,
          pgbench: m.pgbench,
          codec: m.codec,
          baselines: baselines.map((c) => `tar | ${c.compress}`),
          restoreCommand: `oxygis ${m.restoreArgs.join(' ')}`,
          mb: '2^20 bytes',
        },
        dataDirMb: round(bytes / MiB, 1),
        dataDirMbAfterRestores: round(m.dataDirBytesAfter / MiB, 1),
        backupObject: {
          plainMb: round(plain / MiB, 1),
          storedMb: round(stored / MiB, 1),
          files: first?.backup.files,
        },
        loadMs: round(m.loadMs, 0),
        archiveCatchUpMs: round(m.archiveCatchUpMs, 0),
        rounds: m.rounds,
        medianMs: series,
        mbPerSecond: {
          backup: round(mbps(series.backup), 1),
          restore: round(mbps(series.restore), 1),
          restoreReported: round(mbps(series.restoreReported), 1),
          pack: Object.fromEntries(Object.entries(series.pack).map(([k, v]) => [k, round(mbps(v), 1)])),
          unpack: Object.fromEntries(Object.entries(series.unpack).map(([k, v]) => [k, round(mbps(v), 1)])),
        },
        ratioOursToBaseline: { backup: round(ratio.backup), restore: round(ratio.restore) },
        extrapolatedTo10GbMs: {
          restore: round(tenGb(series.restore), 0),
          backup: round(tenGb(series.backup), 0),
          baselineUnpack: round(tenGb(baselineOf('unpack')), 0),
        },
        loadAverage1m: { before: round(m.loadAverage.before, 2), after: round(m.loadAverage.after, 2) },
      },
      null,
      2,
    )}\n`,
  );
} else {
  const row = (name: string, ms: number, against: number, cpu: number) => [
    name,
    fmt(ms / 1000, 1),
    fmt(mbps(ms), 1),
    Number.isFinite(against) ? fmt(mbps(ms) / mbps(against), 2) : '',
    percent(cpu),
  ];
  const cpuOf = (pick: (r: Round) => CpuReport | undefined) => med((r) => pick(r)?.machine ?? Number.NaN);
  const lines = [
    describeMachine(host),
    `database: ${DATA === 'pgbench' ? `pgbench -i -s ${SCALE} (${m.pgbench})` : m.pgbench}; data directory less pg_wal ${fmt(bytes / MiB, 0)} MB` +
      ` (${fmt(bytes / GiB, 2)} GiB); base backup object ${fmt(plain / MiB, 0)} MB of tar → ${fmt(stored / MiB, 1)} MB stored (${m.codec}, ×${fmt(plain / stored, 1)}) on each of 2 targets`,
    `load: ${DATA === 'pgbench' ? 'pgbench -i' : 'inserts'} ${fmt(m.loadMs / 1000, 1)} s; its WAL archived ${fmt(m.archiveCatchUpMs / 1000, 1)} s after it ended`,
    `median of ${ROUNDS} round(s), order alternating; MB/s = data directory MB (2^20) / seconds; ratio = ours / baseline (${zstdName})`,
    '',
    table([
      ['step', 's', 'MB/s', 'ratio', 'machine CPU'],
      row(
        `base backup, ours (API, ${m.codec})`,
        series.backup,
        baselineOf('pack'),
        cpuOf((r) => r.backup.cpu),
      ),
      ...baselines.map((c) =>
        row(
          `  baseline tar | ${c.name}`,
          baselineOf('pack', c.name),
          Number.NaN,
          cpuOf((r) => r.pack[c.name]?.cpu),
        ),
      ),
      row(
        'restore, ours (oxygis restore --latest, wall)',
        series.restore,
        baselineOf('unpack'),
        cpuOf((r) => r.restore.cpu),
      ),
      row('  durationMs it reports', series.restoreReported, baselineOf('unpack'), Number.NaN),
      ...phaseNames.map((phase) => [
        `  phase ${phase} (${PHASE_NOTES[phase] ?? 'from the progress events'})`,
        fmt(median(m.rounds.flatMap((r) => r.restore.phases[phase] ?? [])) / 1000, 1),
        '',
        '',
        '',
      ]),
      ...baselines.map((c) =>
        row(
          `  baseline ${c.name} -d | tar -x`,
          baselineOf('unpack', c.name),
          Number.NaN,
          cpuOf((r) => r.unpack[c.name]?.cpu),
        ),
      ),
    ]),
    '',
    `restore extrapolated linearly to 10 GB: ours ${fmt(tenGb(series.restore) / 60_000, 1)} min` +
      ` (limit 60 min: ${tenGb(series.restore) < RESTORE_LIMIT_MS ? 'within' : 'NOT within'}),` +
      ` baseline ${fmt(tenGb(baselineOf('unpack')) / 60_000, 1)} min; base backup ${fmt(tenGb(series.backup) / 60_000, 1)} min`,
    `rounds (s): ${m.rounds
      .map(
        (r, i) =>
          `#${i + 1} backup ${fmt(r.backup.ms / 1000, 1)} restore ${fmt(r.restore.ms / 1000, 1)} (reported ${fmt(r.restore.reportedMs / 1000, 1)})` +
          baselines
            .map(
              (c) =>
                ` | ${c.name} ${fmt((r.pack[c.name]?.ms ?? Number.NaN) / 1000, 1)}/${fmt((r.unpack[c.name]?.ms ?? Number.NaN) / 1000, 1)}`,
            )
            .join(''),
      )
      .join('; ')}`,
    `load average (1 min): ${fmt(m.loadAverage.before)} → ${fmt(m.loadAverage.after)}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
