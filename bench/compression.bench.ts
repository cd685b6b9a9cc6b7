// Benchmark: the compression codec of backup objects. Compares gzip level 1 (node:zlib, what
// objects were sealed with before) with zstd (@toondepauw/node-zstd, what they are sealed with
// now) on three kinds of data, single-threaded, in the 1 MiB blocks the envelope uses:
//
//   - real PostgreSQL data files: pgbench_accounts and its primary key, from `pgbench -i` into a
//     scratch cluster (initdb + postmaster as the OS user "postgres", same binaries as the platform),
//   - orders-like rows written by SQL into the same cluster (md5 text, random numbers, timestamps),
//   - incompressible data (random bytes: what encrypted or already compressed client data is).
//
// For each: MB/s compressing and decompressing, and the ratio. Then the real path, seal() and
// open() of src/backups/envelope.ts (compression + AES-256-GCM + SHA-256 + streams) with each
// codec. Codec runs alternate their order between repetitions; the median is reported.
//
//   npx tsx bench/compression.bench.ts            tables (about 3 minutes)
//   npx tsx bench/compression.bench.ts --quick    small samples, one repetition (about 20 s)
//   npx tsx bench/compression.bench.ts --json     the same numbers as JSON
//
// BENCH_COMPRESSION_MB (default 256) is the sample size per kind of data. Other candidates are
// measured too when BENCH_EXTRA_CODECS_DIR names a directory whose node_modules holds them
// (`npm install lz4-napi@2.10.0 @mongodb-js/zstd@1.2.2` there): they are not dependencies.
//
// Linux only, run as root (PostgreSQL runs as the OS user "postgres").
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import zlib from 'node:zlib';
import { Decoder as ZstdDecoder, Encoder as ZstdEncoder } from '@toondepauw/node-zstd';
import pg from 'pg';
import { Codec, DEFAULT_CODEC, open, seal } from '../src/backups/envelope.js';
import {
  findPgbench,
  mbPerSecond,
  MiB,
  runChecked,
  startScratchPostgres,
  type ScratchPostgres,
} from './backup-support.js';
import { assertReachable, pgOsUser } from './provisioning-support.js';
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
  table,
  type CpuReport,
} from './support.js';

const json = process.argv.includes('--json');
const quick = process.argv.includes('--quick');
const SAMPLE_MB = Number(process.env.BENCH_COMPRESSION_MB ?? (quick ? 32 : 256));
const REPEATS = quick ? 1 : 3;
const BLOCK = MiB;
const PGBENCH_SCALE = Math.max(1, Math.ceil(SAMPLE_MB / 13)); // ~13 MB of pgbench_accounts per scale unit
const host = machine();
const progress = (message: string) => process.stderr.write(`${message}\n`);

interface BlockCodec {
  name: string;
  note: string;
  compress(block: Buffer): Buffer | Promise<Buffer>;
  decompress(frame: Buffer): Buffer | Promise<Buffer>;
}

const zstd1 = new ZstdEncoder(1);
const zstd3 = new ZstdEncoder(3);
const zstdDecoder = new ZstdDecoder();
const codecs: BlockCodec[] = [
  {
    name: 'gzip-1',
    note: 'node:zlib gzipSync level 1 (the codec before)',
    compress: (b) => zlib.gzipSync(b, { level: 1 }),
    decompress: (f) => zlib.gunzipSync(f),
  },
  {
    name: 'zstd-1',
    note: '@toondepauw/node-zstd level 1, sync (the codec now)',
    compress: (b) => zstd1.encodeSync(b),
    decompress: (f) => zstdDecoder.decodeSync(f),
  },
  {
    name: 'zstd-3',
    note: '@toondepauw/node-zstd level 3 (zstd default), sync',
    compress: (b) => zstd3.encodeSync(b),
    decompress: (f) => zstdDecoder.decodeSync(f),
  },
];

/** Candidates that are not dependencies, from BENCH_EXTRA_CODECS_DIR/node_modules, if there. */
function extraCodecs(): BlockCodec[] {
  const dir = process.env.BENCH_EXTRA_CODECS_DIR;
  if (!dir) return [];
  const load = createRequire(path.join(path.resolve(dir), 'package.json'));
  const extra: BlockCodec[] = [];
  try {
    const lz4 = load('lz4-napi') as {
      compressSync(data: Buffer): Buffer;
      uncompressSync(data: Buffer): Buffer;
    };
    extra.push({
      name: 'lz4',
      note: 'lz4-napi compressSync/uncompressSync (block format)',
      compress: (b) => lz4.compressSync(b),
      decompress: (f) => lz4.uncompressSync(f),
    });
  } catch {
    progress(`lz4-napi not found under ${dir}: skipped`);
  }
  try {
    const mongo = load('@mongodb-js/zstd') as {
      compress(data: Buffer, level?: number): Promise<Buffer>;
      decompress(data: Buffer): Promise<Buffer>;
    };
    extra.push({
      name: 'mongo-zstd',
      note: '@mongodb-js/zstd 1.x, async, one call at a time (ignores the level)',
      compress: (b) => mongo.compress(b, 1),
      decompress: (f) => mongo.decompress(f),
    });
  } catch {
    progress(`@mongodb-js/zstd not found under ${dir}: skipped`);
  }
  return extra;
}

interface Dataset {
  name: string;
  note: string;
  data: Buffer;
}

async function readRelations(cluster: ScratchPostgres, client: pg.Client, names: string[], limit: number) {
  const parts: Buffer[] = [];
  let bytes = 0;
  for (const name of names) {
    const found = await client.query<{ file: string; size: string }>(
      'select pg_relation_filepath($1::regclass) as file, pg_relation_size($1::regclass)::text as size',
      [name],
    );
    const row = found.rows[0];
    if (!row) throw new Error(`no relation ${name}`);
    // Relations are stored in 1 GB segments: file, file.1, file.2, …
    for (let segment = 0; bytes < limit && segment * 1024 < Number(row.size) / MiB; segment++) {
      const file = path.join(cluster.pgdata, segment === 0 ? row.file : `${row.file}.${segment}`);
      const part = await readFile(file);
      parts.push(part.subarray(0, limit - bytes));
      bytes += Math.min(part.length, limit - bytes);
    }
  }
  return Buffer.concat(parts, bytes);
}

async function datasets(): Promise<{ sets: Dataset[]; pgbench: string; loadMs: number }> {
  const user = await pgOsUser();
  await assertReachable(user);
  const pgbench = await findPgbench();
  if (!pgbench) throw new Error('pgbench is not installed (apt-get install postgresql-client)');
  progress(`scratch cluster: pgbench -i -s ${PGBENCH_SCALE} and ${SAMPLE_MB} MB of orders-like rows…`);
  const cluster = await startScratchPostgres(user);
  try {
    const started = now();
    await runChecked(pgbench.file, [
      '-i',
      '-q',
      '-s',
      String(PGBENCH_SCALE),
      '-h',
      '127.0.0.1',
      '-p',
      String(cluster.port),
      '-U',
      'postgres',
      'postgres',
    ]);
    const client = new pg.Client({
      host: '127.0.0.1',
      port: cluster.port,
      user: 'postgres',
      database: 'postgres',
    });
    await client.connect();
    try {
      // About 100 bytes a row on disk.
      await client.query(
        `create table bench_orders as
           select g as id, md5(g::text) as reference, (random() * 100000)::int as customer,
                  round((random() * 1000)::numeric, 2) as amount,
                  now() - random() * interval '365 days' as ordered_at,
                  (array['new','paid','shipped','returned'])[1 + (g % 4)] as status
           from generate_series(1, $1::int) g`,
        [Math.ceil((SAMPLE_MB * MiB) / 100)],
      );
      await client.query('checkpoint');
      const limit = SAMPLE_MB * MiB;
      const sets: Dataset[] = [
        {
          name: 'pgbench',
          note: `pgbench_accounts + pgbench_accounts_pkey data files (pgbench -i -s ${PGBENCH_SCALE})`,
          data: await readRelations(cluster, client, ['pgbench_accounts', 'pgbench_accounts_pkey'], limit),
        },
        {
          name: 'orders',
          note: 'data file of orders-like rows: md5 text, random int/numeric, timestamps, a status',
          data: await readRelations(cluster, client, ['bench_orders'], limit),
        },
        { name: 'random', note: 'random bytes (incompressible)', data: randomBytes(limit) },
      ];
      return { sets, pgbench: pgbench.version, loadMs: now() - started };
    } finally {
      await client.end();
    }
  } finally {
    await cluster.stop();
  }
}

interface CodecResult {
  compressMs: number;
  decompressMs: number;
  storedBytes: number;
}

async function measureCodec(codec: BlockCodec, data: Buffer): Promise<CodecResult> {
  const blocks: Buffer[] = [];
  for (let at = 0; at < data.length; at += BLOCK) blocks.push(data.subarray(at, at + BLOCK));
  let started = now();
  const frames: Buffer[] = [];
  for (const block of blocks) frames.push(await codec.compress(block));
  const compressMs = now() - started;
  started = now();
  let back = 0;
  for (const frame of frames) back += (await codec.decompress(frame)).length;
  const decompressMs = now() - started;
  if (back !== data.length) throw new Error(`${codec.name} did not round-trip`);
  return { compressMs, decompressMs, storedBytes: frames.reduce((sum, f) => sum + f.length, 0) };
}

/** seal() into memory, then open() from 64 KiB pieces (as a file or a download delivers them). */
async function measureEnvelope(codec: Codec, data: Buffer, key: Buffer): Promise<CodecResult> {
  const sealed: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      sealed.push(chunk);
      done();
    },
  });
  const pieces = function* (buffer: Buffer, size: number) {
    for (let at = 0; at < buffer.length; at += size) yield buffer.subarray(at, at + size);
  };
  let started = now();
  const summary = await seal(Readable.from(pieces(data, 64 * 1024)), sink, key, codec);
  const compressMs = now() - started;
  const body = Buffer.concat(sealed);
  const out = new PassThrough();
  let back = 0;
  out.on('data', (chunk: Buffer) => (back += chunk.length));
  started = now();
  await open(Readable.from(pieces(body, 64 * 1024)), out, key);
  const decompressMs = now() - started;
  if (back !== data.length) throw new Error('the envelope did not round-trip');
  return { compressMs, decompressMs, storedBytes: summary.storedBytes };
}

interface Row {
  dataset: string;
  codec: string;
  path: 'codec' | 'envelope';
  mb: number;
  compressMBps: number;
  decompressMBps: number;
  ratio: number;
}

async function repeatAlternating<T>(
  names: readonly T[],
  measure: (item: T) => Promise<CodecResult>,
): Promise<Map<T, CodecResult[]>> {
  const results = new Map<T, CodecResult[]>(names.map((n) => [n, []]));
  for (let r = 0; r < REPEATS; r++) {
    const order = r % 2 === 0 ? names : [...names].reverse();
    for (const item of order) results.get(item)?.push(await measure(item));
  }
  return results;
}

function toRow(dataset: Dataset, codec: string, kind: Row['path'], runs: CodecResult[]): Row {
  const mb = dataset.data.length / MiB;
  const stored = runs[0]?.storedBytes ?? Number.NaN;
  return {
    dataset: dataset.name,
    codec,
    path: kind,
    mb,
    compressMBps: median(runs.map((r) => mbPerSecond(dataset.data.length, r.compressMs))),
    decompressMBps: median(runs.map((r) => mbPerSecond(dataset.data.length, r.decompressMs))),
    ratio: dataset.data.length / stored,
  };
}

progress(describeMachine(host));
const load = { before: os.loadavg()[0] ?? Number.NaN, after: Number.NaN };
const { sets, pgbench, loadMs } = await datasets();
const all = [...codecs, ...extraCodecs()];
const rows: Row[] = [];
const cpuStart = cpuSnapshot();
for (const dataset of sets) {
  progress(`${dataset.name}: ${fmt(dataset.data.length / MiB, 0)} MB, ${all.length} codecs × ${REPEATS}…`);
  const results = await repeatAlternating(all, (codec) => measureCodec(codec, dataset.data));
  for (const codec of all) rows.push(toRow(dataset, codec.name, 'codec', results.get(codec) ?? []));
  const key = randomBytes(32);
  const envelope = await repeatAlternating([Codec.Gzip, Codec.Zstd] as const, (codec) =>
    measureEnvelope(codec, dataset.data, key),
  );
  for (const [codec, runs] of envelope) {
    rows.push(toRow(dataset, codec === Codec.Zstd ? 'zstd-1' : 'gzip-1', 'envelope', runs));
  }
}
const cpu: CpuReport = cpuReport(cpuStart, cpuSnapshot(), host.cpus);
load.after = os.loadavg()[0] ?? Number.NaN;

if (json) {
  process.stdout.write(
    `${JSON.stringify(
      {
        benchmark: 'compression',
        machine: host,
        parameters: {
          sampleMb: SAMPLE_MB,
          repeats: REPEATS,
          blockBytes: BLOCK,
          pgbenchScale: PGBENCH_SCALE,
          pgbench,
        },
        defaultCodec: DEFAULT_CODEC === Codec.Zstd ? 'zstd-1' : 'gzip-1',
        datasets: sets.map((s) => ({ name: s.name, note: s.note, bytes: s.data.length })),
        codecs: all.map((c) => ({ name: c.name, note: c.note })),
        results: rows.map((r) => ({
          ...r,
          mb: round(r.mb, 1),
          compressMBps: round(r.compressMBps, 1),
          decompressMBps: round(r.decompressMBps, 1),
          ratio: round(r.ratio, 2),
        })),
        cpuShareOfAllCores: { machine: round(cpu.machine), bench: round(cpu.own) },
        loadAverage1m: { before: round(load.before, 2), after: round(load.after, 2) },
        datasetSetupMs: round(loadMs, 0),
      },
      null,
      2,
    )}\n`,
  );
} else {
  const lines = [
    describeMachine(host),
    `data: ${pgbench}; ${SAMPLE_MB} MB per kind of data; 1 MiB blocks; median of ${REPEATS} (order alternating)`,
    ...sets.map((s) => `  ${s.name.padEnd(8)} ${s.note}`),
    ...all.map((c) => `  ${c.name.padEnd(10)} ${c.note}`),
    '',
    'codec alone, single-threaded (MB = 2^20 bytes of plaintext)',
    '',
    table([
      ['data', 'codec', 'compress MB/s', 'decompress MB/s', 'ratio'],
      ...rows
        .filter((r) => r.path === 'codec')
        .map((r) => [r.dataset, r.codec, fmt(r.compressMBps, 0), fmt(r.decompressMBps, 0), fmt(r.ratio, 2)]),
    ]),
    '',
    'the envelope: seal() = compress + AES-256-GCM + 2 x SHA-256; open() = decrypt + decompress + SHA-256',
    '',
    table([
      ['data', 'codec', 'seal MB/s', 'open MB/s', 'ratio', 'seal zstd/gzip', 'open zstd/gzip'],
      ...rows
        .filter((r) => r.path === 'envelope')
        .map((r) => {
          const gzip = rows.find(
            (g) => g.path === 'envelope' && g.dataset === r.dataset && g.codec === 'gzip-1',
          );
          const vs = r.codec === 'zstd-1' && gzip;
          return [
            r.dataset,
            r.codec,
            fmt(r.compressMBps, 0),
            fmt(r.decompressMBps, 0),
            fmt(r.ratio, 2),
            vs ? fmt(r.compressMBps / gzip.compressMBps, 2) : '',
            vs ? fmt(r.decompressMBps / gzip.decompressMBps, 2) : '',
          ];
        }),
    ]),
    '',
    `CPU while measuring: machine ${percent(cpu.machine)} of ${host.cpus} cores, this bench ${percent(cpu.own)}; load average ${fmt(load.before)} → ${fmt(load.after)}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
