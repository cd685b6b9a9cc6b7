import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type Caller } from '../support/actors.js';
import { browserSkipReason, launchBrowser, newContext } from '../support/browser.js';
import { onPlatform, waitForPath } from '../support/console-ui.js';
import { removeDir, startPlatform, type RunningPlatform } from '../support/platform.js';
import { linkIn, startSmtp, type TestSmtp } from '../support/smtp.js';

// A visitor without any account opens /status after a client's web shop was down for a while
// and platform maintenance was announced, then subscribes to the notices.
const OPERATOR = { email: 'ops@example.test', password: 'status browser operator 31' };
const CLIENT = { name: 'Brasserie Dupont', slug: 'brasserie-dupont' };
const READER = 'visitor@example.test';
const MAINTENANCE_REASON = 'Network equipment replacement';

let smtp: TestSmtp | undefined;
let platform: RunningPlatform | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let shop: http.Server | undefined;
let shopHealthy = true;

interface XmlDocument {
  querySelector(selector: string): unknown;
  querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, probe: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(500);
  }
}

/** Breaks the client's shop until the platform sees it down, then repairs it until it is up. */
async function outage(ops: Caller): Promise<void> {
  const state = async () => {
    const { monitors } = (await ops.call(`/api/clients/${CLIENT.slug}/monitors`)).json as {
      monitors: { kind: string; status: { state: string } }[];
    };
    return monitors.find((m) => m.kind === 'http')?.status.state;
  };
  await until('the shop up', async () => (await state()) === 'up');
  shopHealthy = false;
  await until('the shop down', async () => (await state()) === 'down');
  shopHealthy = true;
  await until('the shop up again', async () => (await state()) === 'up');
}

async function visitorPage(): Promise<Page> {
  if (!browser || !platform) throw new Error('the platform or the browser did not start');
  context = await newContext(browser, { baseURL: platform.url });
  context.setDefaultTimeout(20_000);
  return context.newPage();
}

describe.skipIf(browserSkipReason)('public status page', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    shop = http.createServer((_request, response) => {
      response.writeHead(shopHealthy ? 200 : 503, { 'content-type': 'text/plain' });
      response.end(shopHealthy ? 'open' : 'closed');
    });
    await new Promise<void>((resolve) => shop?.listen(0, '127.0.0.1', resolve));
    const shopUrl = `http://127.0.0.1:${(shop.address() as AddressInfo).port}/`;
    smtp = await startSmtp();
    platform = await startPlatform({
      env: {
        OXYGIS_BOOTSTRAP_ADMIN_EMAIL: OPERATOR.email,
        OXYGIS_BOOTSTRAP_ADMIN_PASSWORD: OPERATOR.password,
        OXYGIS_SMTP_URL: smtp.url,
      },
    });
    browser = await launchBrowser();
    const ops = await signIn(platform, OPERATOR.email, OPERATOR.password);
    expect((await ops.call('/api/clients', { method: 'POST', body: { name: CLIENT.name } })).status).toBe(
      201,
    );
    const monitor = await ops.call(`/api/clients/${CLIENT.slug}/monitors`, {
      method: 'POST',
      body: { kind: 'http', url: shopUrl, intervalSeconds: 5, name: 'dupont-shop' },
    });
    expect(monitor.status, monitor.text).toBe(201);
    const from = Date.now() + 3 * 86_400_000;
    const maintenance = await ops.call('/api/maintenance', {
      method: 'POST',
      body: {
        from: new Date(from).toISOString(),
        to: new Date(from + 3600_000).toISOString(),
        reason: MAINTENANCE_REASON,
      },
    });
    expect(maintenance.status, maintenance.text).toBe(201);
    await outage(ops);
    // The page's answer is shared for a few seconds: let it catch up with the recovery.
    await sleep(5500);
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await platform?.stop();
    if (platform) await removeDir(platform.dataDir);
    await smtp?.stop();
    await new Promise((resolve) => shop?.close(resolve));
  }, 120_000);

  it('shows components with 90 labelled bars, the incident and the maintenance, without signing in', async () => {
    const page = await visitorPage();
    await page.goto('/status');
    await page.getByRole('heading', { name: 'Oxygis Cloud status', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/status');
    await page.getByRole('heading', { name: 'Client applications', level: 3 }).waitFor();

    const components = page
      .getByRole('region', { name: 'Components' })
      .getByRole('listitem')
      .filter({
        has: page.getByRole('heading', { level: 3 }),
      });
    expect(await components.getByRole('heading', { level: 3 }).allTextContents()).toEqual([
      'Console and API',
      'Client databases',
      'Client applications',
    ]);
    const applications = components.filter({
      has: page.getByRole('heading', { name: 'Client applications' }),
    });
    expect(await applications.getByText('Operational', { exact: true }).isVisible()).toBe(true);
    const bars = applications
      .getByRole('list', { name: /^Client applications: uptime per day/ })
      .getByRole('img');
    expect(await bars.count()).toBe(90);
    const labels = await bars.evaluateAll((elements) =>
      (elements as unknown as { getAttribute(name: string): string | null }[]).map(
        (e) => e.getAttribute('aria-label') ?? '',
      ),
    );
    for (const label of labels)
      expect(label).toMatch(/^\d{4}-\d{2}-\d{2}: (\d{1,3}(\.\d{2})? % up|no data)$/);
    expect(labels[0]).toMatch(/: no data$/);
    // Today's bar tells of the outage: less than 100 % up.
    expect(labels.at(-1)).toMatch(/^\d{4}-\d{2}-\d{2}: \d{1,2}\.\d{2} % up$/);
    expect(await bars.last().getAttribute('title')).toBe(labels.at(-1));

    const incidents = page.getByRole('region', { name: 'Incidents of the last 90 days' });
    await incidents.getByRole('heading', { name: 'Client application unavailable' }).waitFor();
    expect(await incidents.getByText('Resolved', { exact: true }).first().isVisible()).toBe(true);
    expect(await incidents.getByText(/lasted \d/).isVisible()).toBe(true);

    const maintenance = page.getByRole('region', { name: 'Scheduled maintenance' });
    expect(await maintenance.getByRole('heading', { name: MAINTENANCE_REASON }).isVisible()).toBe(true);

    const text = (await page.locator('body').textContent()) ?? '';
    for (const secret of [CLIENT.name, CLIENT.slug, 'dupont', '127.0.0.1'])
      expect(text).not.toContain(secret);

    // The feed link leads to a feed the browser parses as XML, with the incident in it.
    const feedHref = await page.getByRole('link', { name: 'Atom feed' }).getAttribute('href');
    expect(feedHref).toBe('/status/feed.atom');
    const feed = await page.request.get(feedHref ?? '');
    expect(feed.headers()['content-type']).toMatch(/^application\/atom\+xml/);
    const titles = await page.evaluate(
      (xml) => {
        // The browser's own XML parser (the tests' TypeScript has no DOM types).
        const { DOMParser } = globalThis as unknown as {
          DOMParser: new () => { parseFromString(text: string, type: string): XmlDocument };
        };
        const doc = new DOMParser().parseFromString(xml, 'application/xml');
        if (doc.querySelector('parsererror')) return null;
        return Array.from(doc.querySelectorAll('entry > title'), (t) => t.textContent);
      },
      await feed.text(),
    );
    expect(titles).toEqual(
      expect.arrayContaining([
        'Client application unavailable — Resolved',
        `Planned maintenance: ${MAINTENANCE_REASON}`,
      ]),
    );
  });

  it('subscribes through the form, and the mailed link confirms on the page', async () => {
    const page = await visitorPage();
    await page.goto('/status');
    const form = page.getByRole('region', { name: 'Get notified by e-mail' });
    await form.getByLabel('E-mail').fill(READER);
    await form.getByRole('button', { name: 'Subscribe' }).click();
    const sent = form.getByRole('status');
    await sent.waitFor();
    expect(await sent.textContent()).toContain(`Check the inbox of ${READER}`);

    if (!smtp || !platform) throw new Error('the platform did not start');
    const mail = await smtp.waitFor((m) => m.to.includes(READER) && m.subject.includes('Confirm'));
    await page.goto(onPlatform(linkIn(mail, '/api/public/status/subscriptions/confirm'), platform.url));
    await waitForPath(page, '/status');
    expect(new URL(page.url()).searchParams.get('subscription')).toBe('confirmed');
    await page.getByText('Your subscription is confirmed').waitFor();

    await page.goto(onPlatform(linkIn(mail, '/api/public/status/subscriptions/unsubscribe'), platform.url));
    await page.getByText('You are unsubscribed').waitFor();
  });
});
