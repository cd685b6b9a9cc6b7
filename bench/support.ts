// Shared helpers for the bench/ scripts: timing statistics, plain-text tables, machine facts and
// a keep-alive HTTPS client that trusts the platform's own CA. Benchmarks only, never tests.
import { readFileSync } from 'node:fs';
import https from 'node:https';
import os from 'node:os';

export interface Summary {
  count: number;
  min: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of an ascending list (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

/** The median (mean of the two middle values for an even count). */
export function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  if (sorted.length === 0) return Number.NaN;
  if (Number.isInteger(mid)) return ((sorted[mid - 1] ?? Number.NaN) + (sorted[mid] ?? Number.NaN)) / 2;
  return sorted[Math.floor(mid)] ?? Number.NaN;
}

/** p50 is the median; p95 and p99 are nearest-rank. */
export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return {
    count: sorted.length,
    min: sorted[0] ?? Number.NaN,
    p50: median(sorted),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    mean: sorted.length === 0 ? Number.NaN : total / sorted.length,
  };
}

/** Milliseconds, high resolution. */
export const now = (): number => performance.now();

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Fixed number of decimals, for table cells. */
export function fmt(value: number, digits = 2): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '-';
}

/** Rounds for JSON output, so it stays readable. */
export function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** A plain-text table: first row is the header, numbers are right-aligned. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, index) => {
      widths[index] = Math.max(widths[index] ?? 0, cell.length);
    });
  }
  const line = (row: readonly string[]) =>
    row
      .map((cell, index) => {
        const width = widths[index] ?? cell.length;
        return index === 0 ? cell.padEnd(width) : cell.padStart(width);
      })
      .join('  ');
  const [header, ...body] = rows;
  if (!header) return '';
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(header), rule, ...body.map(line)].join('\n');
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  node: string;
  platform: string;
  uvThreadpoolSize: number;
}

/** UV_THREADPOOL_SIZE as libuv reads it: default 4, clamped to 1..1024. */
export function threadpoolSize(env: NodeJS.ProcessEnv = process.env): number {
  const parsed = Number.parseInt(env.UV_THREADPOOL_SIZE ?? '', 10);
  if (!Number.isFinite(parsed) || parsed <= 0) return 4;
  return Math.min(parsed, 1024);
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpus: os.availableParallelism(),
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    uvThreadpoolSize: threadpoolSize(),
  };
}

export function describeMachine(m: Machine): string {
  return `machine: ${m.cpus} cores (${m.cpuModel}), Node ${m.node}, ${m.platform}, UV_THREADPOOL_SIZE=${m.uvThreadpoolSize}`;
}

export interface HttpsResult {
  status: number;
  body: string;
  /** Milliseconds from sending the request to the end of the response body. */
  ms: number;
}

/**
 * One HTTPS request through `agent` (which carries the CA and keep-alive), timed from the call to
 * the end of the response. Only meant for https://localhost / 127.0.0.1.
 */
export function timedRequest(
  agent: https.Agent,
  url: URL,
  options: { method?: string; body?: unknown; timeoutMs?: number } = {},
): Promise<HttpsResult> {
  if (url.hostname !== 'localhost' && url.hostname !== '127.0.0.1') {
    return Promise.reject(new Error(`benchmarks only talk to localhost, not ${url.hostname}`));
  }
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  const started = now();
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      {
        agent,
        method: options.method ?? 'GET',
        headers: payload === undefined ? {} : { 'content-type': 'application/json' },
        timeout: options.timeoutMs ?? 60_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            ms: now() - started,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${url.pathname} timed out`)));
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

export interface CpuSnapshot {
  at: number;
  /** Jiffies from the first line of /proc/stat (all cores), undefined off Linux. */
  busy: number | undefined;
  total: number | undefined;
  own: NodeJS.CpuUsage;
}

/** Machine-wide and own CPU counters, to tell afterwards how busy the machine was meanwhile. */
export function cpuSnapshot(): CpuSnapshot {
  let busy: number | undefined;
  let total: number | undefined;
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    const [label, ...fields] = line.trim().split(/\s+/);
    if (label === 'cpu') {
      // user nice system idle iowait irq softirq steal (guest time is already inside user)
      const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] =
        fields.map(Number);
      busy = user + nice + system + irq + softirq + steal;
      total = busy + idle + iowait;
    }
  } catch {
    // not Linux: machine-wide figures stay unknown
  }
  return { at: now(), busy, total, own: process.cpuUsage() };
}

export interface CpuReport {
  /** Share of all cores busy over the interval, every process together (0..1); NaN if unknown. */
  machine: number;
  /** Share of all cores used by this process (0..1). */
  own: number;
  /** machine − own: what everything else on the machine took (0..1); NaN if unknown. */
  others: number;
}

export function cpuReport(start: CpuSnapshot, end: CpuSnapshot, cores: number): CpuReport {
  const wallMs = end.at - start.at;
  const ownMs = (end.own.user - start.own.user + end.own.system - start.own.system) / 1000;
  const own = ownMs / (wallMs * cores);
  const machineShare =
    start.busy !== undefined &&
    end.busy !== undefined &&
    start.total !== undefined &&
    end.total !== undefined &&
    end.total > start.total
      ? (end.busy - start.busy) / (end.total - start.total)
      : Number.NaN;
  return { machine: machineShare, own, others: Math.max(0, machineShare - own) };
}

export const percent = (share: number): string =>
  Number.isFinite(share) ? `${Math.round(share * 100)}%` : '-';
