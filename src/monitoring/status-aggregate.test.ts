import { describe, expect, it } from 'vitest';
import {
  componentState,
  dailyUptime,
  lastDays,
  overallState,
  platformUptime,
  publicIncidentTitle,
  redact,
  targetHost,
  type TimedState,
} from './status-aggregate.js';
import { spokenDuration, statusFeed } from './status-feed.js';
import type { StatusView } from './status-page.schema.js';

const HOUR = 3600_000;
const at = (iso: string) => new Date(iso).getTime();

describe('component state', () => {
  it.each([
    [[], 'no_data'],
    [['no_data', 'no_data'], 'no_data'],
    [['up', 'up'], 'operational'],
    [['up', 'no_data'], 'operational'],
    [['up', 'degraded'], 'degraded_performance'],
    [['up', 'up', 'down'], 'partial_outage'],
    [['up', 'down'], 'partial_outage'],
    [['down', 'down', 'up'], 'major_outage'],
    [['down', 'no_data', 'no_data'], 'major_outage'],
    [['down', 'degraded'], 'partial_outage'],
  ] as const)('%j → %s', (states, expected) => {
    expect(componentState(states)).toBe(expected);
  });

  it('the page is as bad as its worst component', () => {
    expect(overallState(['operational', 'no_data', 'partial_outage', 'degraded_performance'])).toBe(
      'partial_outage',
    );
    expect(overallState(['operational', 'no_data'])).toBe('operational');
  });
});

describe('days', () => {
  it('are the last 90 local days in Brussels, today last', () => {
    const days = lastDays(at('2026-11-03T23:30:00Z'));
    expect(days).toHaveLength(90);
    // 23:30 UTC is already 4 November in Brussels (UTC+1).
    expect(days.at(-1)).toEqual({
      date: '2026-11-04',
      start: at('2026-11-03T23:00:00Z'),
      end: at('2026-11-04T23:00:00Z'),
    });
    expect(days[0]?.date).toBe('2026-08-07');
    for (let i = 1; i < days.length; i++) expect(days[i]?.start).toBe(days[i - 1]?.end);
  });

  it('follow the clock across daylight saving time (23 and 25 hours)', () => {
    const spring = lastDays(at('2026-03-29T12:00:00Z'), 1)[0];
    expect(spring && spring.end - spring.start).toBe(23 * HOUR);
    const autumn = lastDays(at('2026-10-25T12:00:00Z'), 1)[0];
    expect(autumn && autumn.end - autumn.start).toBe(25 * HOUR);
  });
});

describe('daily uptime of a component', () => {
  const now = at('2026-11-04T12:00:00Z');
  const days = lastDays(now, 3); // 2, 3 and 4 November
  const day3 = at('2026-11-02T23:00:00Z');

  it('is the share of monitor-time not down among the time with a known state', () => {
    const intervals: TimedState[] = [
      { state: 'up', start: day3 - 10 * HOUR, end: day3 + 6 * HOUR },
      { state: 'down', start: day3 + 6 * HOUR, end: day3 + 7 * HOUR },
      { state: 'up', start: day3 + 7 * HOUR, end: now + HOUR },
      // A second monitor, up all along: its time counts too.
      { state: 'degraded', start: day3 - 10 * HOUR, end: now },
    ];
    const [, third, fourth] = dailyUptime(intervals, days, now);
    expect(third).toBe(Math.floor((47 / 48) * 1e6) / 1e6);
    expect(fourth).toBe(1);
  });

  it('leaves out time without data, and a day without any known time is null', () => {
    const intervals: TimedState[] = [
      { state: 'no_data', start: days[0]?.start ?? 0, end: day3 + 12 * HOUR },
      { state: 'down', start: day3 + 12 * HOUR, end: day3 + 18 * HOUR },
      { state: 'up', start: day3 + 18 * HOUR, end: now },
    ];
    expect(dailyUptime(intervals, days, now)).toEqual([null, 0.5, 1]);
    expect(dailyUptime([], days, now)).toEqual([null, null, null]);
  });

  it('never rounds a little downtime up to 100 %', () => {
    const intervals: TimedState[] = [
      { state: 'up', start: day3, end: day3 + 24 * HOUR - 10 },
      { state: 'down', start: day3 + 24 * HOUR - 10, end: day3 + 24 * HOUR },
    ];
    expect(dailyUptime(intervals, days, now)[1]).toBeLessThan(1);
  });
});

describe('daily uptime of the platform', () => {
  const now = at('2026-11-04T12:00:00Z');
  const days = lastDays(now, 3);
  const day3 = at('2026-11-02T23:00:00Z');

  it('is the time any monitor had a known state, from the first one on', () => {
    const intervals: TimedState[] = [
      // Monitoring began at 06:00 local on 3 November; the platform stopped 2 hours that day.
      { state: 'no_data', start: day3 + 5 * HOUR, end: day3 + 6 * HOUR },
      { state: 'down', start: day3 + 6 * HOUR, end: day3 + 10 * HOUR },
      { state: 'no_data', start: day3 + 10 * HOUR, end: day3 + 12 * HOUR },
      { state: 'up', start: day3 + 12 * HOUR, end: now },
      // Another monitor, created later, overlapping: counted once.
      { state: 'up', start: day3 + 13 * HOUR, end: now },
    ];
    const [second, third, fourth] = platformUptime(intervals, days, now);
    expect(second).toBeNull();
    expect(third).toBe(Math.floor((16 / 18) * 1e6) / 1e6);
    expect(fourth).toBe(1);
  });

  it('has no data before any monitor reported', () => {
    expect(platformUptime([{ state: 'no_data', start: 0, end: now }], days, now)).toEqual([null, null, null]);
  });
});

describe('privacy', () => {
  it('titles incidents by the kind of service only', () => {
    expect(publicIncidentTitle('postgres')).toBe('Client database unavailable');
    expect(publicIncidentTitle('http')).toBe('Client application unavailable');
    expect(publicIncidentTitle('tcp')).toBe('Client application unavailable');
    expect(publicIncidentTitle(null)).toBe('Client service unavailable');
  });

  it('redacts names, slugs and targets from what staff wrote, as whole words', () => {
    const identifying = [
      'Brasserie Dupont',
      'brasserie-dupont',
      'shop',
      'https://shop.dupont.be/health',
      'shop.dupont.be',
      'db',
      null,
    ];
    expect(
      redact(
        'BRASSERIE DUPONT (brasserie-dupont): the shop at https://shop.dupont.be/health is back; shops and db fine',
        identifying,
      ),
    ).toBe('[client] ([client]): the [client] at [client] is back; shops and db fine');
    expect(redact('a (weird) name?', ['(weird) name?'])).toBe('a [client]');
  });

  it('finds the host of a target', () => {
    expect(targetHost('https://shop.example.be:8443/health')).toBe('shop.example.be');
    expect(targetHost('db.example.be:5432')).toBe('db.example.be');
    expect(targetHost(null)).toBeNull();
  });
});

describe('feed', () => {
  const view: StatusView = {
    generatedAt: new Date('2026-11-04T12:00:00Z'),
    timeZone: 'Europe/Brussels',
    overall: 'operational',
    components: [],
    incidents: [
      {
        id: '8a3c1f0e-0000-4000-8000-000000000001',
        title: 'Client application unavailable',
        component: 'applications',
        status: 'resolved',
        startedAt: new Date('2026-11-03T10:00:00Z'),
        resolvedAt: new Date('2026-11-03T11:05:00Z'),
        durationSeconds: 3900,
        updates: [
          { at: new Date('2026-11-03T10:00:00Z'), status: 'investigating', message: null },
          { at: new Date('2026-11-03T10:30:00Z'), status: 'identified', message: 'A <b>disk</b> ]]> full' },
        ],
      },
    ],
    maintenance: [
      {
        id: '8a3c1f0e-0000-4000-8000-000000000002:1793502000000',
        reason: 'Database upgrade',
        announcedAt: new Date('2026-11-01T09:00:00Z'),
        startsAt: new Date('2026-11-08T01:00:00Z'),
        endsAt: new Date('2026-11-08T03:00:00Z'),
        inProgress: false,
      },
    ],
  };

  it('has an entry per incident and per maintenance, newest change first, people’s text escaped', () => {
    const atom = statusFeed(view, 'https://status.example.test/status').atom1();
    expect(atom).toContain(
      '<id>https://status.example.test/status#incident-8a3c1f0e-0000-4000-8000-000000000001</id>',
    );
    expect(atom.indexOf('Client application unavailable — Resolved')).toBeLessThan(
      atom.indexOf('Planned maintenance: Database upgrade'),
    );
    expect(atom).toContain('A &lt;b&gt;disk&lt;/b&gt; ]]&gt; full');
    expect(atom).toContain('Resolved Tue 3 Nov 2026, 12:05 GMT+1 (after 1 h 5 min).');
    const rss = statusFeed(view, 'https://status.example.test/status').rss2();
    expect(rss).toContain('<title><![CDATA[Planned maintenance: Database upgrade]]></title>');
  });

  it('says durations as people do', () => {
    expect(spokenDuration(40)).toBe('40 s');
    expect(spokenDuration(180)).toBe('3 min');
    expect(spokenDuration(7200)).toBe('2 h');
    expect(spokenDuration(3900)).toBe('1 h 5 min');
  });
});
