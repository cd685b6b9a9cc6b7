import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { offsetFor, ProbeScheduler } from './scheduler.js';

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-29T10:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

const monitors = (n: number, intervalMs = 30_000, prefix = 'm') =>
  Array.from({ length: n }, (_, i) => ({ id: `${prefix}-${i}`, intervalMs, version: '1' }));

describe('the probe scheduler', () => {
  it('checks every monitor once per interval, spread over the interval', async () => {
    const starts: number[] = [];
    const scheduler = new ProbeScheduler(() => {
      starts.push(Date.now());
      return Promise.resolve();
    });
    scheduler.sync(monitors(1000));
    await vi.advanceTimersByTimeAsync(90_000);
    expect(starts.length).toBeGreaterThanOrEqual(2900);
    expect(starts.length).toBeLessThanOrEqual(3000);
    // Spread: no second of the interval gets more than a few times its share.
    const perSecond = new Map<number, number>();
    for (const t of starts)
      perSecond.set(Math.floor(t / 1000) % 30, (perSecond.get(Math.floor(t / 1000) % 30) ?? 0) + 1);
    expect(Math.max(...perSecond.values())).toBeLessThan((3000 / 30) * 2);
    await scheduler.stop();
  });

  it('monitors that join later are checked at once, then fall back onto their own slot', async () => {
    const checks = new Map<string, number[]>();
    const scheduler = new ProbeScheduler((id) => {
      checks.set(id, [...(checks.get(id) ?? []), Date.now()]);
      return Promise.resolve();
    });
    scheduler.sync([]);
    const joined = monitors(200, 30_000, 'late');
    scheduler.sync(joined);
    await vi.advanceTimersByTimeAsync(1000);
    expect(checks.size).toBe(200);
    await vi.advanceTimersByTimeAsync(60_000);
    const second = joined.map((m) => (checks.get(m.id)?.[1] ?? 0) % 30_000);
    // The second checks lie on each monitor's own offset, not bunched after the first second.
    for (const [i, m] of joined.entries()) expect(second[i]).toBe(offsetFor(m.id, 30_000));
    expect(new Set(second.map((t) => Math.floor(t / 1000))).size).toBeGreaterThan(20);
    await scheduler.stop();
  });

  it('never runs more than maxInFlight checks at once, and measures how late the others start', async () => {
    let inFlight = 0;
    let most = 0;
    const scheduler = new ProbeScheduler(async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2000));
      inFlight--;
    }, 10);
    scheduler.sync(monitors(100, 10_000));
    await vi.advanceTimersByTimeAsync(30_000);
    expect(most).toBe(10);
    expect(scheduler.stats().latenessP99Ms).toBeGreaterThan(1000);
    // Stopping waits for the checks in flight.
    const stopping = scheduler.stop();
    await vi.advanceTimersByTimeAsync(3000);
    await stopping;
    expect(inFlight).toBe(0);
  });

  it('a changed definition restarts its schedule; a removed monitor is no longer checked', async () => {
    const seen: string[] = [];
    const scheduler = new ProbeScheduler((id) => {
      seen.push(id);
      return Promise.resolve();
    });
    scheduler.sync([
      { id: 'a', intervalMs: 5000, version: '1' },
      { id: 'b', intervalMs: 5000, version: '1' },
    ]);
    await vi.advanceTimersByTimeAsync(10_000);
    scheduler.sync([{ id: 'a', intervalMs: 5000, version: '2' }]);
    seen.length = 0;
    await vi.advanceTimersByTimeAsync(20_000);
    expect(seen.filter((id) => id === 'b')).toEqual([]);
    expect(seen.filter((id) => id === 'a').length).toBeGreaterThanOrEqual(4);
    await scheduler.stop();
  });
});
