// Benchmark: password hashing runs off the event loop. Starts the built platform, measures
// /healthz latency with no load (baseline), then fires 20 concurrent sign-ins (each one a
// PBKDF2-SHA512 verify at the policy rounds) and keeps probing /healthz sequentially until they
// have all answered (storm). Both phases run in the same run; the ratio storm/baseline is printed.
//
// A second probe series does the same with the console page `GET /` (index.html through
// @fastify/static, i.e. fs calls on libuv's thread pool, where the hashes run too), to show what
// "off the event loop" does not cover: other thread-pool work queues behind the hashes.
//
//   npm run bench:signin            (builds first: the fixture runs dist/)
//   npm run bench:signin -- --json  the same numbers as JSON on stdout
//
// The login route allows 20 requests per minute per IP, so the storm is exactly 20 sign-ins and
// nothing else in the run signs in.
import { pbkdf2, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import https from 'node:https';
import { promisify } from 'node:util';
import { removeDir, startPlatform, tempDir, type RunningPlatform } from '../test/support/platform.js';
import {
  cpuReport,
  cpuSnapshot,
  describeMachine,
  fmt,
  machine,
  now,
  percent,
  round,
  sleep,
  summarize,
  table,
  threadpoolSize,
  timedRequest,
  type CpuReport,
  type Summary,
} from './support.js';

const EMAIL = 'bench@example.test';
const PASSWORD = 'quartz lantern ferry'; // 20 characters
const SIGN_INS = 20;
/** Set explicitly so the server and the reference hash below agree (it is also the default). */
const ROUNDS = 210_000;
const BASELINE_WARMUP = 20;
const BASELINE_PROBES = 200;
const PROBE_INTERVAL_MS = 5;
/** Upper bound on the storm: probing stops here even if sign-ins hang (they then fail the run). */
const STORM_LIMIT_MS = 120_000;
const MAX_STORM_PROBES = Math.ceil(STORM_LIMIT_MS / PROBE_INTERVAL_MS);

const json = process.argv.includes('--json');
const host = machine();
const progress = (message: string) => process.stderr.write(`${message}\n`);

interface SignIn {
  status: number;
  ms: number;
  error?: string;
}

/**
 * What one hash costs here, measured in this process (best of 3): if hashing ran on the event loop,
 * a probe that arrived during a sign-in would wait up to this long, and up to 20 times this
 * behind 20 queued sign-ins.
 */
async function referenceHashMs(): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = now();
    await promisify(pbkdf2)(PASSWORD, randomBytes(16), ROUNDS, 64, 'sha512');
    samples.push(now() - started);
  }
  return Math.min(...samples);
}

async function probe(agent: https.Agent, url: URL): Promise<number> {
  const result = await timedRequest(agent, url, { timeoutMs: 30_000 });
  if (result.status !== 200) throw new Error(`${url.pathname} answered ${result.status}: ${result.body}`);
  return result.ms;
}

/** Sequential probes every ~PROBE_INTERVAL_MS while `state.inFlight`, bounded by MAX_STORM_PROBES. */
async function probeWhile(state: { inFlight: boolean }, agent: https.Agent, url: URL): Promise<number[]> {
  const samples: number[] = [];
  while (state.inFlight && samples.length < MAX_STORM_PROBES) {
    const started = now();
    samples.push(await probe(agent, url));
    const rest = PROBE_INTERVAL_MS - (now() - started);
    if (rest > 0) await sleep(rest);
  }
  return samples;
}

interface Series {
  baseline: number[];
  storm: number[];
}

async function run(platform: RunningPlatform) {
  const ca = await readFile(platform.caFile, 'utf8');
  const healthz = new URL('/healthz', platform.url);
  const page = new URL('/', platform.url);
  const login = new URL('/api/auth/login', platform.url);
  // Each probe series keeps one TLS connection open, so it measures the server, not handshakes.
  const healthzAgent = new https.Agent({ ca, keepAlive: true, maxSockets: 1 });
  const pageAgent = new https.Agent({ ca, keepAlive: true, maxSockets: 1 });
  // One connection per sign-in, opened before the storm (see below).
  const signInAgent = new https.Agent({ ca, keepAlive: true, maxSockets: SIGN_INS });
  try {
    progress(`reference: one PBKDF2-SHA512 hash at ${ROUNDS} rounds in this process…`);
    const hashMs = await referenceHashMs();

    // Baseline: sequential probes, /healthz and the console page alternating, nothing else going on.
    progress(`baseline: ${BASELINE_WARMUP} warm-up + ${BASELINE_PROBES} sequential probes of each…`);
    for (let i = 0; i < BASELINE_WARMUP; i++) {
      await probe(healthzAgent, healthz);
      await probe(pageAgent, page);
    }
    const healthzSeries: Series = { baseline: [], storm: [] };
    const pageSeries: Series = { baseline: [], storm: [] };
    const baselineCpu = cpuSnapshot();
    for (let i = 0; i < BASELINE_PROBES; i++) {
      healthzSeries.baseline.push(await probe(healthzAgent, healthz));
      pageSeries.baseline.push(await probe(pageAgent, page));
    }
    const baselineCpuReport = cpuReport(baselineCpu, cpuSnapshot(), host.cpus);

    // Open the sign-ins' 20 connections now (20 concurrent /healthz), so the storm measures the
    // sign-ins themselves and not 20 TLS handshakes on the server's event loop.
    await Promise.all(Array.from({ length: SIGN_INS }, () => probe(signInAgent, healthz)));

    // Storm: 20 concurrent sign-ins; each probe series, on its own connection, probes every ~5 ms
    // until the sign-ins have all answered.
    progress(`storm: ${SIGN_INS} concurrent sign-ins while probing every ~${PROBE_INTERVAL_MS} ms…`);
    // An object, not a local: the flag is cleared from a callback, which flow analysis does not see.
    const signInsState = { inFlight: true };
    const stormCpu = cpuSnapshot();
    const stormStarted = now();
    const signIns: Promise<SignIn[]> = Promise.all(
      Array.from({ length: SIGN_INS }, () =>
        timedRequest(signInAgent, login, {
          method: 'POST',
          body: { email: EMAIL, password: PASSWORD },
          timeoutMs: STORM_LIMIT_MS,
        }).then(
          (result): SignIn => ({ status: result.status, ms: result.ms }),
          (error: unknown): SignIn => ({ status: 0, ms: now() - stormStarted, error: String(error) }),
        ),
      ),
    ).finally(() => {
      signInsState.inFlight = false;
    });
    const [healthzStorm, pageStorm] = await Promise.all([
      probeWhile(signInsState, healthzAgent, healthz),
      probeWhile(signInsState, pageAgent, page),
    ]);
    healthzSeries.storm = healthzStorm;
    pageSeries.storm = pageStorm;
    const results = await signIns;
    const stormWallMs = now() - stormStarted;
    const stormCpuReport = cpuReport(stormCpu, cpuSnapshot(), host.cpus);
    return {
      hashMs,
      healthz: healthzSeries,
      page: pageSeries,
      results,
      stormWallMs,
      cpu: { baseline: baselineCpuReport, storm: stormCpuReport },
    };
  } finally {
    healthzAgent.destroy();
    pageAgent.destroy();
    signInAgent.destroy();
  }
}

progress(describeMachine(host));
progress('starting the platform (built code in dist/)…');
// Our own data directory, so it is removed even when the platform fails to start.
const dataDir = await tempDir('oxygis-bench-');
let platform: RunningPlatform | undefined;
let measured: Awaited<ReturnType<typeof run>>;
try {
  platform = await startPlatform({
    dataDir,
    env: {
      OXYGIS_BOOTSTRAP_ADMIN_EMAIL: EMAIL,
      OXYGIS_BOOTSTRAP_ADMIN_PASSWORD: PASSWORD,
      OXYGIS_PASSWORD_ROUNDS: String(ROUNDS),
    },
  });
  measured = await run(platform);
} catch (error) {
  if (platform) process.stderr.write(`platform stderr:\n${platform.stderr()}\n`);
  throw error;
} finally {
  if (platform) {
    progress('stopping the platform…');
    await platform.stop();
  }
  await removeDir(dataDir);
}

const { hashMs, results, stormWallMs, cpu } = measured;
const stats = (series: Series) => {
  const baseline = summarize(series.baseline);
  const storm = summarize(series.storm);
  return { baseline, storm, ratioP50: storm.p50 / baseline.p50, ratioP99: storm.p99 / baseline.p99 };
};
const healthz = stats(measured.healthz);
const page = stats(measured.page);
const signInMs = summarize(results.map((r) => r.ms));
const ok = results.filter((r) => r.status === 200).length;
const statuses = [...new Set(results.map((r) => r.status))].sort((a, b) => a - b);
const serverThreadpool = threadpoolSize();

const roundSummary = (s: Summary) => ({
  count: s.count,
  p50: round(s.p50),
  p95: round(s.p95),
  p99: round(s.p99),
  max: round(s.max),
  mean: round(s.mean),
});

if (json) {
  process.stdout.write(
    `${JSON.stringify(
      {
        benchmark: 'signin-storm',
        machine: host,
        serverThreadpoolSize: serverThreadpool,
        parameters: {
          signIns: SIGN_INS,
          passwordRounds: ROUNDS,
          baselineProbes: BASELINE_PROBES,
          probeIntervalMs: PROBE_INTERVAL_MS,
        },
        healthzMs: {
          baseline: roundSummary(healthz.baseline),
          storm: roundSummary(healthz.storm),
          ratioP50: round(healthz.ratioP50),
          ratioP99: round(healthz.ratioP99),
        },
        consolePageMs: {
          baseline: roundSummary(page.baseline),
          storm: roundSummary(page.storm),
          ratioP50: round(page.ratioP50),
          ratioP99: round(page.ratioP99),
        },
        referenceHashMs: round(hashMs, 1),
        healthzStormMaxBelowOneHash: healthz.storm.max < hashMs,
        cpuShareOfAllCores: {
          baseline: { machine: round(cpu.baseline.machine), benchClient: round(cpu.baseline.own) },
          storm: { machine: round(cpu.storm.machine), benchClient: round(cpu.storm.own) },
        },
        signIns: {
          wallMs: round(stormWallMs, 1),
          latencyMs: roundSummary(signInMs),
          ok,
          statuses,
          errors: results.flatMap((r) => (r.error === undefined ? [] : [r.error])),
        },
      },
      null,
      2,
    )}\n`,
  );
} else {
  const row = (series: string, name: string, s: Summary, c: CpuReport) => [
    series,
    name,
    String(s.count),
    fmt(s.p50),
    fmt(s.p95),
    fmt(s.p99),
    fmt(s.max),
    percent(c.machine),
    percent(c.own),
  ];
  const out = [
    '',
    describeMachine(host),
    `server: UV_THREADPOOL_SIZE=${serverThreadpool} (inherited), OXYGIS_PASSWORD_ROUNDS=${ROUNDS} (the default)`,
    '',
    `latency, ms: each series probes sequentially on its own keep-alive TLS connection`,
    `  /healthz   answered on the event loop alone`,
    `  console /  index.html from disk (@fastify/static: fs calls on the libuv thread pool, like the hashes)`,
    '',
    table([
      ['series', 'phase', 'probes', 'p50', 'p95', 'p99', 'max', 'machine CPU', 'bench client CPU'],
      row('/healthz', 'baseline (idle)', healthz.baseline, cpu.baseline),
      row('/healthz', `storm (${SIGN_INS} sign-ins)`, healthz.storm, cpu.storm),
      ['/healthz', 'storm / baseline', '', fmt(healthz.ratioP50), '', fmt(healthz.ratioP99), '', '', ''],
      row('console /', 'baseline (idle)', page.baseline, cpu.baseline),
      row('console /', `storm (${SIGN_INS} sign-ins)`, page.storm, cpu.storm),
      ['console /', 'storm / baseline', '', fmt(page.ratioP50), '', fmt(page.ratioP99), '', '', ''],
    ]),
    '',
    `sign-ins: ${SIGN_INS} concurrent POST /api/auth/login, ${ok}/${SIGN_INS} answered 200` +
      (ok === SIGN_INS ? '' : ` (statuses: ${statuses.join(', ')})`),
    `machine CPU = share of all ${host.cpus} cores busy (every process: platform, PostgreSQL, this client, anything else)`,
    '',
    table([
      ['sign-ins', 'wall ms', 'p50 ms', 'max ms'],
      ['20 concurrent', fmt(stormWallMs, 0), fmt(signInMs.p50, 0), fmt(signInMs.max, 0)],
    ]),
    '',
    `one hash at ${ROUNDS} rounds = ${fmt(hashMs, 1)} ms here: had hashing run on the event loop, a probe could wait` +
      ` that long behind one sign-in and up to ~${fmt((SIGN_INS * hashMs) / 1000, 1)} s behind ${SIGN_INS}.`,
    healthz.storm.max < hashMs
      ? `/healthz max during the storm (${fmt(healthz.storm.max, 1)} ms) < one hash: no probe waited for a whole hash.`
      : `/healthz max during the storm (${fmt(healthz.storm.max, 1)} ms) >= one hash: look at "machine CPU" (a busy machine) before blaming the event loop.`,
    `console page max during the storm: ${fmt(page.storm.max, 1)} ms` +
      (page.storm.max >= hashMs
        ? ' (>= one hash: its fs calls queued on the thread pool behind the hashes).'
        : ' (< one hash).'),
    '',
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

if (ok !== SIGN_INS) {
  for (const r of results) if (r.error !== undefined) process.stderr.write(`sign-in error: ${r.error}\n`);
  process.stderr.write(`FAIL: ${SIGN_INS - ok} of ${SIGN_INS} sign-ins did not answer 200\n`);
  process.exitCode = 1;
}
