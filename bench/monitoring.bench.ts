// Benchmark: 5,000 HTTP monitors at 30 s on this 2-core machine (issue #6). Starts the built
// platform with a bootstrap operator, creates a few clients through the API, inserts the monitors
// straight into the control-plane database (the rows `monitorRepository.insert` writes: monitor,
// an open "no_data" state interval, monitor_status) and lets the prober pick them up at its next
// reload. Every monitor checks http://127.0.0.1:PORT/m/N on a local HTTP server in its own process
// (200 "ok", keep-alive), so the target's CPU is not the platform's.
//
// Before the monitors, an idle reference (the platform's CPU with only the clients' database
// monitors). After a warm-up (monitors that join are checked at once, then on their own slot of the
// 30-s grid; the first checks move every monitor from no data to up), it measures over a window:
// checks/s sustained (rows in check_result), lateness (start − due: from the check rows against the
// grid `offsetFor(id) + k × 30 s`, and from the scheduler's own figures, GET
// /api/monitoring/scheduler), CPU time of the platform's node process (its main thread apart) and,
// apart, of its PostgreSQL processes (control plane; the clients' instances) from /proc/<pid>/stat,
// and the node process's resident memory (VmRSS, polled every 10 s), with V8's heap before and
// after a forced full GC at the end (a preload in the platform, NODE_OPTIONS, answers SIGUSR2).
//
// Baseline, in the same window: the same number of GETs per second sent by a minimal loop of
// plain `http.get` through a keep-alive agent, in a child process, to a second target process:
// the physical floor of an HTTP check on this machine. Printed: our CPU per check / its CPU per
// request.
//
//   npm run bench:monitoring                     5,000 monitors, 40 s warm-up, 180 s window
//   npm run bench:monitoring -- --quick          smoke run: 500 monitors, 60 s window
//   npm run bench:monitoring -- --json           the same numbers as JSON on stdout
//   options: --monitors N --clients N --warmup S --duration S --idle S
//   --cpu-prof: V8's CPU profiler runs in the platform (which costs CPU itself); prints where its
//   JavaScript time went during the window, by package / file / function
//   --node-options "FLAGS": node flags for the platform (NODE_OPTIONS), e.g. --max-old-space-size=160
//
// The fixture runs dist/: built first only when dist/server is missing (`npm run build:server`
// after changing src/). Linux only, run as root (PostgreSQL runs as the OS user "postgres").
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../src/db/schema.js';
import { offsetFor, type SchedulerStats } from '../src/monitoring/scheduler.js';
import { platformDb, signIn, type Caller } from '../test/support/actors.js';
import {
  removeDir,
  repoRoot,
  startPlatform,
  tempDir,
  type RunningPlatform,
} from '../test/support/platform.js';
import { postmastersUnder } from '../test/support/processes.js';
import {
  cpuBetween,
  readCpu,
  startBaseline,
  startTarget,
  preloadNodeOptions,
  summarizeProfile,
  type BaselineCounts,
  type Child,
  type CpuReading,
  type MemoryReport,
  type ProfileSummary,
  type TargetCounts,
} from './monitoring-support.js';
import { mb, memoryOf, postmasterPid, processTable, processTree, statusKb } from './provisioning-support.js';
import {
  cpuReport,
  cpuSnapshot,
  describeMachine,
  fmt,
  machine,
  percent,
  round,
  sleep,
  summarize,
  table,
  type CpuReport,
  type Summary,
} from './support.js';

const EMAIL = 'bench-monitoring@example.test';
const PASSWORD = 'harbour violet compass'; // 22 characters

const argv = process.argv.slice(2);
const json = argv.includes('--json');
const quick = argv.includes('--quick');
const cpuProfile = argv.includes('--cpu-prof');
/** Extra node flags for the platform, as NODE_OPTIONS allows them (e.g. --max-old-space-size=160). */
const platformNodeOptions = (() => {
  const index = argv.indexOf('--node-options');
  return index < 0 ? '' : (argv[index + 1] ?? '');
})();
function option(name: string, fallback: number): number {
  const index = argv.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const value = Number(argv[index + 1]);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} needs a number`);
  return value;
}

const MONITORS = option('monitors', quick ? 500 : 5000);
const CLIENTS = option('clients', 5);
const INTERVAL_S = 30;
const WARMUP_S = option('warmup', 40);
const WINDOW_S = option('duration', quick ? 60 : 180);
const IDLE_S = option('idle', quick ? 10 : 20);
const POLL_S = 10;
/** Check rows are flushed every 2 s; wait this long after the window before counting them. */
const FLUSH_WAIT_MS = 5000;
const INSERT_BATCH = 500;
const GOALS = { rssMb: 300, cpuShare: 0.5, sustained: 0.99 };
const NOMINAL_PER_S = MONITORS / INTERVAL_S;

const host = machine();
const progress = (message: string) => process.stderr.write(`${message}\n`);
const load1 = () => os.loadavg()[0] ?? Number.NaN;

// ---------------------------------------------------------------------------------------------

async function schedulerStats(operator: Caller): Promise<SchedulerStats> {
  const response = await operator.call('/api/monitoring/scheduler');
  if (response.status !== 200)
    throw new Error(`GET /api/monitoring/scheduler answered ${response.status}: ${response.text}`);
  return response.json as SchedulerStats;
}

async function createClients(operator: Caller): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    const response = await operator.call('/api/clients', {
      method: 'POST',
      body: { name: `Bench Monitoring ${String(i + 1).padStart(2, '0')}` },
    });
    if (response.status !== 201)
      throw new Error(`POST /api/clients answered ${response.status}: ${response.text.slice(0, 2000)}`);
    ids.push((response.json as { client: { id: string } }).client.id);
  }
  return ids;
}

/** The rows `monitorRepository.insert` writes, `INSERT_BATCH` monitors per transaction. */
async function insertMonitors(
  db: Kysely<Database>,
  clientIds: readonly string[],
  base: string,
): Promise<void> {
  for (let from = 0; from < MONITORS; from += INSERT_BATCH) {
    const count = Math.min(INSERT_BATCH, MONITORS - from);
    await db.transaction().execute(async (trx) => {
      const monitors = await trx
        .insertInto('monitor')
        .values(
          Array.from({ length: count }, (_, k) => {
            const n = from + k;
            return {
              client_id: clientIds[n % clientIds.length] ?? '',
              name: `bench ${n}`,
              kind: 'http' as const,
              role: 'application' as const,
              target: `${base}/m/${n}`,
              interval_seconds: INTERVAL_S,
              // What MonitorService.add gives when no timeout is asked for.
              timeout_ms: Math.min(10_000, INTERVAL_S * 1000 - 1000),
              expected_status: null,
              keyword: null,
              degraded_after_ms: null,
              failure_threshold: 3,
              recovery_threshold: 2,
            };
          }),
        )
        .returning(['id', 'client_id'])
        .execute();
      const now = new Date();
      await trx
        .insertInto('state_interval')
        .values(
          monitors.map((m) => ({
            monitor_id: m.id,
            client_id: m.client_id,
            state: 'no_data' as const,
            started_at: now,
          })),
        )
        .execute();
      await trx
        .insertInto('monitor_status')
        .values(monitors.map((m) => ({ monitor_id: m.id, state: 'no_data' as const, since: now })))
        .execute();
    });
  }
}

/** A JSON file another process writes: waits until it exists and parses (up to 30 s). */
async function readWhenComplete<T>(file: string): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return JSON.parse(await readFile(file, 'utf8')) as T;
    } catch (error) {
      if (i >= 150) throw new Error(`${file} was not written`, { cause: error });
      await sleep(200);
    }
  }
}

interface Processes {
  node: number;
  controlPlane: number;
  instances: number[];
  target: number;
  baseline: number;
  baselineTarget: number;
}

const readAll = (p: Processes): Promise<CpuReading> =>
  readCpu(
    { node: p.node, target: p.target, baseline: p.baseline, baselineTarget: p.baselineTarget },
    { nodeMain: p.node, baselineMain: p.baseline },
    { controlPlane: [p.controlPlane], instances: p.instances },
  );

interface Poll {
  atS: number;
  rssKb: number;
  stats: SchedulerStats;
}

interface CheckRows {
  http: number;
  httpOk: number;
  other: number;
  errors: Map<string, number>;
  latenessMs: number[];
  /** HTTP checks per POLL_S slice of the window. */
  slices: number[];
}

/** Check rows of the window; lateness = start − due, the due times being `offsetFor` + k × interval. */
async function checkRows(db: Kysely<Database>, from: Date, to: Date): Promise<CheckRows> {
  const rows = await db
    .selectFrom('check_result')
    .innerJoin('monitor', 'monitor.id', 'check_result.monitor_id')
    .select([
      'check_result.monitor_id',
      'check_result.at',
      'check_result.ok',
      'check_result.error',
      'monitor.kind',
    ])
    .where('check_result.at', '>=', from)
    .where('check_result.at', '<', to)
    .execute();
  const intervalMs = INTERVAL_S * 1000;
  const result: CheckRows = {
    http: 0,
    httpOk: 0,
    other: 0,
    errors: new Map(),
    latenessMs: [],
    slices: Array.from({ length: Math.ceil(WINDOW_S / POLL_S) }, () => 0),
  };
  for (const row of rows) {
    if (row.kind !== 'http') {
      result.other++;
      continue;
    }
    result.http++;
    if (row.ok) result.httpOk++;
    else result.errors.set(row.error ?? '?', (result.errors.get(row.error ?? '?') ?? 0) + 1);
    const at = row.at.getTime();
    let late = (((at - offsetFor(row.monitor_id, intervalMs)) % intervalMs) + intervalMs) % intervalMs;
    // A timer may fire a millisecond before its due time: that is -1, not 29,999.
    if (late > intervalMs - 1000) late -= intervalMs;
    result.latenessMs.push(late);
    const slice = Math.floor((at - from.getTime()) / (POLL_S * 1000));
    result.slices[slice] = (result.slices[slice] ?? 0) + 1;
  }
  return result;
}

// ---------------------------------------------------------------------------------------------

async function run(
  platform: RunningPlatform,
  children: {
    target: Child<TargetCounts> & { url: string };
    baselineTarget: Child<TargetCounts> & { url: string };
    baseline: Awaited<ReturnType<typeof startBaseline>>;
  },
) {
  const { target, baselineTarget, baseline } = children;
  const loadAtStart = load1();
  const operator = await signIn(platform, EMAIL, PASSWORD);
  const db = await platformDb(platform);
  try {
    progress(`creating ${CLIENTS} clients through the API…`);
    const clientIds = await createClients(operator);
    const nodePid = platform.child.pid ?? -1;
    const controlPlane = await postmasterPid(path.join(platform.dataDir, 'control-plane', 'pgdata'));
    const instances = (await postmastersUnder(platform.dataDir)).filter((pid) => pid !== controlPlane);
    const processes: Processes = {
      node: nodePid,
      controlPlane,
      instances,
      target: target.pid,
      baseline: baseline.pid,
      baselineTarget: baselineTarget.pid,
    };

    progress(`idle reference: ${IDLE_S} s with only the ${CLIENTS} database monitors…`);
    await sleep(5000);
    const idleRssKb = await statusKb(nodePid, 'VmRSS');
    const idleStart = await readAll(processes);
    await sleep(IDLE_S * 1000);
    const idle = cpuBetween(idleStart, await readAll(processes));
    const idleWallMs = IDLE_S * 1000;

    progress(
      `inserting ${MONITORS} http monitors (interval ${INTERVAL_S} s) into the control-plane database…`,
    );
    const insertStarted = performance.now();
    await insertMonitors(db, clientIds, target.url);
    const insertMs = performance.now() - insertStarted;

    progress('waiting for the prober to schedule them (it reloads every 10 s)…');
    const expectedMonitors = MONITORS + CLIENTS;
    let stats = await schedulerStats(operator);
    for (let i = 0; i < 60 && stats.monitors < expectedMonitors; i++) {
      await sleep(1000);
      stats = await schedulerStats(operator);
    }
    // The scheduler endpoint (staff, read-only) answers with what the prober has scheduled.
    const endpointOk =
      stats.monitors === expectedMonitors &&
      [stats.checksRun, stats.inFlight, stats.latenessP50Ms, stats.latenessP99Ms].every(Number.isFinite);
    if (!endpointOk)
      throw new Error(
        `GET /api/monitoring/scheduler: ${JSON.stringify(stats)}, expected ${expectedMonitors} monitors`,
      );

    // The baseline starts with the warm-up too, so both sides are warm when the window opens.
    const urls = Array.from({ length: 100 }, (_, n) => `${baselineTarget.url}/m/${n}`);
    baseline.start(urls, NOMINAL_PER_S);
    progress(
      `warm-up: ${WARMUP_S} s (every monitor's first check; the baseline loop at ${fmt(NOMINAL_PER_S, 1)}/s)…`,
    );
    await sleep(WARMUP_S * 1000);

    progress(`measuring: ${WINDOW_S} s…`);
    const loadBefore = load1();
    const statsStart = await schedulerStats(operator);
    const [baselineStart, targetStart, baselineTargetStart] = await Promise.all([
      baseline.counts(),
      target.counts(),
      baselineTarget.counts(),
    ]);
    const cpuStart = await readAll(processes);
    const windowFromUs = Number(process.hrtime.bigint() / 1000n);
    const machineStart = cpuSnapshot();
    const windowFrom = new Date();
    const polls: Poll[] = [];
    const windowStarted = performance.now();
    while (performance.now() - windowStarted < WINDOW_S * 1000 - 100) {
      await sleep(Math.min(POLL_S * 1000, WINDOW_S * 1000 - (performance.now() - windowStarted)));
      const poll = {
        atS: (performance.now() - windowStarted) / 1000,
        rssKb: await statusKb(nodePid, 'VmRSS'),
        stats: await schedulerStats(operator),
      };
      polls.push(poll);
      progress(
        `  ${fmt(poll.atS, 0)} s: checks run ${poll.stats.checksRun - statsStart.checksRun}, in flight ${poll.stats.inFlight},` +
          ` lateness p50 ${poll.stats.latenessP50Ms} ms p99 ${poll.stats.latenessP99Ms} ms, RSS ${fmt(mb(poll.rssKb), 0)} MB`,
      );
    }
    const windowTo = new Date();
    const windowToUs = Number(process.hrtime.bigint() / 1000n);
    const cpuEnd = await readAll(processes);
    const machineCpu: CpuReport = cpuReport(machineStart, cpuSnapshot(), host.cpus);
    const rssKb = await statusKb(nodePid, 'VmRSS');
    const hwmKb = await statusKb(nodePid, 'VmHWM');
    // The preload in the platform writes its memory figures (and stops the profiler, if any).
    process.kill(nodePid, 'SIGUSR2');
    const report = await readWhenComplete<MemoryReport>(path.join(preloadDir, `${nodePid}.memory.json`));
    if (cpuProfile) {
      const file = path.join(preloadDir, `${nodePid}.cpuprofile`);
      for (let i = 0; i < 150 && !existsSync(file); i++) await sleep(200);
    }
    const [baselineEnd, targetEnd, baselineTargetEnd] = await Promise.all([
      baseline.counts(),
      target.counts(),
      baselineTarget.counts(),
    ]);
    const statsEnd = polls[polls.length - 1]?.stats ?? (await schedulerStats(operator));
    const loadAfter = load1();
    const procs = await processTable();
    let controlPlanePssKb = 0;
    for (const pid of processTree(controlPlane, procs))
      controlPlanePssKb += (await memoryOf(pid))?.pssKb ?? 0;

    progress('counting the check rows of the window…');
    await sleep(FLUSH_WAIT_MS);
    const rows = await checkRows(db, windowFrom, windowTo);
    // The platform's own jobs keep running: the hourly one (minute 30) takes base backups of the
    // clients, whose cost then lands in the window's figures.
    const backups = await db
      .selectFrom('base_backup')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('started_at', '<', windowTo)
      .where((eb) => eb.or([eb('finished_at', 'is', null), eb('finished_at', '>', windowFrom)]))
      .executeTakeFirstOrThrow();
    return {
      loadAverage: { start: loadAtStart, before: loadBefore, after: loadAfter },
      windowUs: { from: windowFromUs, to: windowToUs },
      insertMs,
      idle: { cpuMs: idle, wallMs: idleWallMs, rssKb: idleRssKb },
      window: {
        wallMs: windowTo.getTime() - windowFrom.getTime(),
        cpuMs: cpuBetween(cpuStart, cpuEnd),
        cpuWallMs: cpuEnd.at - cpuStart.at,
        machineCpu,
        benchOwnShare: machineCpu.own,
      },
      rows,
      scheduler: { start: statsStart, end: statsEnd, polls },
      baseline: diffBaseline(baselineStart, baselineEnd),
      target: {
        requests: targetEnd.requests - targetStart.requests,
        connections: targetEnd.connections - targetStart.connections,
      },
      baselineTarget: {
        requests: baselineTargetEnd.requests - baselineTargetStart.requests,
        connections: baselineTargetEnd.connections - baselineTargetStart.connections,
      },
      memory: {
        rssKb,
        hwmKb,
        maxPolledRssKb: Math.max(rssKb, ...polls.map((p) => p.rssKb)),
        controlPlanePssKb,
        report,
      },
      scheduledMonitors: stats.monitors,
      baseBackupsInWindow: Number(backups.count),
      processes: { instances: instances.length },
    };
  } finally {
    await db.destroy();
  }
}

function diffBaseline(start: BaselineCounts, end: BaselineCounts) {
  return {
    requests: end.requests - start.requests,
    completed: end.ok + end.failed - (start.ok + start.failed),
    ok: end.ok - start.ok,
    failed: end.failed - start.failed,
    behindAtEnd: end.behind,
  };
}

// ---------------------------------------------------------------------------------------------

progress(describeMachine(host));
const builtEntry = path.join(repoRoot, 'dist', 'server', 'cli', 'main.js');
if (!existsSync(builtEntry)) {
  // Others share this checkout: a missing dist/server may be someone's build in progress.
  for (let i = 0; i < 30 && !existsSync(builtEntry); i++) await sleep(2000);
  if (!existsSync(builtEntry)) {
    progress('dist/server is missing: npm run build:server…');
    execFileSync('npm', ['run', 'build:server'], { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });
  }
}
/** Sources of the monitoring code newer than their build in dist/ (the bench measures dist/). */
function staleBuild(): string[] {
  const stale: string[] = [];
  for (const dir of ['monitoring', 'monitoring/probes', 'server']) {
    for (const file of readdirSync(path.join(repoRoot, 'src', dir))) {
      if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
      const built = path.join(repoRoot, 'dist', 'server', dir, file.replace(/\.ts$/, '.js'));
      const source = path.join(repoRoot, 'src', dir, file);
      if (!existsSync(built) || statSync(source).mtimeMs > statSync(built).mtimeMs)
        stale.push(`src/${dir}/${file}`);
    }
  }
  return stale;
}
if (WARMUP_S < INTERVAL_S || WINDOW_S % INTERVAL_S !== 0)
  progress(
    `WARNING: a warm-up under ${INTERVAL_S} s or a window that is not a multiple of ${INTERVAL_S} s does not see whole rounds: checks/s will be off`,
  );
const stale = staleBuild();
if (stale.length > 0)
  progress(
    `WARNING: dist/ is older than ${stale.join(', ')}: this measures the old build (npm run build:server)`,
  );
if (!existsSync(path.join(repoRoot, 'dist', 'server', 'monitoring', 'scheduler.routes.js'))) {
  throw new Error('dist/server predates GET /api/monitoring/scheduler: run `npm run build:server` first');
}
progress(
  `${MONITORS} http monitors at ${INTERVAL_S} s over ${CLIENTS} clients = ${fmt(NOMINAL_PER_S, 1)} checks/s nominal;` +
    ` warm-up ${WARMUP_S} s, window ${WINDOW_S} s`,
);
progress('starting the target and baseline processes, then the platform (built code in dist/)…');
const dataDir = await tempDir('oxygis-bench-');
// Where the platform's preload writes its memory figures (and, with --cpu-prof, its CPU profile).
const preloadDir = await tempDir('oxygis-bench-preload-');
let profile: ProfileSummary | undefined;
let platform: RunningPlatform | undefined;
const started: Child<unknown>[] = [];
let measured: Awaited<ReturnType<typeof run>>;
let windowUs: { from: number; to: number } | undefined;
try {
  const target = await startTarget();
  started.push(target);
  const baselineTarget = await startTarget();
  started.push(baselineTarget);
  const baseline = await startBaseline();
  started.push(baseline);
  platform = await startPlatform({
    dataDir,
    env: {
      OXYGIS_BOOTSTRAP_ADMIN_EMAIL: EMAIL,
      OXYGIS_BOOTSTRAP_ADMIN_PASSWORD: PASSWORD,
      NODE_OPTIONS: `${preloadNodeOptions(preloadDir, cpuProfile)} ${platformNodeOptions}`.trim(),
    },
  });
  measured = await run(platform, { target, baselineTarget, baseline });
  windowUs = measured.windowUs;
} catch (error) {
  if (platform) process.stderr.write(`platform stderr:\n${platform.stderr().slice(-5000)}\n`);
  throw error;
} finally {
  for (const child of started) await child.stop();
  if (platform) {
    progress('stopping the platform…');
    await platform.stop();
  }
  await removeDir(dataDir);
  try {
    // Complete once the platform has exited.
    const file = path.join(preloadDir, `${platform?.child.pid ?? -1}.cpuprofile`);
    if (cpuProfile && windowUs && existsSync(file))
      profile = await summarizeProfile(file, windowUs.from, windowUs.to);
    else if (cpuProfile && windowUs) progress(`no CPU profile in ${preloadDir}`);
  } finally {
    await removeDir(preloadDir);
  }
}

// ---------------------------------------------------------------------------------------------
// Figures

const { window, rows, idle, memory, scheduler } = measured;
const wallS = window.wallMs / 1000;
const cpu = window.cpuMs;
const part = (name: string) => cpu[name] ?? Number.NaN;
const share = (ms: number, wallMs = window.cpuWallMs) => ms / (wallMs * host.cpus);
const platformMs = part('node') + part('controlPlane') + part('instances');
const checksAll = rows.http + rows.other;
const sustained = rows.http / wallS;
const expected = (MONITORS * wallS) / INTERVAL_S;
const lateness = summarize(rows.latenessMs);
// Whole slices only (the window may end a few ms into one more).
const sliceRates = rows.slices.slice(0, Math.max(1, Math.floor(wallS / POLL_S))).map((n) => n / POLL_S);
const nodePerCheck = part('node') / checksAll;
const nodeDbPerCheck = (part('node') + part('controlPlane')) / checksAll;
const baselinePerRequest = part('baseline') / measured.baseline.completed;
const targetPerRequest = part('target') / measured.target.requests;
const baselineTargetPerRequest = part('baselineTarget') / measured.baselineTarget.requests;
const known = platformMs + part('target') + part('baseline') + part('baselineTarget');
const othersShare = Math.max(0, window.machineCpu.machine - share(known) - window.benchOwnShare);
/** Scheduler polls whose last 10,000 checks all lie in the window. */
const fullPolls = scheduler.polls.filter((p) => p.stats.checksRun - scheduler.start.checksRun >= 10_000);
const worstPollP99 = Math.max(
  ...(fullPolls.length > 0 ? fullPolls : scheduler.polls).map((p) => p.stats.latenessP99Ms),
);
const idleShare = (name: string) => (idle.cpuMs[name] ?? Number.NaN) / (idle.wallMs * host.cpus);
const idlePlatform = (idle.cpuMs.node ?? 0) + (idle.cpuMs.controlPlane ?? 0) + (idle.cpuMs.instances ?? 0);
/** The node process's CPU per check beyond what it used idle (timers, jobs, heartbeats). */
const nodeMarginalPerCheck =
  (part('node') - ((idle.cpuMs.node ?? 0) / idle.wallMs) * window.cpuWallMs) / checksAll;
const bytesMb = (bytes: number) => bytes / 1024 / 1024;
const pct = (value: number) => (Number.isFinite(value) ? `${fmt(value * 100, 1)}%` : '-');

const goals = {
  sustained: sustained >= GOALS.sustained * NOMINAL_PER_S,
  cpuToSpare: share(platformMs) < GOALS.cpuShare,
  // The peak since start: it includes the first round after the monitors were added.
  rss: Math.max(memory.rssKb, memory.maxPolledRssKb, memory.hwmKb) / 1024 < GOALS.rssMb,
};

const roundSummary = (s: Summary) => ({
  count: s.count,
  p50: round(s.p50, 1),
  p95: round(s.p95, 1),
  p99: round(s.p99, 1),
  max: round(s.max, 1),
});

function roundProfile(p: ProfileSummary) {
  const r = (list: ProfileSummary['byOrigin']) =>
    list.slice(0, 12).map((x) => ({ name: x.name, self: round(x.self), inclusive: round(x.inclusive) }));
  return {
    samples: p.samples,
    busy: p.busy,
    byOrigin: r(p.byOrigin),
    ours: r(p.ours),
    topSelf: r(p.topSelf),
  };
}

function profileLines(p: ProfileSummary): string[] {
  const rows = (list: ProfileSummary['byOrigin'], n: number) =>
    list.slice(0, n).map((x) => [x.name, pct(x.self), pct(x.inclusive)]);
  return [
    `CPU profile of the node process's main thread over the window (V8, 1 ms): ${p.busy} busy samples of ${p.samples};`,
    '  shares of the busy samples: self = in that code itself, incl. = with everything it called.',
    '  V8 counts native work done in the event loop outside JavaScript as idle: these are shares of what it sees.',
    '',
    table([['by origin', 'self', 'incl.'], ...rows(p.byOrigin, 14)]),
    '',
    table([['our functions (dist/server)', 'self', 'incl.'], ...rows(p.ours, 14)]),
    '',
    table([
      ['functions by self time', 'self', ''],
      ...rows(p.topSelf, 14).map(([a, b]) => [a ?? '', b ?? '', '']),
    ]),
    '',
  ];
}

if (json) {
  process.stdout.write(
    `${JSON.stringify(
      {
        benchmark: 'monitoring',
        machine: host,
        loadAverage1m: {
          start: round(measured.loadAverage.start, 2),
          windowStart: round(measured.loadAverage.before, 2),
          windowEnd: round(measured.loadAverage.after, 2),
        },
        parameters: {
          monitors: MONITORS,
          clients: CLIENTS,
          intervalSeconds: INTERVAL_S,
          warmupSeconds: WARMUP_S,
          windowSeconds: round(wallS, 1),
          nominalChecksPerSecond: round(NOMINAL_PER_S, 2),
          quick,
          platformNodeOptions,
        },
        insertMs: round(measured.insertMs, 0),
        checks: {
          http: rows.http,
          ok: rows.httpOk,
          failed: rows.http - rows.httpOk,
          errors: Object.fromEntries(rows.errors),
          databaseMonitors: rows.other,
          expected: round(expected, 0),
          perSecondSustained: round(sustained, 2),
          perSecondBySlice: {
            sliceSeconds: POLL_S,
            min: round(Math.min(...sliceRates), 1),
            max: round(Math.max(...sliceRates), 1),
          },
          baselineRequests: measured.baseline.completed,
          baselineFailed: measured.baseline.failed,
        },
        latenessMs: {
          fromCheckRows: roundSummary(lateness),
          scheduler: {
            end: { p50: scheduler.end.latenessP50Ms, p99: scheduler.end.latenessP99Ms },
            worstPollP99: worstPollP99,
            maxInFlight: Math.max(...scheduler.polls.map((p) => p.stats.inFlight)),
          },
        },
        cpu: {
          shareOfAllCores: {
            platformTotal: round(share(platformMs)),
            node: round(share(part('node'))),
            nodeMainThread: round(share(part('nodeMain'))),
            controlPlanePostgres: round(share(part('controlPlane'))),
            instancePostgres: round(share(part('instances'))),
            target: round(share(part('target'))),
            baselineLoop: round(share(part('baseline'))),
            baselineLoopMainThread: round(share(part('baselineMain'))),
            baselineTarget: round(share(part('baselineTarget'))),
            bench: round(window.benchOwnShare),
            machine: round(window.machineCpu.machine),
            others: round(othersShare),
          },
          idleReference: {
            seconds: IDLE_S,
            platformTotal: round(idlePlatform / (idle.wallMs * host.cpus)),
            node: round(idleShare('node')),
            controlPlanePostgres: round(idleShare('controlPlane')),
            instancePostgres: round(idleShare('instances')),
          },
          kernelShareOfCpu: Object.fromEntries(
            ['node', 'nodeMain', 'target', 'baseline', 'baselineMain', 'baselineTarget'].map((key) => [
              key,
              round(part(`${key}.system`) / part(key)),
            ]),
          ),
          msPerCheck: {
            node: round(nodePerCheck, 4),
            nodeLessIdle: round(nodeMarginalPerCheck, 4),
            nodeAndControlPlane: round(nodeDbPerCheck, 4),
            baselineLoop: round(baselinePerRequest, 4),
            target: round(targetPerRequest, 4),
            baselineTarget: round(baselineTargetPerRequest, 4),
          },
          ratio: {
            nodeOverBaseline: round(nodePerCheck / baselinePerRequest, 2),
            nodeLessIdleOverBaseline: round(nodeMarginalPerCheck / baselinePerRequest, 2),
            nodeAndControlPlaneOverBaseline: round(nodeDbPerCheck / baselinePerRequest, 2),
            targetOverBaselineTarget: round(targetPerRequest / baselineTargetPerRequest, 2),
          },
        },
        connectionsOpened: {
          ours: measured.target.connections,
          baseline: measured.baselineTarget.connections,
        },
        memoryMb: {
          nodeRssEnd: round(mb(memory.rssKb), 1),
          nodeRssMaxPolled: round(mb(memory.maxPolledRssKb), 1),
          nodeRssPeak: round(mb(memory.hwmKb), 1),
          nodeRssIdle: round(mb(idle.rssKb), 1),
          controlPlanePostgresPss: round(mb(memory.controlPlanePssKb), 1),
          nodeHeapUsed: round(bytesMb(memory.report.before.heapUsed), 1),
          nodeHeapTotal: round(bytesMb(memory.report.before.heapTotal), 1),
          nodeHeapLiveAfterGc: round(bytesMb(memory.report.afterGc.heapUsed), 1),
          nodeExternal: round(bytesMb(memory.report.afterGc.external), 1),
          nodeRssAfterGc: round(bytesMb(memory.report.afterGc.rss), 1),
        },
        scheduledMonitors: measured.scheduledMonitors,
        baseBackupsInWindow: measured.baseBackupsInWindow,
        ...(profile ? { cpuProfile: roundProfile(profile) } : {}),
        goals: { ...goals, rssMb: GOALS.rssMb, cpuShare: GOALS.cpuShare },
      },
      null,
      2,
    )}\n`,
  );
} else {
  const cpuRow = (name: string, ms: number, idleOfAll = Number.NaN, key = '') => [
    name,
    fmt(ms / 1000, 1),
    pct(share(ms)),
    pct(ms / window.cpuWallMs),
    key ? pct(part(`${key}.system`) / part(key)) : '',
    Number.isFinite(idleOfAll) ? pct(idleOfAll) : '',
  ];
  const topErrors = [...rows.errors.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3);
  const out = [
    '',
    describeMachine(host),
    `load average (1 min): ${fmt(measured.loadAverage.start)} at start, ${fmt(measured.loadAverage.before)} → ${fmt(measured.loadAverage.after)} over the window;` +
      ` machine CPU over the window ${percent(window.machineCpu.machine)} of ${host.cpus} cores (other processes ${percent(othersShare)})`,
    `${MONITORS} http monitors at ${INTERVAL_S} s (${CLIENTS} clients, + ${rows.other > 0 ? CLIENTS : 0} database monitors) against a local target process;` +
      ` inserted in ${fmt(measured.insertMs / 1000, 1)} s; warm-up ${WARMUP_S} s, window ${fmt(wallS, 1)} s`,
    ...(platformNodeOptions ? [`platform node flags: ${platformNodeOptions}`] : []),
    ...(measured.baseBackupsInWindow > 0
      ? [
          `NOTE: ${measured.baseBackupsInWindow} base backups (the platform's hourly job) ran during the window: their CPU and memory are in the figures`,
        ]
      : []),
    '',
    table([
      ['checks (window)', 'count', 'per s', 'of nominal'],
      [
        'http checks (check_result rows)',
        String(rows.http),
        fmt(sustained, 1),
        percent(sustained / NOMINAL_PER_S),
      ],
      ['  of which failed', String(rows.http - rows.httpOk), '', ''],
      [
        `  per ${POLL_S}-s slice, min / max`,
        '',
        `${fmt(Math.min(...sliceRates), 1)} / ${fmt(Math.max(...sliceRates), 1)}`,
        '',
      ],
      ['expected (monitors × window / interval)', fmt(expected, 0), fmt(NOMINAL_PER_S, 1), '100%'],
      [
        'baseline: plain http.get loop',
        String(measured.baseline.completed),
        fmt(measured.baseline.completed / wallS, 1),
        percent(measured.baseline.completed / wallS / NOMINAL_PER_S),
      ],
    ]),
    ...(topErrors.length > 0
      ? ['', `failed checks: ${topErrors.map(([e, n]) => `${n} × ${e}`).join('; ')}`]
      : []),
    '',
    table([
      ['lateness (start − due), ms', 'p50', 'p95', 'p99', 'max'],
      [
        'check rows of the window',
        fmt(lateness.p50, 0),
        fmt(lateness.p95, 0),
        fmt(lateness.p99, 0),
        fmt(lateness.max, 0),
      ],
      [
        'scheduler at the end (last 10,000 checks)',
        fmt(scheduler.end.latenessP50Ms, 0),
        '',
        fmt(scheduler.end.latenessP99Ms, 0),
        '',
      ],
      ['scheduler, worst poll', '', '', fmt(worstPollP99, 0), ''],
    ]),
    '',
    `CPU over the window (/proc/<pid>/stat; PostgreSQL: postmasters with every child, reaped ones included)`,
    `  in kernel = its system time (stime) over its CPU time: system calls, loopback TCP, epoll, timers`,
    `  idle = the ${IDLE_S} s before the monitors were inserted (only the ${CLIENTS} database monitors)`,
    table([
      ['process', 'CPU s', 'of 2 cores', 'of 1 core', 'in kernel', 'idle, of 2 cores'],
      cpuRow('platform: node', part('node'), idleShare('node'), 'node'),
      cpuRow('  main thread (JavaScript, event loop)', part('nodeMain'), idleShare('nodeMain'), 'nodeMain'),
      cpuRow(
        '  other threads (V8 GC and compiler, libuv pool)',
        part('node') - part('nodeMain'),
        idleShare('node') - idleShare('nodeMain'),
      ),
      cpuRow('platform: control-plane PostgreSQL', part('controlPlane'), idleShare('controlPlane')),
      cpuRow(
        `platform: ${measured.processes.instances} client instances' PostgreSQL`,
        part('instances'),
        idleShare('instances'),
      ),
      cpuRow('platform total', platformMs, idlePlatform / (idle.wallMs * host.cpus)),
      cpuRow('target (ours)', part('target'), Number.NaN, 'target'),
      cpuRow('baseline: http.get loop', part('baseline'), Number.NaN, 'baseline'),
      cpuRow('  main thread', part('baselineMain'), Number.NaN, 'baselineMain'),
      cpuRow('baseline: its target', part('baselineTarget'), Number.NaN, 'baselineTarget'),
    ]),
    '',
    table([
      ['CPU per check, ms', 'ours', 'baseline', 'ours / baseline'],
      [
        'node process / http.get loop',
        fmt(nodePerCheck, 3),
        fmt(baselinePerRequest, 3),
        fmt(nodePerCheck / baselinePerRequest, 2),
      ],
      [
        'node less its idle rate / http.get loop',
        fmt(nodeMarginalPerCheck, 3),
        fmt(baselinePerRequest, 3),
        fmt(nodeMarginalPerCheck / baselinePerRequest, 2),
      ],
      [
        'node + control-plane PostgreSQL / http.get loop',
        fmt(nodeDbPerCheck, 3),
        fmt(baselinePerRequest, 3),
        fmt(nodeDbPerCheck / baselinePerRequest, 2),
      ],
      [
        'target process (per request)',
        fmt(targetPerRequest, 3),
        fmt(baselineTargetPerRequest, 3),
        fmt(targetPerRequest / baselineTargetPerRequest, 2),
      ],
    ]),
    `connections opened at the target in the window: ours ${measured.target.connections}, baseline ${measured.baselineTarget.connections}`,
    '',
    table([
      ['memory', 'MB'],
      ['node VmRSS at the end', fmt(mb(memory.rssKb), 1)],
      ['node VmRSS, max of the polls', fmt(mb(memory.maxPolledRssKb), 1)],
      ['node VmHWM (peak since start)', fmt(mb(memory.hwmKb), 1)],
      [
        '  of which V8 heap: used / reserved (heapUsed / heapTotal)',
        `${fmt(bytesMb(memory.report.before.heapUsed), 1)} / ${fmt(bytesMb(memory.report.before.heapTotal), 1)}`,
      ],
      [
        '  V8 heap live after a full GC (forced after the window)',
        fmt(bytesMb(memory.report.afterGc.heapUsed), 1),
      ],
      ['  external (buffers outside the heap) after the GC', fmt(bytesMb(memory.report.afterGc.external), 1)],
      ['node VmRSS after that GC', fmt(bytesMb(memory.report.afterGc.rss), 1)],
      [`node VmRSS before the monitors (${CLIENTS} clients)`, fmt(mb(idle.rssKb), 1)],
      ['control-plane PostgreSQL PSS (context)', fmt(mb(memory.controlPlanePssKb), 1)],
    ]),
    '',
    `goals: ${fmt(NOMINAL_PER_S, 1)} checks/s sustained (≥ ${percent(GOALS.sustained)}): ${goals.sustained ? 'met' : 'NOT met'};` +
      ` CPU to spare (platform < ${percent(GOALS.cpuShare)} of ${host.cpus} cores): ${goals.cpuToSpare ? 'met' : 'NOT met'} (${percent(share(platformMs))});` +
      ` node RSS < ${GOALS.rssMb} MB: ${goals.rss ? 'met' : 'NOT met'} (peak ${fmt(mb(memory.hwmKb), 0)} MB, window max ${fmt(mb(memory.maxPolledRssKb), 0)} MB)`,
    `GET /api/monitoring/scheduler (asserted): 200 with ${measured.scheduledMonitors} monitors scheduled = ${MONITORS} http + ${CLIENTS} database`,
    '',
  ];
  if (profile) out.push(...profileLines(profile));
  process.stdout.write(`${out.join('\n')}\n`);
}

if (rows.http === 0) {
  process.stderr.write('FAIL: no check of the window was stored\n');
  process.exitCode = 1;
}
