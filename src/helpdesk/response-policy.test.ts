import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { businessCalendarSchema } from './business-calendar.js';
import {
  CRITICALITIES,
  DEFAULT_RESPONSE_POLICY,
  describeTarget,
  responseDeadline,
  responsePolicySchema,
  retarget,
  targetMs,
} from './response-policy.js';
import { addWorkingTime } from './working-time.js';

const H = 3_600_000;
const at = (iso: string): Date => new Date(iso);
const belgian = businessCalendarSchema.parse({ versions: [{ effectiveFrom: '2020-01-01T00:00:00+01:00' }] });
const policy = DEFAULT_RESPONSE_POLICY;

describe('targets', () => {
  it('are 8, 16 and 40 working hours: a working day is 8 working hours', () => {
    expect(CRITICALITIES.map((c) => targetMs(policy, c) / H)).toEqual([8, 16, 40]);
    expect(CRITICALITIES.map((c) => describeTarget(policy, c))).toEqual([
      'critical: 8 working hours',
      'major: 2 working days × 8 h = 16 working hours',
      'minor: 5 working days × 8 h = 40 working hours',
    ]);
  });

  it('are configurable per policy, and the explanation says so', () => {
    const shorterDays = responsePolicySchema.parse({ hoursPerWorkingDay: 7.6 });
    expect(targetMs(shorterDays, 'major')).toBe(15.2 * H);
    expect(describeTarget(shorterDays, 'major')).toBe('major: 2 working days × 7.6 h = 15.2 working hours');
    const custom = responsePolicySchema.parse({
      targets: {
        critical: { amount: 4, unit: 'working_hours' },
        major: { amount: 1, unit: 'working_days' },
        minor: { amount: 3, unit: 'working_days' },
      },
    });
    expect(CRITICALITIES.map((c) => describeTarget(custom, c))).toEqual([
      'critical: 4 working hours',
      'major: 1 working day × 8 h = 8 working hours',
      'minor: 3 working days × 8 h = 24 working hours',
    ]);
  });

  it('refuses a policy it cannot use, saying why', () => {
    const problems = (input: unknown): string[] =>
      responsePolicySchema.safeParse(input).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ??
      [];
    expect(
      problems({
        hoursPerWorkingDay: 0,
        targets: {
          critical: { amount: 0, unit: 'working_hours' },
          major: { amount: 2, unit: 'days' },
          minor: { amount: 5, unit: 'working_days' },
        },
      }),
    ).toEqual([
      'hoursPerWorkingDay: hoursPerWorkingDay is a positive number of hours',
      'targets.critical.amount: a target amount is a positive number',
      'targets.major.unit: a target unit is working_hours or working_days',
    ]);
  });
});

describe('response deadline', () => {
  it('explains the target, then the calendar, and gives the warnings', () => {
    const deadline = responseDeadline(policy, belgian, at('2026-04-03T16:30:00+02:00'), 'critical');
    expect(deadline.sentence).toBe(
      'critical: 8 working hours; received Fri 16:30 → 0:30 counted Friday; Mon is Easter Monday; ' +
        '7:30 counted Tuesday → due Tue 16:30',
    );
    expect(deadline.dueAt).toEqual(at('2026-04-07T16:30:00+02:00'));
    expect(deadline.warnings).toEqual([
      { percent: 50, at: at('2026-04-07T12:30:00+02:00') },
      { percent: 75, at: at('2026-04-07T14:30:00+02:00') },
      { percent: 90, at: at('2026-04-07T15:42:00+02:00') },
    ]);
  });
});

describe('retarget', () => {
  const received = at('2026-03-02T10:00:00+01:00'); // Monday

  it('critical → major counts from the original reception and keeps the elapsed time', () => {
    expect(responseDeadline(policy, belgian, received, 'critical').dueAt).toEqual(
      at('2026-03-03T10:00:00+01:00'),
    );
    const now = at('2026-03-02T15:00:00+01:00');
    const major = retarget(policy, belgian, received, 'major', now);
    expect(major.dueAt).toEqual(at('2026-03-04T10:00:00+01:00'));
    expect([major.elapsedMs / H, major.remainingMs / H, major.overdue]).toEqual([5, 11, false]);
    expect(addWorkingTime(belgian, now, major.remainingMs)).toEqual(major.dueAt);
  });

  it('the deadline does not depend on when the change is made', () => {
    const evening = retarget(policy, belgian, received, 'major', at('2026-03-02T20:00:00+01:00'));
    expect(evening.dueAt).toEqual(at('2026-03-04T10:00:00+01:00'));
    expect(evening.elapsedMs).toBe(7 * H);
  });

  it('major → critical after the critical target has passed is overdue at once', () => {
    const critical = retarget(policy, belgian, received, 'critical', at('2026-03-03T11:00:00+01:00'));
    expect(critical.dueAt).toEqual(at('2026-03-03T10:00:00+01:00'));
    expect([critical.elapsedMs / H, critical.remainingMs, critical.overdue]).toEqual([9, 0, true]);
  });

  it('never loses nor double-counts elapsed working time (property)', () => {
    const instant = fc.date({
      min: new Date('2025-01-01T00:00:00Z'),
      max: new Date('2027-12-31T00:00:00Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 0, max: 30 * 24 * H }),
        fc.constantFrom(...CRITICALITIES),
        (receivedAt, later, criticality) => {
          const now = new Date(receivedAt.getTime() + later);
          const r = retarget(policy, belgian, receivedAt, criticality, now);
          expect(r.dueAt).toEqual(responseDeadline(policy, belgian, receivedAt, criticality).dueAt);
          if (r.overdue) {
            expect(r.remainingMs).toBe(0);
            expect(r.elapsedMs).toBeGreaterThanOrEqual(r.targetMs);
            return;
          }
          expect(r.elapsedMs + r.remainingMs).toBe(r.targetMs);
          if (r.remainingMs > 0) expect(addWorkingTime(belgian, now, r.remainingMs)).toEqual(r.dueAt);
        },
      ),
    );
  });
});
