// Benchmark: PBKDF2-HMAC-SHA512 password verification (src/identity/password-hash.ts) against a bare
// crypto.pbkdf2 call with the same parameters, in the same run, interleaved so machine noise hits
// both. Then 20 concurrent verifies against 20 concurrent bare calls: wall time and hashes/s, which
// libuv's thread pool (UV_THREADPOOL_SIZE, default 4) and the number of cores bound.
//
//   npm run bench:hash            human-readable tables
//   npm run bench:hash -- --json  the same numbers as JSON on stdout
//   npm run bench:hash -- --rounds 210000   only these rounds (comma-separated)
//   UV_THREADPOOL_SIZE=1 npm run bench:hash  to see the thread pool bound the concurrent case
import { pbkdf2 } from 'node:crypto';
import { promisify } from 'node:util';
import { hashPassword, parseHash, verifyPassword } from '../src/identity/password-hash.js';
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
  summarize,
  table,
  type CpuReport,
  type Summary,
} from './support.js';

const pbkdf2Async = promisify(pbkdf2);

const POLICY_ROUNDS = 210_000;
/** `--rounds 210000,600000` measures only those; default: the policy and two for context. */
function roundsFromArgs(): number[] {
  const index = process.argv.indexOf('--rounds');
  if (index < 0) return [100_000, POLICY_ROUNDS, 600_000];
  const list = (process.argv[index + 1] ?? '').split(',').map(Number);
  if (list.length === 0 || list.some((n) => !Number.isInteger(n) || n < 1000 || n > 10_000_000)) {
    throw new Error('--rounds expects a comma-separated list of integers between 1000 and 10000000');
  }
  return list;
}
const ROUNDS = roundsFromArgs();
const WARMUP = 2;
const SAMPLES = 20;
const CONCURRENCY = 20;
const BATCHES = 6;
const PASSWORD = 'correct horse battery staple';
const KEY_BYTES = 64;

const json = process.argv.includes('--json');
const host = machine();
const progress = (message: string) => process.stderr.write(`${message}\n`);

interface SequentialResult {
  ours: Summary;
  bare: Summary;
  ratioP50: number;
  ratioP95: number;
  cpu: CpuReport;
}

interface ConcurrentResult {
  concurrency: number;
  batches: number;
  oursWallMs: number;
  bareWallMs: number;
  oursWalls: number[];
  bareWalls: number[];
  oursHashesPerSecond: number;
  bareHashesPerSecond: number;
  /** Median wall time ours / median wall time bare. */
  ratioWall: number;
  /** How many hashes ran at once in effect: concurrency × sequential p50 / median wall time. */
  oursParallelism: number;
  bareParallelism: number;
  /** The same from the fastest batch: what the machine gave at its best during the run. */
  oursPeakParallelism: number;
  barePeakParallelism: number;
  cpu: CpuReport;
}

interface RoundsResult {
  rounds: number;
  sequential: SequentialResult;
  concurrent: ConcurrentResult;
}

async function benchRounds(rounds: number): Promise<RoundsResult> {
  const hash = await hashPassword(PASSWORD, rounds);
  const parsed = parseHash(hash);
  if (!parsed) throw new Error(`hashPassword wrote an unparseable hash: ${hash}`);
  const passwordBytes = Buffer.from(PASSWORD, 'utf8');

  const ours = async (): Promise<number> => {
    const started = now();
    const ok = await verifyPassword(PASSWORD, hash);
    const elapsed = now() - started;
    if (!ok) throw new Error('verifyPassword rejected the right password');
    return elapsed;
  };
  const bare = async (): Promise<number> => {
    const started = now();
    const key = await pbkdf2Async(passwordBytes, parsed.salt, rounds, KEY_BYTES, 'sha512');
    const elapsed = now() - started;
    if (!key.equals(parsed.checksum)) throw new Error('bare pbkdf2 disagrees with the stored checksum');
    return elapsed;
  };

  // (a) + (b): sequential, interleaved, alternating which one goes first.
  progress(`rounds ${rounds}: ${WARMUP} warm-ups + ${SAMPLES} sequential samples each…`);
  const oursSamples: number[] = [];
  const bareSamples: number[] = [];
  const sequentialCpu = cpuSnapshot();
  for (let i = 0; i < WARMUP + SAMPLES; i++) {
    let a: number;
    let b: number;
    if (i % 2 === 0) {
      a = await ours();
      b = await bare();
    } else {
      b = await bare();
      a = await ours();
    }
    if (i >= WARMUP) {
      oursSamples.push(a);
      bareSamples.push(b);
    }
  }
  const sequentialCpuReport = cpuReport(sequentialCpu, cpuSnapshot(), host.cpus);
  const oursSummary = summarize(oursSamples);
  const bareSummary = summarize(bareSamples);

  // (c): CONCURRENCY calls at once (Promise.all); one unmeasured batch of each first, then
  // BATCHES of each, alternating which one goes first; medians compared.
  progress(`rounds ${rounds}: 1 warm-up + ${BATCHES} batches of ${CONCURRENCY} concurrent calls each…`);
  const batch = async (one: () => Promise<number>): Promise<number> => {
    const started = now();
    await Promise.all(Array.from({ length: CONCURRENCY }, one));
    return now() - started;
  };
  await batch(ours);
  await batch(bare);
  const oursWalls: number[] = [];
  const bareWalls: number[] = [];
  const concurrentCpu = cpuSnapshot();
  for (let i = 0; i < BATCHES; i++) {
    if (i % 2 === 0) {
      oursWalls.push(await batch(ours));
      bareWalls.push(await batch(bare));
    } else {
      bareWalls.push(await batch(bare));
      oursWalls.push(await batch(ours));
    }
  }
  const concurrentCpuReport = cpuReport(concurrentCpu, cpuSnapshot(), host.cpus);
  const oursWallMs = median(oursWalls);
  const bareWallMs = median(bareWalls);

  return {
    rounds,
    sequential: {
      ours: oursSummary,
      bare: bareSummary,
      ratioP50: oursSummary.p50 / bareSummary.p50,
      ratioP95: oursSummary.p95 / bareSummary.p95,
      cpu: sequentialCpuReport,
    },
    concurrent: {
      concurrency: CONCURRENCY,
      batches: BATCHES,
      oursWalls,
      bareWalls,
      oursWallMs,
      bareWallMs,
      oursHashesPerSecond: (CONCURRENCY * 1000) / oursWallMs,
      bareHashesPerSecond: (CONCURRENCY * 1000) / bareWallMs,
      ratioWall: oursWallMs / bareWallMs,
      oursParallelism: (CONCURRENCY * oursSummary.p50) / oursWallMs,
      bareParallelism: (CONCURRENCY * bareSummary.p50) / bareWallMs,
      oursPeakParallelism: (CONCURRENCY * oursSummary.p50) / Math.min(...oursWalls),
      barePeakParallelism: (CONCURRENCY * bareSummary.p50) / Math.min(...bareWalls),
      cpu: concurrentCpuReport,
    },
  };
}

progress(describeMachine(host));
const results: RoundsResult[] = [];
for (const rounds of ROUNDS) results.push(await benchRounds(rounds));

const roundCpu = (c: CpuReport) => ({
  machine: round(c.machine, 3),
  own: round(c.own, 3),
  others: round(c.others, 3),
});

const roundSummary = (s: Summary) => ({
  count: s.count,
  min: round(s.min),
  p50: round(s.p50),
  p95: round(s.p95),
  max: round(s.max),
  mean: round(s.mean),
});

if (json) {
  process.stdout.write(
    `${JSON.stringify(
      {
        benchmark: 'password-hash',
        machine: host,
        parameters: {
          algorithm: 'pbkdf2-hmac-sha512',
          keyBytes: KEY_BYTES,
          saltBytes: 16,
          policyRounds: POLICY_ROUNDS,
          warmup: WARMUP,
          samples: SAMPLES,
          concurrency: CONCURRENCY,
          batches: BATCHES,
        },
        results: results.map((r) => ({
          rounds: r.rounds,
          sequentialMs: {
            ours: roundSummary(r.sequential.ours),
            bare: roundSummary(r.sequential.bare),
            ratioP50: round(r.sequential.ratioP50),
            ratioP95: round(r.sequential.ratioP95),
            cpuShareOfAllCores: roundCpu(r.sequential.cpu),
          },
          concurrent: {
            concurrency: r.concurrent.concurrency,
            batches: r.concurrent.batches,
            oursWallMs: round(r.concurrent.oursWallMs, 1),
            bareWallMs: round(r.concurrent.bareWallMs, 1),
            oursHashesPerSecond: round(r.concurrent.oursHashesPerSecond, 2),
            bareHashesPerSecond: round(r.concurrent.bareHashesPerSecond, 2),
            ratioWall: round(r.concurrent.ratioWall),
            oursParallelism: round(r.concurrent.oursParallelism, 2),
            bareParallelism: round(r.concurrent.bareParallelism, 2),
            oursPeakParallelism: round(r.concurrent.oursPeakParallelism, 2),
            barePeakParallelism: round(r.concurrent.barePeakParallelism, 2),
            oursWallsMs: r.concurrent.oursWalls.map((w) => round(w, 1)),
            bareWallsMs: r.concurrent.bareWalls.map((w) => round(w, 1)),
            cpuShareOfAllCores: roundCpu(r.concurrent.cpu),
          },
        })),
      },
      null,
      2,
    )}\n`,
  );
} else {
  const mark = (rounds: number) => (rounds === POLICY_ROUNDS ? `${rounds} *` : String(rounds));
  const out: string[] = [
    '',
    describeMachine(host),
    '',
    `(a)+(b) sequential, ms per call: ${SAMPLES} interleaved samples each after ${WARMUP} warm-ups`,
    `        ours = verifyPassword(), bare = crypto.pbkdf2(sha512, ${KEY_BYTES}-byte key, 16-byte salt)`,
    '',
    table([
      [
        'rounds',
        'ours p50',
        'ours p95',
        'bare p50',
        'bare p95',
        'ours/bare p50',
        'ours/bare p95',
        'other procs CPU',
      ],
      ...results.map((r) => [
        mark(r.rounds),
        fmt(r.sequential.ours.p50),
        fmt(r.sequential.ours.p95),
        fmt(r.sequential.bare.p50),
        fmt(r.sequential.bare.p95),
        fmt(r.sequential.ratioP50, 3),
        fmt(r.sequential.ratioP95, 3),
        percent(r.sequential.cpu.others),
      ]),
    ]),
    '',
    `(c) ${CONCURRENCY} concurrent calls (Promise.all), ${BATCHES} batches of each (after 1 warm-up batch), alternating;`,
    `    wall = median batch wall time, best = fastest batch; ours/bare = ratio of the median walls;`,
    `    hash/s from the median wall; par. = ${CONCURRENCY} x sequential p50 / wall, ours/bare, from the median and the best batch`,
    `    (bound: min(UV_THREADPOOL_SIZE=${host.uvThreadpoolSize}, cores=${host.cpus}) = ${Math.min(host.uvThreadpoolSize, host.cpus)})`,
    '',
    table([
      [
        'rounds',
        'ours wall',
        'ours best',
        'bare wall',
        'bare best',
        'ours/bare',
        'ours hash/s',
        'bare hash/s',
        'par. median',
        'par. best',
        'other procs CPU',
      ],
      ...results.map((r) => [
        mark(r.rounds),
        fmt(r.concurrent.oursWallMs, 0),
        fmt(Math.min(...r.concurrent.oursWalls), 0),
        fmt(r.concurrent.bareWallMs, 0),
        fmt(Math.min(...r.concurrent.bareWalls), 0),
        fmt(r.concurrent.ratioWall, 3),
        fmt(r.concurrent.oursHashesPerSecond, 1),
        fmt(r.concurrent.bareHashesPerSecond, 1),
        `${fmt(r.concurrent.oursParallelism)}/${fmt(r.concurrent.bareParallelism)}`,
        `${fmt(r.concurrent.oursPeakParallelism)}/${fmt(r.concurrent.barePeakParallelism)}`,
        percent(r.concurrent.cpu.others),
      ]),
    ]),
    '',
    `* policy default (OXYGIS_PASSWORD_ROUNDS=${POLICY_ROUNDS}, OWASP).`,
    `other procs CPU = share of all ${host.cpus} cores used by other processes meanwhile (/proc/stat minus this process):`,
    `anything well above 0% means the numbers of that row were measured on a shared machine.`,
  ];
  const policy = results.find((r) => r.rounds === POLICY_ROUNDS);
  if (policy) {
    out.push(
      `At ${POLICY_ROUNDS} rounds one verify costs ${fmt(policy.sequential.ours.p50, 1)} ms (p50) of one core;` +
        ` ${CONCURRENCY} at once take ${fmt(policy.concurrent.oursWallMs, 0)} ms` +
        ` (best ${fmt(Math.min(...policy.concurrent.oursWalls), 0)} ms)` +
        ` = ${fmt(policy.concurrent.oursHashesPerSecond, 1)} verifies/s on this machine.`,
    );
  }
  process.stdout.write(`${out.join('\n')}\n`);
}
