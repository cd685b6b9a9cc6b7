/**
 * Runs each monitor's check every interval, spread over the interval so that thousands of
 * monitors do not fire together: a monitor's first check is at a fixed offset derived from its
 * id, then exactly every interval after (no drift). At most `maxInFlight` checks run at once;
 * the others wait their turn and the delay is measured as lateness.
 */

export interface Scheduled {
  id: string;
  intervalMs: number;
  /** Changes when the monitor's definition changes (the entry is then rescheduled). */
  version: string;
}

export interface SchedulerStats {
  monitors: number;
  checksRun: number;
  inFlight: number;
  /** Lateness of recent checks (start − due), ms. */
  latenessP50Ms: number;
  latenessP99Ms: number;
}

interface Entry {
  monitor: Scheduled;
  due: number;
  timer: NodeJS.Timeout | undefined;
}

/** A stable offset in [0, interval) from the id, so restarts keep the spread. */
export function offsetFor(id: string, intervalMs: number): number {
  let hash = 2166136261;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 16777619) >>> 0;
  return hash % intervalMs;
}

export class ProbeScheduler {
  private readonly entries = new Map<string, Entry>();
  private readonly waiting: Entry[] = [];
  private readonly running = new Set<Promise<void>>();
  private readonly lateness: number[] = [];
  private checksRun = 0;
  private stopped = false;
  /** After the first sync, a monitor that joins is checked at once (a new monitor, a resume). */
  private primed = false;

  constructor(
    private readonly check: (monitorId: string, due: Date) => Promise<void>,
    private readonly maxInFlight = 256,
  ) {}

  /** Makes the schedule match this list: new monitors join, changed ones restart, gone ones leave. */
  sync(monitors: readonly Scheduled[]): void {
    const wanted = new Map(monitors.map((m) => [m.id, m]));
    for (const [id, entry] of this.entries) {
      const next = wanted.get(id);
      if (!next || next.version !== entry.monitor.version) {
        clearTimeout(entry.timer);
        this.entries.delete(id);
      }
    }
    const now = Date.now();
    for (const monitor of monitors) {
      if (this.entries.has(monitor.id) || this.stopped) continue;
      const offset = offsetFor(monitor.id, monitor.intervalMs);
      const cycleStart = now - (now % monitor.intervalMs);
      let due = cycleStart + offset;
      if (due < now) due += monitor.intervalMs;
      if (this.primed) due = now + (offset % 1000);
      const entry: Entry = { monitor, due, timer: undefined };
      this.entries.set(monitor.id, entry);
      this.arm(entry);
    }
    this.primed = true;
  }

  stats(): SchedulerStats {
    const sorted = [...this.lateness].sort((a, b) => a - b);
    const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
    return {
      monitors: this.entries.size,
      checksRun: this.checksRun,
      inFlight: this.running.size,
      latenessP50Ms: at(50),
      latenessP99Ms: at(99),
    };
  }

  /** Stops scheduling and waits for the checks in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const entry of this.entries.values()) clearTimeout(entry.timer);
    this.entries.clear();
    this.waiting.length = 0;
    await Promise.allSettled([...this.running]);
  }

  private arm(entry: Entry): void {
    entry.timer = setTimeout(() => this.fire(entry), Math.max(0, entry.due - Date.now()));
    entry.timer.unref();
  }

  private fire(entry: Entry): void {
    if (this.stopped || this.entries.get(entry.monitor.id) !== entry) return;
    if (this.running.size >= this.maxInFlight) {
      this.waiting.push(entry);
      return;
    }
    this.start(entry);
  }

  private start(entry: Entry): void {
    if (this.entries.get(entry.monitor.id) !== entry) {
      const next = this.waiting.shift();
      if (next && !this.stopped) this.start(next);
      return;
    }
    const due = entry.due;
    this.record(Date.now() - due);
    const run = this.check(entry.monitor.id, new Date(due))
      .catch(() => undefined)
      .finally(() => {
        this.running.delete(run);
        this.checksRun++;
        const next = this.waiting.shift();
        if (next && !this.stopped) this.start(next);
      });
    this.running.add(run);
    // The next check: the monitor's next slot on its grid (offset + k × interval), so that even
    // monitors that joined together (checked at once) spread out; checks that could not run in
    // time are skipped, and a slot too close to this check waits for the following one.
    const interval = entry.monitor.intervalMs;
    const now = Date.now();
    let next = now - (now % interval) + offsetFor(entry.monitor.id, interval);
    while (next <= now || next - now < interval / 2) next += interval;
    entry.due = next;
    this.arm(entry);
  }

  private record(latenessMs: number): void {
    this.lateness.push(latenessMs);
    if (this.lateness.length > 10_000) this.lateness.splice(0, this.lateness.length - 10_000);
  }
}
