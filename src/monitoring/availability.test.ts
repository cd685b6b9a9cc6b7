import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AvailabilityInput,
  type AvailabilityReport,
  computeAvailability,
  type MonitorHistory,
  type MonitorState,
  type StateInterval,
} from './availability.js';
import type { Interval } from './intervals.js';
import { expandWindows, type MaintenanceWindow } from './maintenance-windows.js';

const utc = (iso: string): number => Date.parse(iso);
const span = (from: string, to: string): { start: number; end: number } => ({
  start: utc(from),
  end: utc(to),
});
const state = (s: MonitorState, from: string, to: string): StateInterval => ({ ...span(from, to), state: s });
const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

// November 2026 in Brussels: 2026-10-31T23:00Z to 2026-11-30T23:00Z, 720 hours.
const NOV_START = '2026-10-31T23:00:00Z';
const NOV_END = '2026-11-30T23:00:00Z';
const november = { month: '2026-11' } as const;
const allUp = (id: string, kind: MonitorHistory['kind'], from = NOV_START, to = NOV_END): MonitorHistory => ({
  id,
  kind,
  intervals: [state('up', from, to)],
});
/** Up over the whole range except the given intervals, which take their own state. */
const monitor = (id: string, kind: MonitorHistory['kind'], ...events: StateInterval[]): MonitorHistory => ({
  id,
  kind,
  intervals: [state('up', NOV_START, NOV_END), ...events],
});
const input = (overrides: Partial<AvailabilityInput>): AvailabilityInput => ({
  period: november,
  monitors: [allUp('app', 'application'), allUp('db', 'database')],
  maintenance: [],
  forceMajeure: [],
  ...overrides,
});

describe('availability: the whole month', () => {
  it('is 1 for a client up all November, with 43.2 minutes of budget at 99.9 %', () => {
    expect(computeAvailability(input({}))).toEqual({
      from: utc(NOV_START),
      to: utc(NOV_END),
      periodSeconds: 2_592_000,
      eligibleSeconds: 2_592_000,
      downtimeSeconds: 0,
      excludedSeconds: { maintenance: 0, forceMajeure: 0 },
      noDataSeconds: 0,
      availability: 1,
      target: 0.999,
      errorBudgetSeconds: 2592,
      met: true,
      excludedPeriods: [],
      downPeriods: [],
      noDataPeriods: [],
    });
  });

  it('gives 0.1 % of the eligible time as budget: 43.8 min for 730 h, 43.2 for 30 days, 44.64 for 31', () => {
    const budget = (period: AvailabilityInput['period'], from: string, to: string): number =>
      computeAvailability(input({ period, monitors: [allUp('app', 'application', from, to)] }))
        .errorBudgetSeconds;
    const from = '2026-01-01T00:00:00Z';
    expect(budget({ from: utc(from), to: utc(from) + 730 * 3_600_000 }, from, '2026-02-01T10:00:00Z')).toBe(
      2628,
    );
    expect(budget({ month: '2026-11' }, NOV_START, NOV_END)).toBe(2592); // 43.2 min
    expect(budget({ month: '2026-12' }, '2026-11-30T23:00:00Z', '2026-12-31T23:00:00Z')).toBe(2678.4); // 44.64 min
    expect(budget({ month: '2026-02' }, '2026-01-31T23:00:00Z', '2026-02-28T23:00:00Z')).toBe(2419.2); // 40.32 min
    // DST months in Brussels: 743 h and 745 h.
    expect(budget({ month: '2026-03' }, '2026-02-28T23:00:00Z', '2026-03-31T22:00:00Z')).toBe(2674.8);
    expect(budget({ month: '2026-10' }, '2026-09-30T22:00:00Z', '2026-10-31T23:00:00Z')).toBe(2682);
    // Another target, per plan.
    const plan = computeAvailability(input({ target: 0.995 }));
    expect(plan.errorBudgetSeconds).toBe(12_960);
    expect(plan.target).toBe(0.995);
  });

  it('measures a month in the client zone', () => {
    const report = computeAvailability(
      input({
        period: { month: '2026-11', timeZone: 'UTC' },
        monitors: [allUp('app', 'application', '2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z')],
      }),
    );
    expect([report.from, report.to]).toEqual([utc('2026-11-01T00:00:00Z'), utc('2026-12-01T00:00:00Z')]);
    expect(report.noDataSeconds).toBe(0);
  });
});

describe('availability: downtime', () => {
  it('counts the client down while its application OR its database is down, each instant once', () => {
    const report = computeAvailability(
      input({
        monitors: [
          monitor('app', 'application', state('down', '2026-11-10T02:00:00Z', '2026-11-10T02:10:00Z')),
          monitor('db', 'database', state('down', '2026-11-10T02:05:00Z', '2026-11-10T02:12:00Z')),
        ],
      }),
    );
    expect(report.downtimeSeconds).toBe(720);
    expect(report.availability).toBe((2_592_000 - 720) / 2_592_000);
    expect(report.errorBudgetSeconds).toBe(1872);
    expect(report.met).toBe(true);
    expect(report.downPeriods).toEqual([
      { ...span('2026-11-10T02:00:00Z', '2026-11-10T02:12:00Z'), monitorIds: ['app', 'db'] },
    ]);
  });

  it('reports a negative budget and a missed target after an hour down', () => {
    const report = computeAvailability(
      input({
        monitors: [
          monitor('app', 'application', state('down', '2026-11-03T10:00:00Z', '2026-11-03T11:00:00Z')),
        ],
      }),
    );
    expect(report.downtimeSeconds).toBe(3600);
    expect(report.errorBudgetSeconds).toBe(2592 - 3600);
    expect(report.met).toBe(false);
    expect(report.availability).toBeCloseTo(0.998611, 6);
  });

  it('counts degraded as up unless the plan counts it as down', () => {
    const degraded = [
      monitor('app', 'application', state('degraded', '2026-11-05T08:00:00Z', '2026-11-05T09:00:00Z')),
    ];
    expect(computeAvailability(input({ monitors: degraded })).downtimeSeconds).toBe(0);
    expect(
      computeAvailability(input({ monitors: degraded, degradedCountsAsDown: true })).downtimeSeconds,
    ).toBe(3600);
  });

  it('takes the most severe known state where intervals of one monitor overlap', () => {
    const report = computeAvailability(
      input({
        monitors: [
          monitor(
            'app',
            'application',
            state('down', '2026-11-05T08:00:00Z', '2026-11-05T08:30:00Z'),
            state('no_data', '2026-11-06T08:00:00Z', '2026-11-06T08:30:00Z'), // the 'up' beside it is known
          ),
        ],
      }),
    );
    expect(report.downtimeSeconds).toBe(1800);
    expect(report.noDataSeconds).toBe(0);
  });

  it('splits downtime that crosses a month boundary between the two months, in the client zone', () => {
    // 31 October 23:30 to 1 November 00:30 in Brussels (CET).
    const monitors = [
      {
        id: 'app',
        kind: 'application' as const,
        intervals: [
          state('up', '2026-10-01T00:00:00Z', '2026-12-01T00:00:00Z'),
          state('down', '2026-10-31T22:30:00Z', '2026-10-31T23:30:00Z'),
        ],
      },
    ];
    const octoberReport = computeAvailability(input({ period: { month: '2026-10' }, monitors }));
    const novemberReport = computeAvailability(input({ period: { month: '2026-11' }, monitors }));
    expect(octoberReport.downtimeSeconds).toBe(1800);
    expect(novemberReport.downtimeSeconds).toBe(1800);
    expect(novemberReport.downPeriods).toEqual([
      { ...span(NOV_START, '2026-10-31T23:30:00Z'), monitorIds: ['app'] },
    ]);
  });

  it('counts real time across the spring-forward night: 01:30–03:30 local on 29 March 2026 is one hour', () => {
    const report = computeAvailability(
      input({
        period: { month: '2026-03' },
        monitors: [
          {
            id: 'app',
            kind: 'application',
            intervals: [
              state('up', '2026-02-28T23:00:00Z', '2026-03-31T22:00:00Z'),
              state('down', '2026-03-29T00:30:00Z', '2026-03-29T01:30:00Z'),
            ],
          },
        ],
      }),
    );
    expect(report.periodSeconds).toBe(743 * 3600);
    expect(report.downtimeSeconds).toBe(3600);
  });
});

describe('availability: maintenance and force majeure', () => {
  it('excludes a window during downtime: only the downtime outside the window counts', () => {
    const report = computeAvailability(
      input({
        monitors: [
          monitor('app', 'application', state('down', '2026-11-10T01:00:00Z', '2026-11-10T03:00:00Z')),
        ],
        maintenance: [
          {
            ...span('2026-11-10T02:00:00Z', '2026-11-10T04:00:00Z'),
            scope: { kind: 'client', clientId: 'c' },
          },
        ],
      }),
    );
    expect(report.downtimeSeconds).toBe(3600);
    expect(report.excludedSeconds).toEqual({ maintenance: 7200, forceMajeure: 0 });
    expect(report.eligibleSeconds).toBe(2_592_000 - 7200);
    expect(report.errorBudgetSeconds).toBe(-1015.2); // 0.1 % of 719 h = 2584.8 s, less 3600 s
    expect(report.downPeriods).toEqual([
      { ...span('2026-11-10T01:00:00Z', '2026-11-10T02:00:00Z'), monitorIds: ['app'] },
    ]);
  });

  it('counts overlapping maintenance and force majeure once, the overlap as maintenance', () => {
    const report = computeAvailability(
      input({
        monitors: [
          monitor('app', 'application', state('down', '2026-11-10T02:30:00Z', '2026-11-10T05:00:00Z')),
        ],
        maintenance: [
          { ...span('2026-11-10T02:00:00Z', '2026-11-10T04:00:00Z'), scope: { kind: 'platform' } },
        ],
        forceMajeure: [
          span('2026-11-10T03:00:00Z', '2026-11-10T06:00:00Z'),
          span('2026-11-10T05:00:00Z', '2026-11-10T05:30:00Z'),
        ],
      }),
    );
    expect(report.excludedSeconds).toEqual({ maintenance: 7200, forceMajeure: 7200 });
    expect(report.downtimeSeconds).toBe(0);
    expect(report.eligibleSeconds).toBe(2_592_000 - 14_400);
    expect(report.excludedPeriods).toEqual([
      { ...span('2026-11-10T02:00:00Z', '2026-11-10T04:00:00Z'), reason: 'maintenance' },
      { ...span('2026-11-10T04:00:00Z', '2026-11-10T06:00:00Z'), reason: 'force_majeure' },
    ]);
  });

  it('lets a monitor window hide only that monitor: the application down inside a database window counts', () => {
    const report = computeAvailability(
      input({
        monitors: [
          monitor('app', 'application', state('down', '2026-11-10T02:10:00Z', '2026-11-10T02:20:00Z')),
          monitor('db', 'database', state('down', '2026-11-10T02:00:00Z', '2026-11-10T02:30:00Z')),
        ],
        maintenance: [
          {
            ...span('2026-11-10T02:00:00Z', '2026-11-10T03:00:00Z'),
            scope: { kind: 'monitor', monitorId: 'db' },
          },
        ],
      }),
    );
    expect(report.downtimeSeconds).toBe(600);
    expect(report.downPeriods).toEqual([
      { ...span('2026-11-10T02:10:00Z', '2026-11-10T02:20:00Z'), monitorIds: ['app'] },
    ]);
    expect(report.excludedSeconds.maintenance).toBe(3000);
    expect(report.excludedPeriods).toEqual([
      { ...span('2026-11-10T02:00:00Z', '2026-11-10T02:10:00Z'), reason: 'maintenance' },
      { ...span('2026-11-10T02:20:00Z', '2026-11-10T03:00:00Z'), reason: 'maintenance' },
    ]);
  });

  it('excludes a monitor window even while everything is up, and ignores windows of unknown monitors', () => {
    const report = computeAvailability(
      input({
        maintenance: [
          {
            ...span('2026-11-10T02:00:00Z', '2026-11-10T03:00:00Z'),
            scope: { kind: 'monitor', monitorId: 'db' },
          },
          {
            ...span('2026-11-11T02:00:00Z', '2026-11-11T03:00:00Z'),
            scope: { kind: 'monitor', monitorId: 'other' },
          },
        ],
      }),
    );
    expect(report.excludedSeconds.maintenance).toBe(3600);
  });

  it('excluding time that was up lowers the ratio (so "a window never lowers availability" is false)', () => {
    const monitors = [
      monitor('app', 'application', state('down', '2026-11-03T10:00:00Z', '2026-11-03T10:30:00Z')),
    ];
    const without = computeAvailability(input({ monitors }));
    const withWindow = computeAvailability(
      input({
        monitors,
        maintenance: [
          { ...span('2026-11-20T00:00:00Z', '2026-11-21T00:00:00Z'), scope: { kind: 'platform' } },
        ],
      }),
    );
    expect(withWindow.downtimeSeconds).toBe(without.downtimeSeconds);
    expect(withWindow.availability ?? 1).toBeLessThan(without.availability ?? 1);
  });

  it('applies a recurring window expanded for the month: first Sunday of October, 02:00–04:00 CEST', () => {
    const october = { start: utc('2026-09-30T22:00:00Z'), end: utc('2026-10-31T23:00:00Z') };
    const maintenance = expandWindows(
      [
        {
          kind: 'recurring',
          rrule: 'FREQ=MONTHLY;BYDAY=1SU',
          firstDate: '2026-01-01',
          localStart: '02:00',
          durationMinutes: 120,
          timeZone: 'Europe/Brussels',
          scope: { kind: 'platform' },
        },
      ],
      october,
    );
    const report = computeAvailability({
      period: { month: '2026-10' },
      monitors: [
        {
          id: 'db',
          kind: 'database',
          intervals: [
            state('up', '2026-09-30T22:00:00Z', '2026-10-31T23:00:00Z'),
            state('down', '2026-10-04T00:00:00Z', '2026-10-04T03:00:00Z'), // 02:00–05:00 CEST
          ],
        },
      ],
      maintenance,
      forceMajeure: [],
    });
    expect(report.periodSeconds).toBe(745 * 3600);
    expect(report.excludedSeconds.maintenance).toBe(7200);
    expect(report.downtimeSeconds).toBe(3600);
  });
});

describe('availability: no data', () => {
  it('reports gaps separately and leaves them out of the eligible time, never as up', () => {
    const report = computeAvailability(
      input({
        monitors: [
          {
            id: 'app',
            kind: 'application',
            intervals: [
              state('up', NOV_START, '2026-11-15T12:00:00Z'),
              state('up', '2026-11-15T12:15:00Z', NOV_END),
            ],
          },
          allUp('db', 'database'),
        ],
      }),
    );
    expect(report.noDataSeconds).toBe(900);
    expect(report.noDataPeriods).toEqual([span('2026-11-15T12:00:00Z', '2026-11-15T12:15:00Z')]);
    expect(report.eligibleSeconds).toBe(2_592_000 - 900);
    expect(report.availability).toBe(1);
  });

  it('counts the client down when one monitor is down and the other has no data', () => {
    const report = computeAvailability(
      input({
        monitors: [
          monitor('app', 'application', state('down', '2026-11-15T12:00:00Z', '2026-11-15T12:10:00Z')),
          {
            id: 'db',
            kind: 'database',
            intervals: [
              state('up', NOV_START, '2026-11-15T12:00:00Z'),
              state('no_data', '2026-11-15T12:00:00Z', NOV_END),
            ],
          },
        ],
      }),
    );
    expect(report.downtimeSeconds).toBe(600);
    // The database is known up from 1 November 00:00 local to 15 November 12:00Z: 14 days 13 hours.
    expect(report.noDataSeconds).toBe(2_592_000 - 14 * 86_400 - 13 * 3600 - 600);
  });

  it('does not report no data inside maintenance', () => {
    const report = computeAvailability(
      input({
        monitors: [],
        maintenance: [{ ...span(NOV_START, '2026-11-02T00:00:00Z'), scope: { kind: 'platform' } }],
      }),
    );
    expect(report.excludedSeconds.maintenance).toBe(25 * 3600);
    expect(report.noDataSeconds).toBe(2_592_000 - 25 * 3600);
  });

  it('has no availability when nothing is eligible, rather than a made-up 1', () => {
    const noMonitors = computeAvailability(input({ monitors: [] }));
    expect(noMonitors).toMatchObject({
      noDataSeconds: 2_592_000,
      eligibleSeconds: 0,
      availability: null,
      met: null,
      errorBudgetSeconds: 0,
    });
    const allMaintenance = computeAvailability(
      input({
        maintenance: [
          { ...span('2026-10-01T00:00:00Z', '2026-12-01T00:00:00Z'), scope: { kind: 'platform' } },
        ],
      }),
    );
    expect(allMaintenance).toMatchObject({ eligibleSeconds: 0, availability: null, met: null });
  });
});

describe('availability: input errors', () => {
  it('refuses a period that does not end after it starts, a bad month and a target outside [0, 1]', () => {
    expect(code(() => computeAvailability(input({ period: { from: 10, to: 10 } })))).toBe('invalid_period');
    expect(code(() => computeAvailability(input({ period: { from: 10, to: Number.NaN } })))).toBe(
      'invalid_period',
    );
    expect(code(() => computeAvailability(input({ period: { month: '2026-13' } })))).toBe('invalid_month');
    expect(
      code(() => computeAvailability(input({ period: { month: '2026-11', timeZone: 'Brussels' } }))),
    ).toBe('unknown_time_zone');
    expect(code(() => computeAvailability(input({ target: 99.9 })))).toBe('invalid_target');
    expect(code(() => computeAvailability(input({ target: -0.1 })))).toBe('invalid_target');
  });
});

// Properties on a small timeline: instants are whole seconds 0..60 (as epoch ms), so every
// result is a whole number of seconds and can be checked exactly, second by second.
const S = 1000;
const T = 60;
const anySpan = fc
  .tuple(fc.integer({ min: 0, max: T }), fc.integer({ min: 0, max: T }))
  .filter(([a, b]) => a !== b)
  .map(([a, b]): Interval => ({ start: Math.min(a, b) * S, end: Math.max(a, b) * S }));
const anyState = fc.constantFrom<MonitorState>('up', 'up', 'down', 'degraded', 'no_data');
const anyMonitors = fc.uniqueArray(fc.constantFrom('app', 'db', 'worker'), { maxLength: 3 }).chain((ids) =>
  fc.tuple(
    ...ids.map((id) =>
      fc.array(fc.tuple(anySpan, anyState), { maxLength: 6 }).map((spans): MonitorHistory => ({
        id,
        kind: id === 'db' ? 'database' : 'application',
        intervals: spans.map(([interval, s]) => ({ ...interval, state: s })),
      })),
    ),
  ),
);
const anyScope = fc.constantFrom<MaintenanceWindow['scope']>(
  { kind: 'platform' },
  { kind: 'client', clientId: 'c' },
  { kind: 'monitor', monitorId: 'app' },
  { kind: 'monitor', monitorId: 'db' },
  { kind: 'monitor', monitorId: 'elsewhere' },
);
const anyWindow = fc
  .tuple(anySpan, anyScope)
  .map(([interval, scope]): MaintenanceWindow => ({ ...interval, scope }));
const anyInput = fc.record({
  period: anySpan.map(({ start, end }) => ({ from: start, to: end })),
  monitors: anyMonitors,
  maintenance: fc.array(anyWindow, { maxLength: 3 }),
  forceMajeure: fc.array(anySpan, { maxLength: 2 }),
  target: fc.constantFrom(0.999, 0.995, 0.99, 1, 0),
  degradedCountsAsDown: fc.boolean(),
});

type Bucket = 'maintenance' | 'force_majeure' | 'down' | 'no_data' | 'up';

/** The rules of the module comment, applied to one instant, the slow and obvious way. */
function bucketAt(input: AvailabilityInput, t: number): Bucket {
  const covers = ({ start, end }: Interval): boolean => start <= t && t < end;
  const monitors = input.monitors.map((m) => {
    const here = m.intervals.filter(covers);
    return {
      down: here.some(
        (i) => i.state === 'down' || (i.state === 'degraded' && input.degradedCountsAsDown === true),
      ),
      known: here.some((i) => i.state !== 'no_data'),
      inMaintenance: input.maintenance.some(
        (w) => covers(w) && w.scope.kind === 'monitor' && w.scope.monitorId === m.id,
      ),
    };
  });
  const downOutsideMaintenance = monitors.some((m) => m.down && !m.inMaintenance);
  if (input.maintenance.some((w) => covers(w) && w.scope.kind !== 'monitor')) return 'maintenance';
  if (monitors.some((m) => m.inMaintenance) && !downOutsideMaintenance) return 'maintenance';
  if (input.forceMajeure.some(covers)) return 'force_majeure';
  if (downOutsideMaintenance) return 'down';
  if (monitors.length === 0 || monitors.some((m) => !m.known)) return 'no_data';
  return 'up';
}

const totals = (report: AvailabilityReport): number[] => [
  report.eligibleSeconds,
  report.downtimeSeconds,
  report.excludedSeconds.maintenance,
  report.excludedSeconds.forceMajeure,
  report.noDataSeconds,
];

describe('availability (properties)', () => {
  it('agrees second by second with the rules written out plainly', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const report = computeAvailability(input);
        const count = { maintenance: 0, force_majeure: 0, down: 0, no_data: 0, up: 0 };
        if (!('from' in input.period)) throw new Error('explicit periods only');
        for (let t = input.period.from; t < input.period.to; t += S) count[bucketAt(input, t)]++;
        expect(totals(report)).toEqual([
          count.down + count.up,
          count.down,
          count.maintenance,
          count.force_majeure,
          count.no_data,
        ]);
      }),
    );
  });

  it('splits the period exactly: eligible + maintenance + force majeure + no data = period', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const r = computeAvailability(input);
        const sum =
          r.eligibleSeconds +
          r.excludedSeconds.maintenance +
          r.excludedSeconds.forceMajeure +
          r.noDataSeconds;
        expect(sum).toBe(r.periodSeconds);
        const itemised = (periods: Interval[]): number =>
          periods.reduce((n, p) => n + (p.end - p.start) / S, 0);
        expect(itemised(r.excludedPeriods)).toBe(
          r.excludedSeconds.maintenance + r.excludedSeconds.forceMajeure,
        );
        expect(itemised(r.downPeriods)).toBe(r.downtimeSeconds);
        expect(itemised(r.noDataPeriods)).toBe(r.noDataSeconds);
      }),
    );
  });

  it('keeps 0 ≤ downtime ≤ eligible, availability in [0, 1] (null only with nothing eligible), met ⇔ budget ≥ 0', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const r = computeAvailability(input);
        expect(r.downtimeSeconds).toBeGreaterThanOrEqual(0);
        expect(r.downtimeSeconds).toBeLessThanOrEqual(r.eligibleSeconds);
        if (r.eligibleSeconds === 0) {
          expect([r.availability, r.met, r.errorBudgetSeconds]).toEqual([null, null, 0]);
          return;
        }
        expect(r.availability).toBeGreaterThanOrEqual(0);
        expect(r.availability).toBeLessThanOrEqual(1);
        expect(r.met).toBe(r.errorBudgetSeconds >= 0);
      }),
    );
  });

  it('never adds downtime nor removes excluded time when a window or a force-majeure period is added', () => {
    fc.assert(
      fc.property(anyInput, anyWindow, anySpan, (input, window, declared) => {
        const before = computeAvailability(input);
        for (const after of [
          computeAvailability({ ...input, maintenance: [...input.maintenance, window] }),
          computeAvailability({ ...input, forceMajeure: [...input.forceMajeure, declared] }),
        ]) {
          expect(after.downtimeSeconds).toBeLessThanOrEqual(before.downtimeSeconds);
          expect(
            after.excludedSeconds.maintenance + after.excludedSeconds.forceMajeure,
          ).toBeGreaterThanOrEqual(before.excludedSeconds.maintenance + before.excludedSeconds.forceMajeure);
        }
      }),
    );
  });

  it('never lowers availability when a window covers only down time', () => {
    fc.assert(
      fc.property(anyInput, fc.nat(), (input, pick) => {
        const before = computeAvailability(input);
        const downPeriod = before.downPeriods[pick % Math.max(1, before.downPeriods.length)];
        if (!downPeriod) return;
        const window = {
          start: downPeriod.start,
          end: downPeriod.end,
          scope: { kind: 'client', clientId: 'c' },
        } as const;
        const after = computeAvailability({ ...input, maintenance: [...input.maintenance, window] });
        expect(after.availability ?? 1).toBeGreaterThanOrEqual(before.availability ?? 1);
      }),
    );
  });

  it('changes nothing when state intervals are split in two or given in another order', () => {
    fc.assert(
      fc.property(anyInput, fc.nat(), (input, seed) => {
        const split = input.monitors.map((m) => ({
          ...m,
          intervals: m.intervals
            .flatMap((i, k) => {
              const cut = i.start + S * ((seed + k) % ((i.end - i.start) / S));
              return cut > i.start
                ? [
                    { ...i, end: cut },
                    { ...i, start: cut },
                  ]
                : [i];
            })
            .reverse(),
        }));
        expect(computeAvailability({ ...input, monitors: split })).toEqual(computeAvailability(input));
      }),
    );
  });

  it('adds up over a period cut in two', () => {
    fc.assert(
      fc.property(anyInput, fc.nat(), (input, seed) => {
        if (!('from' in input.period)) return;
        const { from, to } = input.period;
        const cut = from + S * (1 + (seed % Math.max(1, (to - from) / S - 1)));
        if (cut >= to) return;
        const first = computeAvailability({ ...input, period: { from, to: cut } });
        const second = computeAvailability({ ...input, period: { from: cut, to } });
        const whole = computeAvailability(input);
        expect(totals(first).map((n, k) => n + (totals(second)[k] ?? 0))).toEqual(totals(whole));
      }),
    );
  });

  it('never lowers downtime when degraded counts as down', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const lenient = computeAvailability({ ...input, degradedCountsAsDown: false });
        const strict = computeAvailability({ ...input, degradedCountsAsDown: true });
        expect(strict.downtimeSeconds).toBeGreaterThanOrEqual(lenient.downtimeSeconds);
      }),
    );
  });
});
