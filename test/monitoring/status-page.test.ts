import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import xmljs from 'xml-js';
import type { Database } from '../../src/db/schema.js';
import type { Mailer, OutgoingMail } from '../../src/mail/mailer.js';
import { StatusSubscribers } from '../../src/monitoring/status-subscribers.js';
import { platformDb, signIn, type Caller } from '../support/actors.js';
import { request, type Response } from '../support/https.js';
import { removeDir, startPlatform, type RunningPlatform } from '../support/platform.js';
import { linkIn, startSmtp, type TestSmtp } from '../support/smtp.js';
import { untilNamed as until } from '../support/until.js';

// Two clients, one of them with a web shop the test breaks and repairs. Whatever the public
// status page says about it, it must never say whose it was.
const OPERATOR = { email: 'ops@host.test', password: 'status page operator phrase 8' };
const CLIENTS = [
  { name: 'Brasserie Dupont', slug: 'brasserie-dupont' },
  { name: 'Chocolaterie Mathieu', slug: 'chocolaterie-mathieu' },
];
const MONITOR_NAME = 'dupont-webshop';
const READER = 'reader@example.test';

interface StatusView {
  overall: string;
  components: { id: string; name: string; state: string; days: { date: string; uptime: number | null }[] }[];
  incidents: {
    id: string;
    title: string;
    component: string | null;
    status: string;
    durationSeconds: number | null;
    updates: { status: string; message: string | null }[];
  }[];
  maintenance: { reason: string; startsAt: string; endsAt: string; inProgress: boolean }[];
}

let smtp: TestSmtp;
let platform: RunningPlatform;
let ops: Caller;
let db: Kysely<Database>;
let shop: http.Server;
let shopHealthy = true;
let shopUrl = '';
/** Every string that would identify a client or its service. */
const identifying: string[] = [];

/** A call without any credentials, as a visitor of the public page makes it. */
const visitor = (urlPath: string, options: Parameters<typeof request>[3] = {}) =>
  request(platform.url, platform.caFile, urlPath, options);

const publicStatus = async () => {
  const response = await visitor('/api/public/status');
  expect(response.status).toBe(200);
  return { view: response.json as StatusView, text: response.text };
};

const shopState = async () => {
  const list = (await ops.call(`/api/clients/${CLIENTS[0]?.slug ?? ''}/monitors`)).json as {
    monitors: { name: string; status: { state: string } }[];
  };
  return list.monitors.find((m) => m.name === MONITOR_NAME)?.status.state;
};

function expectAnonymous(text: string): void {
  const lower = text.toLowerCase();
  for (const secret of identifying) expect(lower, `"${secret}" leaked`).not.toContain(secret.toLowerCase());
}

beforeAll(async () => {
  shop = http.createServer((_request, response) => {
    response.writeHead(shopHealthy ? 200 : 503, { 'content-type': 'text/plain' });
    response.end(shopHealthy ? 'Dupont OK' : 'down');
  });
  await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
  const port = (shop.address() as AddressInfo).port;
  shopUrl = `http://127.0.0.1:${port}/dupont-shop`;
  smtp = await startSmtp();
  platform = await startPlatform({
    env: {
      OXYGIS_BOOTSTRAP_ADMIN_EMAIL: OPERATOR.email,
      OXYGIS_BOOTSTRAP_ADMIN_PASSWORD: OPERATOR.password,
      OXYGIS_SMTP_URL: smtp.url,
    },
  });
  ops = await signIn(platform, OPERATOR.email, OPERATOR.password);
  db = await platformDb(platform);
  for (const client of CLIENTS) {
    const created = await ops.call('/api/clients', { method: 'POST', body: { name: client.name } });
    expect(created.status, created.text).toBe(201);
    const { id } = (created.json as { client: { id: string } }).client;
    identifying.push(client.name, client.slug, id, 'dupont', 'mathieu');
  }
  const added = await ops.call(`/api/clients/${CLIENTS[0]?.slug ?? ''}/monitors`, {
    method: 'POST',
    body: { kind: 'http', url: shopUrl, keyword: 'Dupont OK', intervalSeconds: 5, name: MONITOR_NAME },
  });
  expect(added.status, added.text).toBe(201);
  identifying.push(MONITOR_NAME, shopUrl, '127.0.0.1', OPERATOR.email);
  identifying.push((added.json as { monitor: { id: string } }).monitor.id);
}, 180_000);

afterAll(async () => {
  await db.destroy();
  await platform.stop();
  await smtp.stop();
  await removeDir(platform.dataDir);
  await new Promise((resolve) => shop.close(resolve));
});

describe('public status page', { timeout: 120_000 }, () => {
  it("shows an application's outage as an anonymous incident, in the JSON and in the feeds", async () => {
    await until('the shop up', async () => ((await shopState()) === 'up' ? true : undefined));
    shopHealthy = false;
    await until('the shop down', async () => ((await shopState()) === 'down' ? true : undefined));

    const during = await until('the outage on the page', async () => {
      const { view } = await publicStatus();
      return view.incidents.length > 0 ? view : undefined;
    });
    expect(during.components.find((c) => c.id === 'applications')?.state).toBe('major_outage');
    expect(during.overall).toBe('major_outage');

    // What the hosting team writes is public, but a client's name that slips in is not.
    const [open] = ((await ops.call('/api/incidents?open=true')).json as { incidents: { id: string }[] })
      .incidents;
    const posted = await ops.call(`/api/incidents/${open?.id ?? ''}/updates`, {
      method: 'POST',
      body: {
        status: 'identified',
        message: `Brasserie Dupont: the ${MONITOR_NAME} at ${shopUrl} answers 503; restarting it.`,
      },
    });
    expect(posted.status, posted.text).toBe(200);

    shopHealthy = true;
    await until('the shop up again', async () => ((await shopState()) === 'up' ? true : undefined));
    const { view, text } = await until('the resolved incident on the page', async () => {
      const answer = await publicStatus();
      return answer.view.incidents[0]?.status === 'resolved' ? answer : undefined;
    });

    expect(view.components.map((c) => [c.id, c.name])).toEqual([
      ['platform', 'Console and API'],
      ['databases', 'Client databases'],
      ['applications', 'Client applications'],
    ]);
    const applications = view.components.find((c) => c.id === 'applications');
    expect(applications?.state).toBe('operational');
    expect(applications?.days).toHaveLength(90);
    const today = applications?.days.at(-1)?.uptime;
    expect(today).toBeGreaterThan(0);
    expect(today).toBeLessThan(1);
    expect(applications?.days[0]?.uptime).toBeNull();
    expect(view.components[0]).toMatchObject({ state: 'operational' });
    expect(view.components[0]?.days.at(-1)?.uptime).toBeGreaterThan(0.9);

    expect(view.incidents).toHaveLength(1);
    const [incident] = view.incidents;
    expect(incident).toMatchObject({
      title: 'Client application unavailable',
      component: 'applications',
      status: 'resolved',
    });
    expect(incident?.durationSeconds).toBeGreaterThan(5);
    expect(incident?.updates).toEqual([
      expect.objectContaining({ status: 'investigating', message: null }),
      expect.objectContaining({
        status: 'identified',
        message: '[client]: the [client] at [client] answers 503; restarting it.',
      }),
      expect.objectContaining({ status: 'resolved', message: null }),
    ]);
    expectAnonymous(text);

    const atom = await visitor('/status/feed.atom');
    expect(atom.status).toBe(200);
    expect(atom.headers['content-type']).toMatch(/^application\/atom\+xml/);
    const parsed = xmljs.xml2js(atom.text, { compact: true }) as {
      feed: {
        title: { _text: string };
        entry: { title: { _cdata: string } } | { title: { _cdata: string } }[];
      };
    };
    expect(parsed.feed.title._text).toBe('Oxygis Cloud status');
    expect([parsed.feed.entry].flat().map((e) => e.title._cdata)).toContain(
      'Client application unavailable — Resolved',
    );
    expectAnonymous(atom.text);
    const rss = await visitor('/status/feed.rss');
    expect(rss.headers['content-type']).toMatch(/^application\/rss\+xml/);
    expect(() => xmljs.xml2js(rss.text)).not.toThrow();
    expect(rss.text).toContain('Client application unavailable');
    expectAnonymous(rss.text);
  });

  it('announces platform maintenance of the next 30 days, never a client’s own', async () => {
    const hour = 3600_000;
    const from = new Date(Date.now() + 2 * 24 * hour);
    const schedule = (body: Record<string, unknown>) =>
      ops.call('/api/maintenance', { method: 'POST', body });
    const platformWide = await schedule({
      from: from.toISOString(),
      to: new Date(from.getTime() + 2 * hour).toISOString(),
      reason: 'Control-plane database upgrade',
    });
    expect(platformWide.status, platformWide.text).toBe(201);
    const own = await schedule({
      client: CLIENTS[1]?.slug,
      from: from.toISOString(),
      to: new Date(from.getTime() + hour).toISOString(),
      reason: 'Mathieu data migration',
    });
    expect(own.status, own.text).toBe(201);
    const later = await schedule({
      from: new Date(Date.now() + 40 * 24 * hour).toISOString(),
      to: new Date(Date.now() + 40 * 24 * hour + hour).toISOString(),
      reason: 'Far-away upgrade',
    });
    expect(later.status, later.text).toBe(201);

    const { view, text } = await until('the maintenance on the page', async () => {
      const answer = await publicStatus();
      return answer.view.maintenance.length > 0 ? answer : undefined;
    });
    expect(view.maintenance).toEqual([
      {
        id: expect.any(String) as unknown,
        reason: 'Control-plane database upgrade',
        announcedAt: expect.any(String) as unknown,
        startsAt: from.toISOString(),
        endsAt: new Date(from.getTime() + 2 * hour).toISOString(),
        inProgress: false,
      },
    ]);
    expectAnonymous(text);
    const atom = await visitor('/status/feed.atom');
    expect(atom.text).toContain('Planned maintenance: Control-plane database upgrade');
    expect(atom.text).not.toContain('Far-away');
    expectAnonymous(atom.text);
  });

  it('subscribes by e-mail with a confirmation link, and every mail can unsubscribe', async () => {
    const answer = await visitor('/api/public/status/subscriptions', {
      method: 'POST',
      body: { email: READER },
    });
    expect(answer.status, answer.text).toBe(202);
    const mail = await smtp.waitFor((m) => m.to.includes(READER) && m.subject.includes('Confirm'));
    const confirmLink = linkIn(mail, '/api/public/status/subscriptions/confirm');
    const token = new URL(confirmLink).searchParams.get('token') ?? '';

    // Only the token's SHA-256 is stored.
    const stored = await db
      .selectFrom('status_subscriber')
      .selectAll()
      .where('email', '=', READER)
      .executeTakeFirst();
    expect(stored?.confirmed_at).toBeNull();
    expect(stored?.confirm_token_hash?.equals(createHash('sha256').update(token).digest())).toBe(true);
    expect(JSON.stringify(stored)).not.toContain(token);

    const confirmPath = new URL(confirmLink).pathname + new URL(confirmLink).search;
    const confirmed = await visitor(confirmPath);
    expect(confirmed.status, confirmed.text).toBe(200);
    expect(confirmed.json).toMatchObject({ status: 'confirmed' });
    const again = await visitor(confirmPath);
    expect(again.status).toBe(404);
    expect(again.json).toMatchObject({ error: 'subscription_link_invalid' });

    // The same answer for a known, confirmed address as for a new one: no enumeration.
    const known = await visitor('/api/public/status/subscriptions', {
      method: 'POST',
      body: { email: READER },
    });
    const fresh = await visitor('/api/public/status/subscriptions', {
      method: 'POST',
      body: { email: 'someone-new@example.test' },
    });
    expect([known.status, fresh.status]).toEqual([202, 202]);
    const shape = (r: Response, email: string) =>
      (r.json as { message: string }).message.replace(email, 'EMAIL');
    expect(shape(known, READER)).toBe(shape(fresh, 'someone-new@example.test'));

    // A notice (as IncidentService will send it) reaches confirmed subscribers only, with a
    // working unsubscribe link; the platform's key signs it.
    const key = (await readFile(path.join(platform.dataDir, 'secrets', 'platform.key'), 'utf8')).trim();
    const sent: OutgoingMail[] = [];
    const mailer: Mailer = {
      describe: () => 'test',
      send: (m) => {
        sent.push(m);
        return Promise.resolve({ messageId: String(sent.length) });
      },
    };
    const subscribers = new StatusSubscribers(
      db,
      mailer,
      () => platform.url,
      Buffer.from(key, 'base64url'),
      pino({ level: 'silent' }),
    );
    await subscribers.notify('[Oxygis status] Test', 'A test notice.');
    expect(sent.map((m) => m.to)).toEqual([READER]);
    const unsubscribeLink = /https:\/\/\S+\/unsubscribe\?token=[\w-]+/.exec(sent[0]?.text ?? '')?.[0] ?? '';
    expect(unsubscribeLink).not.toBe('');
    // The link in the confirmation mail is the same one.
    expect(linkIn(mail, '/api/public/status/subscriptions/unsubscribe')).toBe(unsubscribeLink);
    const unsubscribePath = new URL(unsubscribeLink).pathname + new URL(unsubscribeLink).search;
    const gone = await visitor(unsubscribePath);
    expect(gone.status, gone.text).toBe(200);
    expect(gone.json).toMatchObject({ status: 'unsubscribed' });
    expect(
      await db.selectFrom('status_subscriber').select('id').where('email', '=', READER).execute(),
    ).toEqual([]);
    await subscribers.notify('[Oxygis status] Test', 'A test notice.');
    expect(sent).toHaveLength(1);

    // A person following a link in a browser lands on the status page with a note.
    const inBrowser = await visitor(
      unsubscribePath.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
      {
        headers: { accept: 'text/html' },
      },
    );
    expect(inBrowser.status).toBe(303);
    expect(inBrowser.headers.location).toBe('/status?subscription=link-invalid');
  });

  it('marks its routes public in the API description', async () => {
    const doc = (await ops.call('/api/openapi.json')).json as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    for (const [route, method] of [
      ['/api/public/status', 'get'],
      ['/api/public/status/subscriptions', 'post'],
      ['/api/public/status/subscriptions/confirm', 'get'],
      ['/api/public/status/subscriptions/unsubscribe', 'get'],
      ['/status/feed.atom', 'get'],
    ] as const)
      expect(doc.paths[route]?.[method]?.security, route).toEqual([]);
  });

  it('refuses bad input clearly and limits how often one visitor subscribes', async () => {
    const bad = await visitor('/api/public/status/subscriptions', {
      method: 'POST',
      body: { email: 'not-an-address' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({
      error: 'invalid_request',
      message: expect.stringContaining('e-mail') as unknown,
    });

    for (const action of ['confirm', 'unsubscribe']) {
      const unknown = await visitor(`/api/public/status/subscriptions/${action}?token=nonsense-token`);
      expect(unknown.status, action).toBe(404);
      expect(unknown.json).toMatchObject({ error: 'subscription_link_invalid' });
      const missing = await visitor(`/api/public/status/subscriptions/${action}`);
      expect(missing.status, action).toBe(400);
    }
    const forged = await visitor(
      `/api/public/status/subscriptions/unsubscribe?token=${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}_forged`,
    );
    expect(forged.status).toBe(404);

    // Five a minute per address of origin; four were sent above.
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await visitor('/api/public/status/subscriptions', {
        method: 'POST',
        body: { email: `flood${i}@example.test` },
      });
      statuses.push(r.status);
    }
    expect(statuses).toContain(429);
  });
});
