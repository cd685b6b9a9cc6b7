import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { signIn as apiSignIn, type Caller } from '../support/actors.js';
import { browserSkipReason, launchBrowser, newContext } from '../support/browser.js';
import { apiResponse, definitionOf, signIn, waitForPath } from '../support/console-ui.js';
import { removeDir, startPlatform, type RunningPlatform } from '../support/platform.js';

const OPERATOR_EMAIL = 'ops@oxygis-hosting.test';
const OPERATOR_PASSWORD = 'lantern orchard cobalt 58';
const CLIENT_NAME = 'Fromagerie Dubois';
const CLIENT_SLUG = 'fromagerie-dubois';
const KEYWORD = 'Fromages OK';
const ZONE = 'Europe/Brussels';
const LOCALE = 'en-GB';

let shopHealthy = true;
let shop: http.Server | undefined;
let shopUrl = '';
let platform: RunningPlatform | undefined;
let operatorApi: Caller | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let page: Page | undefined;
let incidentId = '';
/**
 * The force majeure declared from the console: 12 seconds just after the client was created,
 * before the shop is watched (the figures start when the client does, and the shop's outage later
 * must stay downtime).
 */
const outage = { from: new Date(0), to: new Date(0) };

interface Incident {
  id: string;
  title: string;
  status: string;
  acknowledgedBy: string | null;
  postmortem: string | null;
  updates?: { status: string; message: string; author: string | null }[];
}

/** `YYYY-MM` and `YYYY-MM-DD` of now in Brussels, as the agreement counts months and days. */
function today(): { month: string; date: string; monthLabel: string } {
  const date = new Intl.DateTimeFormat('en-CA', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
  const monthLabel = new Intl.DateTimeFormat(LOCALE, {
    month: 'long',
    year: 'numeric',
    timeZone: ZONE,
  }).format(new Date());
  return { month: date.slice(0, 7), date, monthLabel };
}

/** "2026-11-29T10:15:30": how a clock in Brussels reads the instant (the browser's zone here). */
function wallClock(instant: Date): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  })
    .format(instant)
    .replace(' ', 'T');
}

/** A local date (`YYYY-MM-DD`) `days` after today in Brussels. */
function dateAhead(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

function availabilityOf(scope: Page): Locator {
  return scope.getByRole('region', { name: 'Availability', exact: true });
}

function monitorRegion(scope: Page, name: string): Locator {
  return availabilityOf(scope)
    .getByRole('region', { name: 'Monitors', exact: true })
    .getByRole('region', { name, exact: true });
}

function needPage(): { page: Page; api: Caller } {
  if (!page || !operatorApi) throw new Error('the first test did not open the console');
  return { page, api: operatorApi };
}

describe.skipIf(browserSkipReason)('monitoring in the console', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    shop = http.createServer((_request, response) => {
      response.writeHead(shopHealthy ? 200 : 503, { 'content-type': 'text/plain' });
      response.end(shopHealthy ? `${KEYWORD}: 12 cheeses in stock` : 'Service unavailable');
    });
    await new Promise<void>((resolve) => shop?.listen(0, '127.0.0.1', resolve));
    shopUrl = `http://127.0.0.1:${(shop.address() as AddressInfo).port}/health`;
    platform = await startPlatform({
      env: {
        OXYGIS_BOOTSTRAP_ADMIN_EMAIL: OPERATOR_EMAIL,
        OXYGIS_BOOTSTRAP_ADMIN_PASSWORD: OPERATOR_PASSWORD,
      },
    });
    operatorApi = await apiSignIn(platform, OPERATOR_EMAIL, OPERATOR_PASSWORD);
    const created = await operatorApi.call('/api/clients', { method: 'POST', body: { name: CLIENT_NAME } });
    expect(created.status).toBe(201);
    outage.from = new Date(Math.ceil(Date.now() / 1000) * 1000 + 1000);
    outage.to = new Date(outage.from.getTime() + 12_000);
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await platform?.stop();
    await new Promise((resolve) => shop?.close(resolve));
    if (platform) await removeDir(platform.dataDir);
  }, 120_000);

  it("an operator adds an endpoint; the client's Availability section shows both monitors up, the month's figures and the daily chart", async () => {
    if (!browser || !platform || !operatorApi) throw new Error('the platform or the browser did not start');
    context = await newContext(browser, { baseURL: platform.url, locale: LOCALE, timezoneId: ZONE });
    context.setDefaultTimeout(30_000);
    page = await context.newPage();
    await signIn(page, OPERATOR_EMAIL, OPERATOR_PASSWORD);
    await waitForPath(page, '/');
    await page.goto(`/clients/${CLIENT_SLUG}`);
    await page.getByRole('heading', { name: CLIENT_NAME, level: 1 }).waitFor();
    const section = availabilityOf(page);

    // The endpoint, watched every 5 s, through the console's form.
    await section.getByText('Add an endpoint', { exact: true }).click();
    await section.getByLabel('URL', { exact: true }).fill(shopUrl);
    await section.getByLabel('Name (optional)').fill('shop');
    await section.getByLabel('Check every (seconds)').fill('5');
    await section.getByLabel('Keyword (optional)').fill(KEYWORD);
    const added = apiResponse(page, 'POST', `/api/clients/${CLIENT_SLUG}/monitors`);
    await section.getByRole('button', { name: 'Add the endpoint' }).click();
    const answer = await added;
    expect(answer.status()).toBe(201);
    expect(answer.request().postDataJSON()).toEqual({
      kind: 'http',
      url: shopUrl,
      intervalSeconds: 5,
      name: 'shop',
      keyword: KEYWORD,
    });
    await section.getByText('shop is watched from now on.').waitFor();

    // Both reach "Up" without a reload: the list is read again every 10 s.
    for (const name of ['database', 'shop'])
      await definitionOf(monitorRegion(page, name), 'State')
        .getByText('Up', { exact: true })
        .waitFor({ timeout: 60_000 });
    const shopMonitor = monitorRegion(page, 'shop');
    expect(await definitionOf(shopMonitor, 'Watches').textContent()).toBe(
      `HTTP endpoint ${shopUrl}, answering with “${KEYWORD}”`,
    );
    expect(await definitionOf(shopMonitor, 'Latency').textContent()).toMatch(/^\d+ ms$/);
    expect(await definitionOf(shopMonitor, 'Last check').locator('time').count()).toBe(1);
    expect(await definitionOf(shopMonitor, 'Checked every').textContent()).toBe('5 s');
    // The database's monitor is part of the agreement: it cannot be removed.
    expect(
      await monitorRegion(page, 'database')
        .getByRole('button', { name: /^Remove/ })
        .count(),
    ).toBe(0);
    await shopMonitor.getByRole('button', { name: 'Remove the monitor shop' }).waitFor();

    // Measured time now: the figures in % and minutes, the chart and its table for this month.
    await section.getByRole('button', { name: 'Refresh' }).click();
    const { month, date, monthLabel } = today();
    expect(await section.getByLabel('Month').inputValue()).toBe(month);
    const figures = section.getByRole('region', { name: `Figures of ${monthLabel}` });
    await expect.poll(async () => definitionOf(figures, 'Availability').textContent()).toBe('100 %');
    expect(await definitionOf(figures, 'Target').textContent()).toBe('99.9 %');
    expect(await definitionOf(figures, 'Result').textContent()).toBe('Met so far');
    expect(await definitionOf(figures, 'Downtime').textContent()).toBe('0 min');
    for (const term of [
      'Eligible time',
      'Error budget left',
      'Planned maintenance',
      'Force majeure',
      'No data',
    ])
      expect(await definitionOf(figures, term).textContent(), term).toMatch(/^[\d,.]+ min$/);
    await figures.getByText('The month is not over: figures so far.').waitFor();

    const chart = section.getByRole('figure', { name: `Daily availability, ${monthLabel}` });
    await chart.locator('canvas').first().waitFor({ state: 'attached' });
    const table = chart.getByRole('table', { name: `Availability per day, ${monthLabel}` });
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(Number(date.slice(8)));
    const todayRow = rows.filter({ has: page.locator(`time[datetime="${date}"]`) });
    await expect
      .poll(async () => (await todayRow.getByRole('cell').allTextContents()).slice(0, 2))
      .toEqual(['100 %', '0 min']);
    await chart.getByText(/^\d+ day\(s\) measured; the lowest, .+: 100 %\.$/).waitFor();

    // The API behind the chart refuses what it cannot answer, with what to write instead.
    const api = operatorApi;
    const refused = await api.call(`/api/clients/${CLIENT_SLUG}/availability/daily?month=2026-13`);
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({ error: 'invalid_request' });
    expect((refused.json as { message: string }).message).toContain('month is YYYY-MM');
    const future = await api.call(`/api/clients/${CLIENT_SLUG}/availability/daily?month=2999-01`);
    expect(future.json).toMatchObject({ error: 'period_in_future' });
    const monitors = (await api.call(`/api/clients/${CLIENT_SLUG}/monitors`)).json as {
      monitors: { id: string; name: string }[];
    };
    const shopId = monitors.monitors.find((m) => m.name === 'shop')?.id ?? '';
    const tooLong = await api.call(`/api/clients/${CLIENT_SLUG}/monitors/${shopId}/latency?hours=721`);
    expect(tooLong.status).toBe(400);
    expect((tooLong.json as { message: string }).message).toContain('hours is a whole number from 1 to 720');
    const unknown = await api.call(
      `/api/clients/${CLIENT_SLUG}/monitors/00000000-0000-4000-8000-000000000000/latency`,
    );
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ error: 'monitor_not_found' });
  });

  it('the endpoint fails until an incident opens; on the Incidents page the operator acknowledges it and posts an update', async () => {
    const { page, api } = needPage();
    shopHealthy = false;
    await expect
      .poll(
        async () => {
          const open = (await api.call('/api/incidents?open=true')).json as { incidents: Incident[] };
          incidentId = open.incidents.find((i) => i.title === 'shop is down')?.id ?? '';
          return incidentId;
        },
        { timeout: 60_000, interval: 1000 },
      )
      .not.toBe('');
    await definitionOf(monitorRegion(page, 'shop'), 'State')
      .getByText('Down', { exact: true })
      .waitFor({ timeout: 20_000 });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Incidents' }).click();
    await waitForPath(page, '/incidents');
    const list = page.getByRole('table', { name: 'Incidents, newest first' });
    await list.getByRole('link', { name: 'shop is down' }).click();
    await waitForPath(page, `/incidents/${incidentId}`);
    await page.getByRole('heading', { name: 'shop is down', level: 1 }).waitFor();
    const summary = page.getByRole('region', { name: 'Summary' });
    expect(await definitionOf(summary, 'Client').textContent()).toBe(CLIENT_SLUG);
    expect(await definitionOf(summary, 'Acknowledged').textContent()).toBe('Not yet');

    const acknowledged = apiResponse(page, 'POST', `/api/incidents/${incidentId}/acknowledge`);
    await summary.getByRole('button', { name: 'Acknowledge' }).click();
    expect((await acknowledged).status()).toBe(200);
    await expect
      .poll(async () => definitionOf(summary, 'Acknowledged').textContent())
      .toMatch(new RegExp(`^By ${OPERATOR_EMAIL}, `));
    expect(await summary.getByRole('button', { name: 'Acknowledge' }).count()).toBe(0);

    const form = page.getByRole('region', { name: 'Post an update' });
    await form.getByLabel('Status').selectOption('identified');
    await form.getByLabel('Message').fill('The shop answers 503: its disk is full. Cleaning up.');
    await form.getByLabel('Postmortem (optional)').fill('Log rotation was off after the last upgrade.');
    const posted = apiResponse(page, 'POST', `/api/incidents/${incidentId}/updates`);
    await form.getByRole('button', { name: 'Post the update' }).click();
    const post = await posted;
    expect(post.status()).toBe(200);
    expect(post.request().postDataJSON()).toEqual({
      status: 'identified',
      message: 'The shop answers 503: its disk is full. Cleaning up.',
      postmortem: 'Log rotation was off after the last upgrade.',
    });
    await form.getByText('The update is posted.').waitFor();
    const updates = page.getByRole('region', { name: 'Updates' });
    await updates.getByText('The shop answers 503: its disk is full. Cleaning up.').waitFor();
    await page
      .getByRole('region', { name: 'Postmortem' })
      .getByText('Log rotation was off after the last upgrade.')
      .waitFor();
    expect(await definitionOf(summary, 'Status').textContent()).toBe('Identified');

    const stored = ((await api.call(`/api/incidents/${incidentId}`)).json as { incident: Incident }).incident;
    expect(stored).toMatchObject({
      status: 'identified',
      acknowledgedBy: OPERATOR_EMAIL,
      postmortem: 'Log rotation was off after the last upgrade.',
    });
    expect(stored.updates?.map((u) => [u.status, u.author])).toEqual([
      ['investigating', null],
      ['identified', OPERATOR_EMAIL],
    ]);
    shopHealthy = true;
  });

  it('an operator schedules a weekly platform maintenance and sees it listed with its next occurrence', async () => {
    const { page, api } = needPage();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Maintenance' }).click();
    await waitForPath(page, '/maintenance');
    const scheduled = page.getByRole('region', { name: 'Scheduled maintenance' });
    await scheduled.getByText('No maintenance is scheduled.').waitFor();

    const form = page.getByRole('region', { name: 'Schedule maintenance' });
    await form.getByLabel('The whole platform').check();
    await form.getByLabel('Recurring').check();
    await form.getByLabel('Recurrence rule (RRULE)').fill('FREQ=WEEKLY;BYDAY=SU');
    const first = `${dateAhead(3)}T02:00`;
    await form.getByLabel('First occurrence').fill(first);
    await form.getByLabel('Duration (minutes)').fill('90');
    expect(await form.getByLabel('Time zone').inputValue()).toBe(ZONE);
    await form.getByLabel('Reason').fill('Kernel updates of the hosts');
    const saved = apiResponse(page, 'POST', '/api/maintenance');
    await form.getByRole('button', { name: 'Schedule the maintenance' }).click();
    const answer = await saved;
    expect(answer.status()).toBe(201);
    expect(answer.request().postDataJSON()).toEqual({
      from: first,
      rrule: 'FREQ=WEEKLY;BYDAY=SU',
      durationMinutes: 90,
      timeZone: ZONE,
      reason: 'Kernel updates of the hosts',
    });
    await form.getByText('“Kernel updates of the hosts” is scheduled.').waitFor();

    const listed = (await api.call('/api/maintenance')).json as {
      maintenance: { reason: string; next: { from: string; to: string }[] }[];
    };
    const next = listed.maintenance.find((m) => m.reason === 'Kernel updates of the hosts')?.next[0];
    if (!next) throw new Error('the maintenance has no next occurrence');
    // A Sunday, 02:00 to 03:30 in Brussels.
    const local = (iso: string) =>
      new Intl.DateTimeFormat('en-GB', {
        timeZone: ZONE,
        weekday: 'short',
        hour: '2-digit',
        minute: '2-digit',
      }).format(new Date(iso));
    expect([local(next.from), local(next.to)]).toEqual(['Sun 02:00', 'Sun 03:30']);

    const occurrences = scheduled.getByRole('list', {
      name: 'Next occurrences of Kernel updates of the hosts',
    });
    const firstOccurrence = occurrences.getByRole('listitem').first();
    await firstOccurrence.waitFor();
    expect(await firstOccurrence.locator('time').first().getAttribute('datetime')).toBe(next.from);
    expect(await firstOccurrence.locator('time').nth(1).getAttribute('datetime')).toBe(next.to);
    const row = scheduled.getByRole('row').filter({
      has: page.getByRole('list', { name: 'Next occurrences of Kernel updates of the hosts' }),
    });
    expect(await row.getByRole('cell').first().textContent()).toBe('The whole platform');
    await row.getByRole('button', { name: 'Cancel the maintenance Kernel updates of the hosts' }).waitFor();
  });

  it('an operator declares force majeure after the fact and sees it listed', async () => {
    const { page } = needPage();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Force majeure' }).click();
    await waitForPath(page, '/force-majeure');
    const declared = page.getByRole('region', { name: 'Declared periods' });
    await declared.getByText('No force majeure has been declared.').waitFor();
    const form = page.getByRole('region', { name: 'Declare force majeure' });
    await form.getByText(`In your time zone, ${ZONE}.`).first().waitFor();
    await form.getByLabel('From', { exact: true }).fill(wallClock(outage.from));
    await form.getByLabel('To', { exact: true }).fill(wallClock(outage.to));
    await form.getByLabel('What happened').fill('Power cut in the data centre');
    const saved = apiResponse(page, 'POST', '/api/force-majeure');
    await form.getByRole('button', { name: 'Declare force majeure' }).click();
    const answer = await saved;
    expect(answer.status()).toBe(201);
    expect(answer.request().postDataJSON()).toEqual({
      from: outage.from.toISOString(),
      to: outage.to.toISOString(),
      reason: 'Power cut in the data centre',
    });
    await form.getByText('Force majeure declared. No frozen month needed a correction.').waitFor();
    const row = declared.getByRole('row').filter({ hasText: 'Power cut in the data centre' });
    await row.waitFor();
    expect(await row.locator('time').first().getAttribute('datetime')).toBe(outage.from.toISOString());
    expect(await row.getByRole('cell', { name: OPERATOR_EMAIL }).count()).toBe(1);
  });

  it("the shop's latency chart shows the minutes measured; the downtime and the force majeure show in the figures", async () => {
    const { page } = needPage();
    await page.goto(`/clients/${CLIENT_SLUG}`);
    const shopMonitor = monitorRegion(page, 'shop');
    const latency = shopMonitor.getByRole('figure', { name: 'Latency of shop, last 24 hours' });
    // A minute's rollup is written once it is over: refresh until the first one is there.
    await expect
      .poll(
        async () => {
          if ((await latency.count()) === 0)
            await availabilityOf(page).getByRole('button', { name: 'Refresh' }).click();
          return latency.count();
        },
        { timeout: 70_000, interval: 5000 },
      )
      .toBe(1);
    await latency.locator('canvas').first().waitFor({ state: 'attached' });
    await latency
      .getByText(/^\d+ check\(s\) over \d+ minute\(s\): \d+ ms on average, at most \d+ ms; /)
      .waitFor();
    const figures = availabilityOf(page).getByRole('region', { name: `Figures of ${today().monthLabel}` });
    // Down from the first failed check to the first passed one: some seconds, never zero.
    await expect
      .poll(async () => definitionOf(figures, 'Downtime').textContent())
      .toMatch(/^(?!0 min)\d+(\.\d)? min$/);
    // The force majeure declared above, unless it fell in the month before (just after midnight on the 1st).
    if (wallClock(outage.from).startsWith(today().month))
      expect(await definitionOf(figures, 'Force majeure').textContent()).toBe('0.2 min');
  });
});
