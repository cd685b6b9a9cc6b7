import type { MonitorState } from './availability.js';

/**
 * One monitor's state from its checks (pure).
 *
 * - Down after `failureThreshold` consecutive failed checks, up again after `recoveryThreshold`
 *   consecutive passed ones: thresholds keep one lost packet from opening an incident.
 * - The change is dated from the FIRST check of the streak that confirmed it, not from the check
 *   that reached the threshold: a service that failed at 10:00:00 and was confirmed down at
 *   10:01:00 was down from 10:00:00, and the SLA arithmetic counts it so.
 * - From no data (just created, or the prober was not running), the first check decides: passed →
 *   up at once; failed → down once the failure threshold is reached (no data until then).
 * - Degraded is a passed check slower than the monitor's limit: up ⇄ degraded changes at once.
 */

export interface Thresholds {
  failureThreshold: number;
  recoveryThreshold: number;
}

export interface Tracker {
  state: MonitorState;
  failures: number;
  successes: number;
  /** Time of the first check of the current streak of failures or successes. */
  streakStart: Date | null;
}

export interface Check {
  at: Date;
  ok: boolean;
  degraded: boolean;
}

export interface Transition {
  from: MonitorState;
  to: MonitorState;
  at: Date;
}

export const initialTracker = (state: MonitorState = 'no_data'): Tracker => ({
  state,
  failures: 0,
  successes: 0,
  streakStart: null,
});

export function observe(
  tracker: Tracker,
  check: Check,
  thresholds: Thresholds,
): { tracker: Tracker; transition: Transition | null } {
  const move = (to: MonitorState, at: Date, next: Omit<Tracker, 'state'>) => ({
    tracker: { ...next, state: to },
    transition: to === tracker.state ? null : { from: tracker.state, to, at },
  });
  if (check.ok) {
    const successes = tracker.successes + 1;
    const streakStart = successes === 1 ? check.at : (tracker.streakStart ?? check.at);
    const next = { failures: 0, successes, streakStart };
    const passed: MonitorState = check.degraded ? 'degraded' : 'up';
    if (tracker.state === 'down') {
      return successes >= thresholds.recoveryThreshold
        ? move(passed, streakStart, next)
        : { tracker: { ...next, state: 'down' }, transition: null };
    }
    return move(passed, tracker.state === 'no_data' ? streakStart : check.at, next);
  }
  const failures = tracker.failures + 1;
  const streakStart = failures === 1 ? check.at : (tracker.streakStart ?? check.at);
  const next = { failures, successes: 0, streakStart };
  if (tracker.state !== 'down' && failures >= thresholds.failureThreshold)
    return move('down', streakStart, next);
  return { tracker: { ...next, state: tracker.state }, transition: null };
}
