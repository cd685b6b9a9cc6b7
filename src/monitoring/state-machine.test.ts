import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialTracker, observe, type Check, type Tracker, type Transition } from './state-machine.js';

const thresholds = { failureThreshold: 3, recoveryThreshold: 2 };
const at = (second: number) => new Date(Date.UTC(2026, 10, 1, 10, 0, second));

function run(start: Tracker, checks: [number, boolean, boolean?][]) {
  let tracker = start;
  const transitions: Transition[] = [];
  for (const [second, ok, degraded] of checks) {
    const result = observe(tracker, { at: at(second), ok, degraded: degraded ?? false }, thresholds);
    tracker = result.tracker;
    if (result.transition) transitions.push(result.transition);
  }
  return { tracker, transitions };
}

describe('a monitor state from its checks', () => {
  it('goes down after three failures, dated from the first of them', () => {
    const { transitions } = run(initialTracker('up'), [
      [0, true],
      [10, false],
      [20, false],
      [30, false],
    ]);
    expect(transitions).toEqual([{ from: 'up', to: 'down', at: at(10) }]);
  });

  it('one or two failures change nothing', () => {
    const { tracker, transitions } = run(initialTracker('up'), [
      [0, false],
      [10, false],
      [20, true],
      [30, false],
    ]);
    expect(transitions).toEqual([]);
    expect(tracker.state).toBe('up');
  });

  it('comes back up after two passed checks, dated from the first of them', () => {
    const { transitions } = run(initialTracker('down'), [
      [0, false],
      [10, true],
      [20, false],
      [30, true],
      [40, true],
    ]);
    expect(transitions).toEqual([{ from: 'down', to: 'up', at: at(30) }]);
  });

  it('from no data, a passed check is up at once; failures wait for the threshold', () => {
    expect(run(initialTracker(), [[5, true]]).transitions).toEqual([
      { from: 'no_data', to: 'up', at: at(5) },
    ]);
    const failing = run(initialTracker(), [
      [0, false],
      [10, false],
    ]);
    expect(failing.tracker.state).toBe('no_data');
    expect(run(failing.tracker, [[20, false]]).transitions).toEqual([
      { from: 'no_data', to: 'down', at: at(0) },
    ]);
  });

  it('degraded is a slow pass: up and degraded change at once, and a degraded pass recovers from down', () => {
    const { transitions } = run(initialTracker('up'), [
      [0, true, true],
      [10, true],
      [20, false],
      [30, false],
      [40, false],
      [50, true, true],
      [60, true, true],
    ]);
    expect(transitions).toEqual([
      { from: 'up', to: 'degraded', at: at(0) },
      { from: 'degraded', to: 'up', at: at(10) },
      { from: 'up', to: 'down', at: at(20) },
      { from: 'down', to: 'degraded', at: at(50) },
    ]);
  });

  it('transitions never go back in time and always change the state', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.boolean()), { maxLength: 60 }), (outcomes) => {
        let tracker = initialTracker();
        let last = -Infinity;
        let state = tracker.state;
        outcomes.forEach(([ok, degraded], i) => {
          const check: Check = { at: at(i * 10), ok, degraded };
          const result = observe(tracker, check, thresholds);
          if (result.transition) {
            expect(result.transition.from).toBe(state);
            expect(result.transition.to).not.toBe(state);
            expect(result.transition.at.getTime()).toBeGreaterThanOrEqual(last);
            expect(result.transition.at.getTime()).toBeLessThanOrEqual(check.at.getTime());
            last = result.transition.at.getTime();
            state = result.transition.to;
          }
          tracker = result.tracker;
          expect(tracker.state).toBe(state);
        });
      }),
    );
  });
});
