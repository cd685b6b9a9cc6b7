// Benchmark: client provisioning and idle instance memory. Starts the built platform, signs the
// bootstrap operator in, then creates 20 clients (POST /api/clients), each timed from sending the
// request until a `pg` client has logged in over TLS with the returned owner credentials and run
// `select 1`. Alternated with 20 runs of the baseline (a plain `initdb` into a fresh directory +
// postmaster start + first successful connection, same binaries, same OS user). Then creates
// clients up to 50, lets them idle for 10 s and sums PSS (/proc/PID/smaps_rollup) over each
// instance's postmaster and all its children.
//
//   npm run build:server && npx tsx bench/provisioning.bench.ts           (the fixture runs dist/)
//   npm run build:server && npx tsx bench/provisioning.bench.ts --json    the same numbers as JSON
//
// Linux only, run as root (PostgreSQL runs as the OS user "postgres", as in the platform).
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { signIn, type Caller } from '../test/support/actors.js';
import { removeDir, startPlatform, tempDir, type RunningPlatform } from '../test/support/platform.js';
import {
  assertReachable,
  baselineInitdbStart,
  loginWithRetry,
  mb,
  median,
  memoryOf,
  PG_BINARIES,
  pgOsUser,
  postgresTreeMemory,
  postmasterPid,
  processTable,
  runningBaselines,
  statusKb,
  stopChild,
  withTimeout,
  type BaselineSample,
  type Memory,
  type TreeMemory,
} from './provisioning-support.js';
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
  type CpuReport,
  type Summary,
} from './support.js';

const EMAIL = 'bench-provisioning@example.test';
const PASSWORD = 'copper meadow lantern'; // 21 characters
const CREATIONS = 20;
const BASELINE_RUNS = 20;
const TOTAL_INSTANCES = 50;
const SETTLE_MS = 10_000;
const REQUEST_TIMEOUT_MS = 60_000;
/** A 201 means the database accepts the login; retries only exist to report a broken promise. */
const LOGIN_TIMEOUT_MS = 10_000;
const LOGIN_RETRY_MS = 10;
const GOALS = { p50Ms: 500, p99Ms: 2000, idleInstanceMb: 25 };

const json = process.argv.includes('--json');
const host = machine();
const progress = (message: string) => process.stderr.write(`${message}\n`);

interface CreatedConnection {
  host: string;
  port: number;
  database: string;
  user: string;
  password?: string;
}

interface Creation {
  index: number;
  clientId: string;
  /** Request sent → first successful owner login + select 1. */
  totalMs: number;
  /** Request sent → 201 received. */
  httpMs: number;
  /** 201 received → login + select 1 done. */
  loginMs: number;
  /** Logins that failed after the 201 before one worked (should be 0). */
  failedLogins: number;
}

async function createClient(caller: Caller, ca: string, index: number): Promise<Creation> {
  const name = `Bench Provisioning ${String(index).padStart(2, '0')}`;
  const started = now();
  const response = await withTimeout(
    caller.call('/api/clients', { method: 'POST', body: { name } }),
    REQUEST_TIMEOUT_MS,
    `POST /api/clients (${name})`,
  );
  const answered = now();
  if (response.status !== 201) {
    throw new Error(`creating ${name} answered ${response.status}: ${response.text.slice(0, 2000)}`);
  }
  const body = response.json as { client: { id: string }; connection: CreatedConnection };
  const { connection } = body;
  if (connection.password === undefined) throw new Error(`no password for ${name}`);
  const login = await loginWithRetry(
    {
      host: '127.0.0.1',
      port: connection.port,
      user: connection.user,
      password: connection.password,
      database: connection.database,
      ssl: { ca, servername: 'localhost' },
    },
    LOGIN_TIMEOUT_MS,
    LOGIN_RETRY_MS,
  );
  const done = now();
  return {
    index,
    clientId: body.client.id,
    totalMs: done - started,
    httpMs: answered - started,
    loginMs: done - answered,
    failedLogins: login.failedAttempts,
  };
}

const baselineOnce = (user: Awaited<ReturnType<typeof pgOsUser>>) =>
  baselineInitdbStart(user, { loginIntervalMs: LOGIN_RETRY_MS, timeoutMs: 60_000 });

interface InstanceMemory extends TreeMemory {
  clientId: string;
}

interface Measured {
  warmup: { creation: Creation; baseline: BaselineSample };
  creations: Creation[];
  baselines: BaselineSample[];
  extraCreations: Creation[];
  alternatingCpu: CpuReport;
  /** 1-minute load average before and after the alternated series (other work on the machine). */
  loadAverage: { before: number; after: number };
  instances: InstanceMemory[];
  missingInstances: string[];
  platformRssKb: number;
  platformPssKb: number;
  controlPlane: TreeMemory | undefined;
  postgresExe: string;
}

async function run(platform: RunningPlatform): Promise<Measured> {
  const user = await pgOsUser();
  await assertReachable(user);
  const ca = await readFile(platform.caFile, 'utf8');
  const operator = await signIn(platform, EMAIL, PASSWORD);
  let index = 0;

  progress('warm-up: 1 creation + 1 baseline (not counted)…');
  const warmup = { creation: await createClient(operator, ca, index++), baseline: await baselineOnce(user) };

  progress(`measuring: ${CREATIONS} creations alternated with ${BASELINE_RUNS} initdb + start baselines…`);
  const creations: Creation[] = [];
  const baselines: BaselineSample[] = [];
  const loadBefore = os.loadavg()[0] ?? Number.NaN;
  const cpuStart = cpuSnapshot();
  for (let i = 0; i < Math.max(CREATIONS, BASELINE_RUNS); i++) {
    // Alternate which goes first, so a slow phase of the machine hits both series alike.
    const order = i % 2 === 0 ? (['create', 'baseline'] as const) : (['baseline', 'create'] as const);
    for (const step of order) {
      if (step === 'create' && creations.length < CREATIONS) {
        creations.push(await createClient(operator, ca, index++));
      } else if (step === 'baseline' && baselines.length < BASELINE_RUNS) {
        baselines.push(await baselineOnce(user));
      }
    }
    const last = creations[creations.length - 1];
    const lastBase = baselines[baselines.length - 1];
    progress(
      `  ${i + 1}/${CREATIONS}: creation ${fmt(last?.totalMs ?? Number.NaN, 0)} ms, baseline ${fmt(lastBase?.totalMs ?? Number.NaN, 0)} ms`,
    );
  }
  const alternatingCpu = cpuReport(cpuStart, cpuSnapshot(), host.cpus);
  const loadAverage = { before: loadBefore, after: os.loadavg()[0] ?? Number.NaN };

  progress(`creating clients up to ${TOTAL_INSTANCES} instances…`);
  const extraCreations: Creation[] = [];
  while (index < TOTAL_INSTANCES) extraCreations.push(await createClient(operator, ca, index++));

  progress(`letting ${TOTAL_INSTANCES} instances idle for ${SETTLE_MS / 1000} s…`);
  await sleep(SETTLE_MS);

  progress('reading /proc/PID/smaps_rollup…');
  const procs = await processTable();
  const all = [warmup.creation, ...creations, ...extraCreations];
  const instances: InstanceMemory[] = [];
  const missingInstances: string[] = [];
  for (const creation of all) {
    const pgdata = path.join(platform.dataDir, 'instances', creation.clientId, 'pgdata');
    try {
      const pid = await postmasterPid(pgdata);
      instances.push({ clientId: creation.clientId, ...(await postgresTreeMemory(pid, procs)) });
    } catch {
      missingInstances.push(creation.clientId);
    }
  }
  const platformPid = platform.child.pid ?? 0;
  let controlPlane: TreeMemory | undefined;
  try {
    const pid = await postmasterPid(path.join(platform.dataDir, 'control-plane', 'pgdata'));
    controlPlane = await postgresTreeMemory(pid, procs);
  } catch {
    controlPlane = undefined; // an external control-plane database (OXYGIS_DATABASE_URL)
  }
  const first = instances[0];
  const postgresExe = first
    ? await readFile(`/proc/${first.postmasterPid}/cmdline`, 'utf8').then((c) => c.split('\0')[0] ?? '')
    : '';
  return {
    warmup,
    creations,
    baselines,
    extraCreations,
    alternatingCpu,
    loadAverage,
    instances,
    missingInstances,
    platformRssKb: await statusKb(platformPid, 'VmRSS'),
    platformPssKb: (await memoryOf(platformPid))?.pssKb ?? Number.NaN,
    controlPlane,
    postgresExe,
  };
}

progress(describeMachine(host));
progress('starting the platform (built code in dist/; run `npm run build:server` first)…');
const dataDir = await tempDir('oxygis-bench-provisioning-');
let platform: RunningPlatform | undefined;
let measured: Measured;
try {
  platform = await startPlatform({
    dataDir,
    env: { OXYGIS_BOOTSTRAP_ADMIN_EMAIL: EMAIL, OXYGIS_BOOTSTRAP_ADMIN_PASSWORD: PASSWORD },
  });
  measured = await run(platform);
} catch (error) {
  if (platform) process.stderr.write(`platform stderr:\n${platform.stderr().slice(-5000)}\n`);
  throw error;
} finally {
  for (const child of runningBaselines) await stopChild(child);
  if (platform) {
    progress('stopping the platform (and its instances)…');
    await platform.stop();
  }
  await removeDir(dataDir);
}

// ---------------------------------------------------------------------------------------------
// Report

const m = measured;
const creation = summarize(m.creations.map((c) => c.totalMs));
const creationHttp = summarize(m.creations.map((c) => c.httpMs));
const creationLogin = summarize(m.creations.map((c) => c.loginMs));
const baseline = summarize(m.baselines.map((b) => b.totalMs));
const baselineInitdb = summarize(m.baselines.map((b) => b.initdbMs));
const baselineStart = summarize(m.baselines.map((b) => b.startMs));
const extra = summarize(m.extraCreations.map((c) => c.totalMs));
const ratio = { p50: creation.p50 / baseline.p50, p99: creation.p99 / baseline.p99 };
const failedLogins = [m.warmup.creation, ...m.creations, ...m.extraCreations].reduce(
  (sum, c) => sum + c.failedLogins,
  0,
);

const perInstance = (pick: (mem: Memory) => number) => m.instances.map((i) => pick(i.total));
const memory = {
  instances: m.instances.length,
  processesPerInstance: median(m.instances.map((i) => i.processes)),
  oneInstanceMedianKb: {
    pss: median(perInstance((x) => x.pssKb)),
    pssAnon: median(perInstance((x) => x.pssAnonKb)),
    pssFile: median(perInstance((x) => x.pssFileKb)),
    pssShmem: median(perInstance((x) => x.pssShmemKb)),
    uss: median(perInstance((x) => x.ussKb)),
    rss: median(perInstance((x) => x.rssKb)),
  },
  totalKb: {
    pss: perInstance((x) => x.pssKb).reduce((a, b) => a + b, 0),
    uss: perInstance((x) => x.ussKb).reduce((a, b) => a + b, 0),
  },
  minPssKb: Math.min(...perInstance((x) => x.pssKb)),
  maxPssKb: Math.max(...perInstance((x) => x.pssKb)),
};
const roles = [...new Set(m.instances.flatMap((i) => [...i.byRole.keys()]))];
const byRole = roles
  .map((role) => {
    const entries = m.instances.map((i) => i.byRole.get(role));
    const pick = (f: (x: Memory) => number) => median(entries.map((e) => (e ? f(e.memory) : 0)));
    return {
      role,
      processes: median(entries.map((e) => e?.count ?? 0)),
      pssKb: pick((x) => x.pssKb),
      pssAnonKb: pick((x) => x.pssAnonKb),
      pssShmemKb: pick((x) => x.pssShmemKb),
      pssFileKb: pick((x) => x.pssFileKb),
      ussKb: pick((x) => x.ussKb),
    };
  })
  .sort((a, b) => b.pssKb - a.pssKb);

const goals = {
  p50: { goalMs: GOALS.p50Ms, ms: creation.p50, met: creation.p50 <= GOALS.p50Ms },
  p99: { goalMs: GOALS.p99Ms, ms: creation.p99, met: creation.p99 <= GOALS.p99Ms },
  idleInstance: {
    goalMb: GOALS.idleInstanceMb,
    mb: mb(memory.oneInstanceMedianKb.pss),
    met: mb(memory.oneInstanceMedianKb.pss) <= GOALS.idleInstanceMb,
  },
};
const verdict = (met: boolean) => (met ? 'met' : 'NOT met');

const roundSummary = (s: Summary) => ({
  count: s.count,
  min: round(s.min, 1),
  p50: round(s.p50, 1),
  p95: round(s.p95, 1),
  p99: round(s.p99, 1),
  max: round(s.max, 1),
  mean: round(s.mean, 1),
});

if (json) {
  process.stdout.write(
    `${JSON.stringify(
      {
        benchmark: 'provisioning',
        machine: host,
        parameters: {
          creations: CREATIONS,
          baselineRuns: BASELINE_RUNS,
          totalInstances: TOTAL_INSTANCES,
          settleMs: SETTLE_MS,
          loginRetryMs: LOGIN_RETRY_MS,
          percentile: 'nearest rank (p99 of 20 samples = the slowest)',
          postgres: m.postgresExe,
          baselineBinaries: PG_BINARIES,
        },
        warmupMs: {
          creation: round(m.warmup.creation.totalMs, 1),
          baseline: round(m.warmup.baseline.totalMs, 1),
        },
        provisioningMs: {
          total: roundSummary(creation),
          untilHttp201: roundSummary(creationHttp),
          loginAfter201: roundSummary(creationLogin),
          samples: m.creations.map((c) => round(c.totalMs, 1)),
        },
        baselineMs: {
          total: roundSummary(baseline),
          initdb: roundSummary(baselineInitdb),
          startUntilLogin: roundSummary(baselineStart),
          samples: m.baselines.map((b) => round(b.totalMs, 1)),
        },
        ratioToBaseline: { p50: round(ratio.p50), p99: round(ratio.p99) },
        creationsUpTo50Ms: roundSummary(extra),
        failedLoginsAfter201: failedLogins,
        cpuShareOfAllCoresWhileAlternating: {
          machine: round(m.alternatingCpu.machine),
          benchClient: round(m.alternatingCpu.own),
        },
        loadAverage1m: { before: round(m.loadAverage.before, 2), after: round(m.loadAverage.after, 2) },
        memory: {
          ...memory,
          oneInstanceMedianMb: round(mb(memory.oneInstanceMedianKb.pss), 2),
          totalPssMb: round(mb(memory.totalKb.pss), 1),
          byRoleMedianKb: byRole,
          missingInstances: m.missingInstances,
        },
        platform: {
          rssKb: m.platformRssKb,
          pssKb: m.platformPssKb,
          controlPlanePostgresPssKb: m.controlPlane?.total.pssKb ?? null,
        },
        goals: {
          p50: { ...goals.p50, ms: round(goals.p50.ms, 1) },
          p99: { ...goals.p99, ms: round(goals.p99.ms, 1) },
          idleInstance: { ...goals.idleInstance, mb: round(goals.idleInstance.mb, 2) },
        },
      },
      null,
      2,
    )}\n`,
  );
} else {
  const row = (name: string, s: Summary) => [
    name,
    String(s.count),
    fmt(s.min, 0),
    fmt(s.p50, 0),
    fmt(s.p99, 0),
    fmt(s.max, 0),
    fmt(s.mean, 0),
  ];
  const out = [
    '',
    describeMachine(host),
    `postgres: ${m.postgresExe}`,
    '',
    `Provisioning, ms (sequential; ${m.creations.length} creations alternated with ${m.baselines.length} baselines; ` +
      `1 warm-up of each not counted: ${fmt(m.warmup.creation.totalMs, 0)} / ${fmt(m.warmup.baseline.totalMs, 0)} ms)`,
    '',
    table([
      ['series', 'n', 'min', 'p50', 'p99', 'max', 'mean'],
      row('POST /api/clients → owner login + select 1', creation),
      row('  of which: request → 201', creationHttp),
      row('  of which: 201 → login + select 1 (TLS)', creationLogin),
      row('baseline: initdb + start → select 1', baseline),
      row('  of which: initdb', baselineInitdb),
      row('  of which: start → select 1', baselineStart),
      ['provisioning / baseline', '', '', fmt(ratio.p50), fmt(ratio.p99), '', ''],
      row(`creations ${m.creations.length + 2}..${TOTAL_INSTANCES} (not alternated)`, extra),
    ]),
    '',
    `percentiles: nearest rank, so p99 of 20 samples is the slowest one. ` +
      `Logins that failed after a 201: ${failedLogins}.`,
    `machine CPU while alternating: ${percent(m.alternatingCpu.machine)} of ${host.cpus} cores ` +
      `(this bench client alone: ${percent(m.alternatingCpu.own)}); 1-min load average ` +
      `${fmt(m.loadAverage.before)} before, ${fmt(m.loadAverage.after)} after`,
    '',
    `Idle instance memory, after ${SETTLE_MS / 1000} s idle, ${memory.instances} instances running ` +
      `(PSS summed over the postmaster and its ${memory.processesPerInstance - 1} children)`,
    '',
    table([
      ['', 'PSS MB', 'anon', 'shmem', 'file', 'USS MB', 'RSS MB'],
      [
        'one instance (median of 50)',
        fmt(mb(memory.oneInstanceMedianKb.pss)),
        fmt(mb(memory.oneInstanceMedianKb.pssAnon)),
        fmt(mb(memory.oneInstanceMedianKb.pssShmem)),
        fmt(mb(memory.oneInstanceMedianKb.pssFile)),
        fmt(mb(memory.oneInstanceMedianKb.uss)),
        fmt(mb(memory.oneInstanceMedianKb.rss)),
      ],
      [
        `all ${memory.instances} instances`,
        fmt(mb(memory.totalKb.pss), 1),
        '',
        '',
        '',
        fmt(mb(memory.totalKb.uss), 1),
        '',
      ],
      ['platform (node) itself', fmt(mb(m.platformPssKb)), '', '', '', '', fmt(mb(m.platformRssKb))],
      ['control-plane PostgreSQL', fmt(mb(m.controlPlane?.total.pssKb ?? Number.NaN)), '', '', '', '', ''],
    ]),
    '',
    `per process role, one instance (median of 50), kB:`,
    '',
    table([
      ['role', 'procs', 'PSS', 'anon', 'shmem', 'file', 'USS'],
      ...byRole.map((r) => [
        r.role,
        String(r.processes),
        fmt(r.pssKb, 0),
        fmt(r.pssAnonKb, 0),
        fmt(r.pssShmemKb, 0),
        fmt(r.pssFileKb, 0),
        fmt(r.ussKb, 0),
      ]),
    ]),
    '',
    `goals: p50 ${fmt(creation.p50, 0)} ms ≤ ${GOALS.p50Ms} ms: ${verdict(goals.p50.met)}; ` +
      `p99 ${fmt(creation.p99, 0)} ms ≤ ${GOALS.p99Ms} ms: ${verdict(goals.p99.met)}; ` +
      `idle instance ${fmt(goals.idleInstance.mb, 1)} MB ≤ ${GOALS.idleInstanceMb} MB: ${verdict(goals.idleInstance.met)}`,
    '',
  ];
  if (m.missingInstances.length > 0)
    out.push(`instances without a postmaster: ${m.missingInstances.join(', ')}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

if (m.missingInstances.length > 0 || failedLogins > 0) {
  process.stderr.write(
    `FAIL: ${m.missingInstances.length} instance(s) not running, ${failedLogins} login(s) refused after a 201\n`,
  );
  process.exitCode = 1;
}
