import { describe, expect, it } from 'vitest';
import { duration, percent, workingDuration } from './html/format.js';
import { renderSlaReportHtml, type ResponsibilityAppendix } from './sla-report.html.js';
import type { SlaReport } from './sla-report.types.js';

const HOUR = 3600;
const WORKING_HOUR_MS = 3_600_000;
const SCRIPT = '<script>alert(1)</script>';
const IMG = '<img src=x onerror=alert(1)>';

/** November 2026 of a standard-plan client, by hand: 30 days, one without data, one with downtime. */
function fixture(): SlaReport {
  const daily = Array.from({ length: 30 }, (_, i) => {
    const date = `2026-11-${String(i + 1).padStart(2, '0')}`;
    if (i === 2)
      return { date, availability: 1 - 1247.1 / 86_400, downtimeSeconds: 1247.1, noDataSeconds: 0 };
    if (i === 9) return { date, availability: null, downtimeSeconds: 0, noDataSeconds: 86_400 };
    if (i === 11) return { date, availability: 1, downtimeSeconds: 0, noDataSeconds: 600 };
    return { date, availability: 1, downtimeSeconds: 0, noDataSeconds: 0 };
  });
  return {
    version: 1,
    provisional: false,
    reason: null,
    generatedAt: '2026-12-01T07:30:00.000Z',
    client: { slug: 'dupont', name: 'Dupont & Fils <SA>', plan: 'standard' },
    month: '2026-11',
    zone: 'Europe/Brussels',
    availability: {
      from: '2026-10-31T23:00:00.000Z',
      to: '2026-11-30T23:00:00.000Z',
      periodSeconds: 30 * 24 * HOUR,
      eligibleSeconds: 2_494_200,
      downtimeSeconds: 1247.1,
      excludedSeconds: { maintenance: 2 * HOUR, forceMajeure: HOUR },
      noDataSeconds: 87_000,
      availability: 0.9995,
      target: 0.999,
      errorBudgetSeconds: 1247.1,
      met: true,
      excludedPeriods: [
        {
          from: '2026-11-03T01:00:00.000Z',
          to: '2026-11-03T03:00:00.000Z',
          kind: 'maintenance',
          reason: IMG,
        },
        {
          from: '2026-11-20T10:00:00.000Z',
          to: '2026-11-20T11:00:00.000Z',
          kind: 'force_majeure',
          reason: 'Azure West Europe region outage',
        },
      ],
      downPeriods: [{ from: '2026-11-03T08:00:00.000Z', to: '2026-11-03T08:20:47.100Z', monitorIds: ['m1'] }],
      noDataPeriods: [{ from: '2026-11-09T23:00:00.000Z', to: '2026-11-10T23:00:00.000Z' }],
      daily,
    },
    incidents: [
      {
        title: SCRIPT,
        status: 'resolved',
        openedAt: '2026-11-03T08:00:00.000Z',
        resolvedAt: '2026-11-03T08:20:47.100Z',
        durationSeconds: 1247,
        impact: 'app (an application endpoint) failed its checks',
        postmortem: 'https://status.example.com/pm/42?x="y"',
      },
      {
        title: 'Database slow',
        status: 'resolved',
        openedAt: '2026-11-15T10:00:00.000Z',
        resolvedAt: '2026-11-15T12:05:00.000Z',
        durationSeconds: 2 * HOUR + 5 * 60,
        impact: 'db (the database) failed its checks',
        postmortem: 'javascript:alert(1)',
      },
    ],
    backups: {
      policy: { baseBackupEveryHours: 168, weeklyBackupsKept: 52, pitrDays: 14 },
      baseBackups: [
        {
          id: 'b1',
          startedAt: '2026-11-01T02:00:00.000Z',
          finishedAt: '2026-11-01T02:12:00.000Z',
          status: 'done',
          targets: ['azure-westeurope', 'azure-northeurope'],
          missing: [],
          verifiedAt: '2026-11-01T04:00:00.000Z',
          verifiedOk: true,
        },
        {
          id: 'b2',
          startedAt: '2026-11-08T02:00:00.000Z',
          finishedAt: null,
          status: 'failed',
          targets: [],
          missing: ['azure-westeurope', 'azure-northeurope'],
          verifiedAt: null,
          verifiedOk: null,
        },
      ],
      cadence: { requiredHours: 170, longestGapHours: 76 + 24 * 6, met: false },
      targets: [
        { name: 'azure-westeurope', baseBackupCopies: 1, walSegments: 1234, walSegmentsMissing: 0 },
        { name: 'azure-northeurope', baseBackupCopies: 1, walSegments: 1230, walSegmentsMissing: 4 },
      ],
      recoverable: { earliest: '2026-11-17T00:00:00.000Z', latest: '2026-11-30T22:59:00.000Z' },
      met: false,
    },
    dataLoss: {
      limitSeconds: 300,
      minutesMeasured: 43_200,
      minutesOverLimit: 3,
      typicalSeconds: 12,
      p95Seconds: 45,
      worstSeconds: 420,
      met: false,
    },
    restore: {
      limitSeconds: 3600,
      drills: [
        {
          at: '2026-11-12T03:00:00.000Z',
          ok: true,
          durationSeconds: 2400,
          recoveredUpTo: '2026-11-12T02:59:30.000Z',
          dataLossWindowSeconds: 30,
          error: null,
        },
      ],
      worstSeconds: 2400,
      met: true,
    },
    support: {
      rows: [
        {
          client: 'dupont',
          criticality: 'critical',
          targetWorkingMs: 8 * WORKING_HOUR_MS,
          count: 2,
          met: 1,
          breached: 1,
          pending: 0,
          medianResponseWorkingMs: 12_000_000,
          worstResponseWorkingMs: 9 * WORKING_HOUR_MS,
          worstStillOpen: false,
        },
        {
          client: 'dupont',
          criticality: 'major',
          targetWorkingMs: 16 * WORKING_HOUR_MS,
          count: 1,
          met: 1,
          breached: 0,
          pending: 0,
          medianResponseWorkingMs: 5 * WORKING_HOUR_MS,
          worstResponseWorkingMs: 5 * WORKING_HOUR_MS,
          worstStillOpen: false,
        },
        {
          client: 'dupont',
          criticality: 'minor',
          targetWorkingMs: 40 * WORKING_HOUR_MS,
          count: 0,
          met: 0,
          breached: 0,
          pending: 0,
          medianResponseWorkingMs: null,
          worstResponseWorkingMs: null,
          worstStillOpen: false,
        },
      ],
      met: false,
    },
    options: [
      {
        name: 'Multi-zone deployment',
        unit: 'month',
        unitPrice: 120,
        currency: 'EUR',
        from: '2026-10-01',
        to: null,
      },
    ],
  };
}

const MATRIX: ResponsibilityAppendix = [
  {
    title: 'Oxygis Cloud – SaaS',
    note: 'Our reading of the agreement.',
    columns: ['Layer', 'Responsible'],
    rows: [{ area: 'Physical hosts', cells: ['Cloud provider'] }],
  },
];

const render = (report: SlaReport = fixture(), appendix = {}) => renderSlaReportHtml(report, appendix);
const headings = (html: string) => [...html.matchAll(/<h2>(.*?)<\/h2>/g)].map((m) => m[1]);

describe('renderSlaReportHtml', () => {
  it('is one self-contained, print-ready document with the title of the client and month', () => {
    const html = render();
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain(
      '<title>Service level report — Dupont &amp; Fils &lt;SA&gt; — November 2026</title>',
    );
    expect(html).toContain('@page');
    // No script, and nothing fetched: no <link>, no src attribute, no CSS import or remote url().
    expect(html).not.toMatch(/<script|<link|<[a-z]+[^>]*\ssrc=|@import|url\(http/i);
    expect(html).toContain('Version 1');
    expect(html).toContain('Generated 1 Dec 2026, 08:30 CET');
    expect(html).toContain('All times in Europe/Brussels');
  });

  it('gives the summary, then the seven sections in order, then the appendix', () => {
    const html = render(fixture(), { responsibility: MATRIX });
    expect(headings(html)).toEqual([
      'Summary',
      '1. Availability',
      '2. Incidents',
      '3. Backups',
      '4. Data-loss exposure',
      '5. Restore',
      '6. Support',
      '7. Options in force',
      'Appendix: shared responsibility',
    ]);
    expect(html).toContain('<section id="responsibility" class="appendix">');
    expect(html).toContain('<th scope="col">Layer</th><th scope="col">Responsible</th>');
    expect(headings(render())).not.toContain('Appendix: shared responsibility');
  });

  it('prints the availability figures, the error budget and the excluded periods', () => {
    const html = render();
    expect(html).toContain('<strong>99.950 %</strong>');
    expect(html).toContain('at least 99.9 %');
    expect(html).toContain(
      '41 min 34 s allowed (0.1 % of the eligible time), 20 min 47 s used: 20 min 47 s left',
    );
    expect(html).toContain('<td>Planned maintenance</td>');
    expect(html).toContain('3 Nov 2026, 02:00 CET');
    expect(html).toContain('Azure West Europe region outage');
    expect(html).toContain('Counting no-data time as down');
  });

  it('says "Not met" where a promise was not kept, and "Nothing to judge" without anything to judge', () => {
    const html = render();
    const summary = html.slice(html.indexOf('<h2>Summary</h2>'), html.indexOf('<h2>1. Availability</h2>'));
    expect(summary.match(/>Not met</g)).toHaveLength(3);
    expect(summary).toContain('worst archive lag 7 min');
    expect(summary).toContain('worst drill 40 min');
    const none = fixture();
    none.restore = { limitSeconds: 3600, drills: [], worstSeconds: null, met: null };
    const empty = render(none);
    expect(empty).toContain('No restore drill this month.');
    expect(empty).toContain('Nothing to judge');
  });

  it('escapes every string of the data', () => {
    const html = render();
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<a href="https://status.example.com/pm/42?x=%22y%22">');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('<td>javascript:alert(1)</td>');
  });

  it('draws one bar per day, the target line, and marks downtime and no-data days', () => {
    const html = render();
    const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>'));
    expect(svg.match(/<rect class="bar /g)).toHaveLength(30);
    expect(svg.match(/class="bar bar-down"/g)).toHaveLength(1);
    expect(svg.match(/class="bar bar-none"/g)).toHaveLength(1);
    expect(svg).toContain('<title id="chart-title">Availability day by day, November 2026</title>');
    expect(svg).toMatch(/<desc id="chart-desc">[^<]*Days with downtime: 3 Nov\./);
    expect(svg).toContain('class="target"');
  });

  it('tells a provisional report and an amended one', () => {
    const provisional = { ...fixture(), version: 0, provisional: true };
    expect(render(provisional)).toContain(
      "Provisional: not archived yet (a month's report is archived the day after the month ends)",
    );
    const amended = { ...fixture(), version: 2, reason: 'force majeure <declared> late' };
    expect(render(amended)).toContain('Version 2 — amended: force majeure &lt;declared&gt; late');
  });

  it('lists incidents, backups, data loss, restore, support and options', () => {
    const html = render();
    expect(html).toContain('2 h 05 min');
    expect(html).toContain('at least every 168 hours (weekly)');
    expect(html).toContain('verified 1 Nov 2026, 05:00 CET');
    expect(html).toContain('not verified yet');
    expect(html).toContain('<td>azure-westeurope, azure-northeurope</td>');
    expect(html).toContain('9 d 4 h');
    expect(html).toContain('less than 5 min of data lost');
    expect(html).toContain('Critical (agreement: Review)');
    expect(html).toContain('&lt; 16 working hours (agreement: &lt; 2 working days)');
    expect(html).toContain('3 h 20 min');
    expect(html).toContain('€120.00 per month');
    const quiet = { ...fixture(), incidents: [], options: [] };
    expect(render(quiet)).toContain('No incident this month.');
    expect(render(quiet)).toContain('No option in force.');
  });
});

describe('report formats', () => {
  it.each([
    [45, '45 s'],
    [0.2, 'under 1 s'],
    [300, '5 min'],
    [2628, '43 min 48 s'],
    [3599.6, '1 h'],
    [2 * HOUR + 5 * 60, '2 h 05 min'],
    [3 * 86_400 + 4 * HOUR, '3 d 4 h'],
    [30 * 86_400, '30 d'],
  ])('duration(%s) is "%s"', (seconds, words) => expect(duration(seconds)).toBe(words));

  it('cuts percentages rather than rounding them up to the target', () => {
    expect(percent(0.9995)).toBe('99.950 %');
    expect(percent(0.998999)).toBe('99.899 %');
    expect(workingDuration(12_000_000)).toBe('3 h 20 min');
    expect(workingDuration(40 * WORKING_HOUR_MS)).toBe('40 h 00 min');
  });
});
