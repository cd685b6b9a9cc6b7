// Helpers for bench/monitoring.bench.ts: the two child processes it forks (a local HTTP target
// that answers 200 "ok" on keep-alive, and the baseline: a minimal loop of plain `http.get` through
// a keep-alive agent at a fixed rate), and CPU time of processes and process trees read from
// /proc. Linux only, localhost only. Benchmarks only, never tests.
//
// The children run this same file (`fork(..., ['target'|'baseline'])`), so their CPU can be read
// from /proc/<pid>/stat apart from the platform's and the bench's own.
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { repoRoot } from '../test/support/platform.js';
import { processTable, processTree, type ProcInfo } from './provisioning-support.js';

// ---------------------------------------------------------------------------------------------
// CPU time from /proc

/** Clock ticks per second of the utime/stime fields in /proc/<pid>/stat (almost always 100). */
export const CLOCK_TICKS = (() => {
  try {
    const value = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isFinite(value) && value > 0 ? value : 100;
  } catch {
    return 100;
  }
})();

export interface ProcCpu {
  /** utime + stime of the process (all its threads), ms. */
  selfMs: number;
  /** stime alone: time in the kernel on its behalf (system calls: sockets, epoll, timers). */
  systemMs: number;
  /** cutime + cstime: children it has waited for (exited), ms. */
  reapedMs: number;
}

/**
 * CPU time of one process (all its threads), or of one of its threads (`tid`: the main thread's
 * is the pid); undefined when it has gone.
 */
export async function procCpu(pid: number, tid?: number): Promise<ProcCpu | undefined> {
  let stat: string;
  try {
    stat = await readFile(tid === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${tid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // Fields after "(comm) ": state is field 3, utime 14, stime 15, cutime 16, cstime 17.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = (field: number) => Number(fields[field - 3] ?? 0);
  const toMs = (t: number) => (t * 1000) / CLOCK_TICKS;
  return {
    selfMs: toMs(ticks(14) + ticks(15)),
    systemMs: toMs(ticks(15)),
    reapedMs: toMs(ticks(16) + ticks(17)),
  };
}

/**
 * CPU time of a process tree: every live process's own and reaped time. A child that exits
 * between two readings moves from "live" into its parent's reaped time with its final total, so
 * the difference of two readings counts exactly the CPU used in between (PostgreSQL reaps its
 * backends and helpers itself).
 */
export async function treeCpuMs(root: number, table: readonly ProcInfo[]): Promise<number> {
  let total = 0;
  for (const pid of processTree(root, table)) {
    const cpu = await procCpu(pid);
    if (cpu) total += cpu.selfMs + cpu.reapedMs;
  }
  return total;
}

export interface CpuReading {
  at: number;
  /** ms of CPU per named part. */
  parts: Record<string, number>;
}

/**
 * One reading of the parts measured: `single` are processes counted alone (threads included,
 * children not), `mainThreads` the main thread of a process alone (JavaScript and the event loop,
 * without V8's GC and compiler threads and libuv's pool), `trees` whole process trees (a
 * postmaster and everything under it).
 */
export async function readCpu(
  single: Record<string, number>,
  mainThreads: Record<string, number>,
  trees: Record<string, readonly number[]>,
): Promise<CpuReading> {
  const table = await processTable();
  const parts: Record<string, number> = {};
  // `<name>.system`: the kernel's part of it.
  const read = async (name: string, cpu: Promise<ProcCpu | undefined>) => {
    const value = await cpu;
    parts[name] = value?.selfMs ?? Number.NaN;
    parts[`${name}.system`] = value?.systemMs ?? Number.NaN;
  };
  for (const [name, pid] of Object.entries(single)) await read(name, procCpu(pid));
  for (const [name, pid] of Object.entries(mainThreads)) await read(name, procCpu(pid, pid));
  for (const [name, roots] of Object.entries(trees)) {
    let sum = 0;
    for (const root of roots) sum += await treeCpuMs(root, table);
    parts[name] = sum;
  }
  return { at: performance.now(), parts };
}

/** CPU ms used by each part between two readings. */
export function cpuBetween(start: CpuReading, end: CpuReading): Record<string, number> {
  const used: Record<string, number> = {};
  for (const [name, value] of Object.entries(end.parts)) used[name] = value - (start.parts[name] ?? 0);
  return used;
}

// ---------------------------------------------------------------------------------------------
// Where the platform's CPU goes: a V8 CPU profile (`node --cpu-prof`) cut to the window

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileShare {
  name: string;
  /** Share of the busy (non-idle) samples. */
  self: number;
  inclusive: number;
}

export interface ProfileSummary {
  /** Samples in the window, idle ones included. */
  samples: number;
  busy: number;
  /** By origin: a package, a file of ours, Node's internals, GC, native code. */
  byOrigin: ProfileShare[];
  /** Our own functions (dist/server), by inclusive share. */
  ours: ProfileShare[];
  /** Functions by self time. */
  topSelf: ProfileShare[];
}

export interface MemoryUsage {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

/** What the platform's node process reports of its memory, before and after a full GC (bytes). */
export interface MemoryReport {
  before: MemoryUsage;
  afterGc: MemoryUsage;
  /** V8 heap spaces after the GC: name → [size, used]. */
  spaces: Record<string, [number, number]>;
}

/**
 * NODE_OPTIONS for the platform's node process: a preload (a data: URL, so no file is involved)
 * that, on SIGUSR2, writes `<dir>/<pid>.memory.json` (process.memoryUsage() before and after a
 * full GC). With `cpuProfile` it also runs V8's CPU profiler from the first line (1 ms sampling)
 * and SIGUSR2 then stops it and writes `<dir>/<pid>.cpuprofile`. Until the signal it does nothing. (`--cpu-prof` itself is not allowed in
 * NODE_OPTIONS, and startPlatform passes no node flags.)
 */
export function preloadNodeOptions(dir: string, cpuProfile: boolean): string {
  const code = [
    'import inspector from "node:inspector";',
    'import v8 from "node:v8";',
    'import vm from "node:vm";',
    'import { writeFileSync } from "node:fs";',
    `const file = (name) => ${JSON.stringify(dir)} + "/" + process.pid + name;`,
    // Only the platform itself (`oxygis start`), not node processes it may spawn.
    'const platform = process.argv[2] === "start" && /oxygis\\.js$/.test(process.argv[1] ?? "");',
    `const session = platform && ${cpuProfile ? 'true' : 'false'} ? new inspector.Session() : null;`,
    'if (session) {',
    '  session.connect();',
    '  session.post("Profiler.enable");',
    '  session.post("Profiler.setSamplingInterval", { interval: 1000 });',
    '  session.post("Profiler.start");',
    '}',
    'if (platform) process.on("SIGUSR2", () => {',
    '  const before = process.memoryUsage();',
    '  v8.setFlagsFromString("--expose-gc");',
    '  vm.runInNewContext("gc")();',
    '  const afterGc = process.memoryUsage();',
    '  const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [s.space_name, [s.space_size, s.space_used_size]]));',
    '  writeFileSync(file(".memory.json"), JSON.stringify({ before, afterGc, spaces }));',
    '  session?.post("Profiler.stop", (error, result) => {',
    '    if (!error) writeFileSync(file(".cpuprofile"), JSON.stringify(result.profile));',
    '  });',
    '});',
  ].join('\n');
  // No whitespace or quotes left: NODE_OPTIONS splits on the first and interprets the second.
  return `--import=data:text/javascript,${encodeURIComponent(code).replace(/'/g, '%27')}`;
}

/** What a frame belongs to: `npm:kysely`, `ours:monitoring/prober`, `node:_http_client`, `(gc)`… */
function originOf(frame: ProfileNode['callFrame']): string {
  const { functionName, url } = frame;
  if (functionName === '(garbage collector)') return '(garbage collector)';
  if (functionName === '(program)') return '(program)';
  if (functionName === '(idle)' || functionName === '(root)') return functionName;
  const file = url.replace(/^file:\/\//, '');
  const modules = file.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const [scope, name] = file.slice(modules + '/node_modules/'.length).split('/');
    return `npm:${scope?.startsWith('@') ? `${scope}/${name ?? ''}` : (scope ?? '?')}`;
  }
  const ours = file.indexOf('/dist/server/');
  if (ours >= 0) return `ours:${file.slice(ours + '/dist/server/'.length).replace(/\.js$/, '')}`;
  if (url.startsWith('node:')) return url;
  return url === '' ? '(native)' : url;
}

/**
 * Sums a profile's samples taken between `fromUs` and `toUs` (CLOCK_MONOTONIC microseconds, the
 * clock of `process.hrtime` and of V8's profile timestamps): self and inclusive shares.
 */
export async function summarizeProfile(file: string, fromUs: number, toUs: number): Promise<ProfileSummary> {
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const label = (n: ProfileNode) =>
    `${n.callFrame.functionName || '(anonymous)'} ${originOf(n.callFrame)}:${n.callFrame.lineNumber + 1}`;
  const origin = { self: new Map<string, number>(), inclusive: new Map<string, number>() };
  const ours = { self: new Map<string, number>(), inclusive: new Map<string, number>() };
  const fn = new Map<string, number>();
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  let at = profile.startTime;
  let samples = 0;
  let busy = 0;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at < fromUs || at > toUs) return;
    samples++;
    const leaf = byId.get(id);
    if (!leaf || leaf.callFrame.functionName === '(idle)') return;
    busy++;
    bump(origin.self, originOf(leaf.callFrame));
    bump(fn, label(leaf));
    if (originOf(leaf.callFrame).startsWith('ours:')) bump(ours.self, label(leaf));
    const seenOrigins = new Set<string>();
    const seenOurs = new Set<string>();
    for (let node: ProfileNode | undefined = leaf; node; node = byId.get(parent.get(node.id) ?? -1)) {
      const o = originOf(node.callFrame);
      if (o === '(root)') break;
      seenOrigins.add(o);
      if (o.startsWith('ours:')) seenOurs.add(label(node));
    }
    for (const o of seenOrigins) bump(origin.inclusive, o);
    for (const o of seenOurs) bump(ours.inclusive, o);
  });
  const shares = (self: Map<string, number>, inclusive: Map<string, number>, by: 'self' | 'inclusive') =>
    [...new Set([...self.keys(), ...inclusive.keys()])]
      .map((name) => ({
        name,
        self: (self.get(name) ?? 0) / busy,
        inclusive: (inclusive.get(name) ?? 0) / busy,
      }))
      .sort((a, b) => b[by] - a[by]);
  return {
    samples,
    busy,
    byOrigin: shares(origin.self, origin.inclusive, 'self').slice(0, 20),
    ours: shares(ours.self, ours.inclusive, 'inclusive').slice(0, 20),
    topSelf: shares(fn, new Map(), 'self').slice(0, 20),
  };
}

// ---------------------------------------------------------------------------------------------
// The children: parent side

export interface TargetCounts {
  requests: number;
  connections: number;
}

export interface BaselineCounts {
  requests: number;
  ok: number;
  failed: number;
  /** Requests due but not yet sent (the loop fell behind), at the moment of the count. */
  behind: number;
  inFlight: number;
}

type Reply = { type: 'ready'; port?: number } | { type: 'counts'; counts: unknown };

export interface Child<C> {
  pid: number;
  process: ChildProcess;
  counts(): Promise<C>;
  stop(): Promise<void>;
}

const SELF = fileURLToPath(import.meta.url);

function forkRole(role: 'target' | 'baseline'): ChildProcess {
  // The same loader as the bench (tsx), so this TypeScript file runs as is.
  return fork(SELF, [role], {
    cwd: repoRoot,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

function nextReply(
  child: ChildProcess,
  type: Reply['type'],
  what: string,
  timeoutMs = 30_000,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => finish(new Error(`${what}: no "${type}" within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onMessage = (message: Reply) => {
      if (message.type === type) finish(message);
    };
    const onExit = (code: number | null) => finish(new Error(`${what} exited (${code ?? 'signal'})`));
    const finish = (result: Reply | Error) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

function childHandle<C>(child: ChildProcess, what: string): Child<C> {
  return {
    pid: child.pid ?? -1,
    process: child,
    counts: async () => {
      const reply = nextReply(child, 'counts', what);
      child.send({ type: 'counts' });
      return ((await reply) as { counts: unknown }).counts as C;
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A local HTTP server in its own process: 200 "ok" to every GET, keep-alive. */
export async function startTarget(): Promise<Child<TargetCounts> & { url: string }> {
  const child = forkRole('target');
  const handle = childHandle<TargetCounts>(child, 'target');
  try {
    const ready = await nextReply(child, 'ready', 'target');
    const port = ready.type === 'ready' ? ready.port : undefined;
    if (!port) throw new Error('target: no port');
    return { ...handle, url: `http://127.0.0.1:${port}` };
  } catch (error) {
    await handle.stop();
    throw error;
  }
}

/** The baseline loop in its own process; `start` begins issuing `perSecond` GETs to `urls`. */
export async function startBaseline(): Promise<
  Child<BaselineCounts> & { start(urls: readonly string[], perSecond: number): void }
> {
  const child = forkRole('baseline');
  const handle = childHandle<BaselineCounts>(child, 'baseline');
  try {
    await nextReply(child, 'ready', 'baseline');
  } catch (error) {
    await handle.stop();
    throw error;
  }
  return { ...handle, start: (urls, perSecond) => child.send({ type: 'start', urls, perSecond }) };
}

// ---------------------------------------------------------------------------------------------
// The children: child side

function send(message: Reply): void {
  process.send?.(message);
}

function runTarget(): void {
  const counts: TargetCounts = { requests: 0, connections: 0 };
  const server = http.createServer((request, response) => {
    counts.requests++;
    request.resume();
    response.writeHead(200, { 'content-type': 'text/plain', 'content-length': '2' });
    response.end('ok');
  });
  // Longer than the clients' idle timeouts: the clients decide when a connection closes.
  server.keepAliveTimeout = 120_000;
  server.on('connection', () => counts.connections++);
  process.on('message', (message: { type: string }) => {
    if (message.type === 'counts') send({ type: 'counts', counts: { ...counts } });
  });
  process.on('SIGTERM', () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
  process.on('disconnect', () => process.exit(0));
  server.listen(0, '127.0.0.1', 1024, () =>
    send({ type: 'ready', port: (server.address() as AddressInfo).port }),
  );
}

/**
 * The physical floor: `perSecond` plain GETs a second, spread evenly (a 10 ms tick sends what is
 * due), through one keep-alive agent with the probes' socket caps, each response read to its end.
 */
function runBaseline(): void {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64, maxFreeSockets: 4, timeout: 10_000 });
  const counts: BaselineCounts = { requests: 0, ok: 0, failed: 0, behind: 0, inFlight: 0 };
  let timer: NodeJS.Timeout | undefined;
  const issue = (url: string) => {
    counts.requests++;
    counts.inFlight++;
    const done = (ok: boolean) => {
      counts.inFlight--;
      if (ok) counts.ok++;
      else counts.failed++;
    };
    http
      .get(url, { agent, timeout: 10_000 }, (response) => {
        const ok = response.statusCode === 200;
        response.on('data', () => undefined);
        response.once('end', () => done(ok));
        response.once('error', () => done(false));
      })
      .once('timeout', function (this: http.ClientRequest) {
        this.destroy(new Error('timed out'));
      })
      .once('error', () => done(false));
  };
  const start = (urls: readonly string[], perSecond: number) => {
    const started = performance.now();
    let sent = 0;
    timer = setInterval(() => {
      const due = Math.floor(((performance.now() - started) * perSecond) / 1000);
      // At most one second's worth per tick: a stalled loop catches up, it does not flood.
      const until = Math.min(due, sent + Math.ceil(perSecond));
      while (sent < until) issue(urls[sent++ % urls.length] ?? '');
      counts.behind = due - sent;
    }, 10);
  };
  process.on('message', (message: { type: string; urls?: string[]; perSecond?: number }) => {
    if (message.type === 'start' && message.urls && message.perSecond) start(message.urls, message.perSecond);
    if (message.type === 'counts') send({ type: 'counts', counts: { ...counts } });
  });
  const exit = () => {
    clearInterval(timer);
    agent.destroy();
    process.exit(0);
  };
  process.on('SIGTERM', exit);
  process.on('disconnect', exit);
  send({ type: 'ready' });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const role = process.argv[2];
  if (role === 'target') runTarget();
  else if (role === 'baseline') runBaseline();
  else {
    process.stderr.write('usage: monitoring-support.ts target|baseline (forked by monitoring.bench.ts)\n');
    process.exitCode = 2;
  }
}
