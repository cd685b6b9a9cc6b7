import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { invite, signIn as apiSignIn, type Caller } from '../support/actors.js';
import { browserSkipReason, launchBrowser, newContext } from '../support/browser.js';
import { apiResponse, definitionOf, rowWith, signIn, waitForPath } from '../support/console-ui.js';
import { removeDir, startPlatform, type RunningPlatform } from '../support/platform.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';

// The tests build on each other, in order: the client's administrator files a critical ticket on
// the portal (1); an operator finds it in the queue, writes an internal note and answers (2); the
// administrator reads the answer, never the note (3), and attaches a log file (4); the operator
// downloads the same bytes, sees who the escalation chain told of the ticket and resolves it (5).
const OPERATOR_EMAIL = 'ops@oxygis-hosting.test';
const OPERATOR_PASSWORD = 'copper meadow lantern 73';
const CLIENT_NAME = 'Brasserie Lemaire';
const CLIENT_SLUG = 'brasserie-lemaire';
const ADMIN_EMAIL = 'claire@brasserie-lemaire.test';
const ADMIN_NAME = 'Claire Lemaire';
const ADMIN_PASSWORD = 'hazel canyon whistle 28';
const SUBJECT = 'The orders page is down for everyone';
const DESCRIPTION = 'Since 09:12 every user gets an error 502 on /orders.';
const NOTE = 'The disk of the application server is full: clearing the old logs first.';
const REPLY = 'We are on it: the orders page will be back within the hour.';
const ZONE = 'Europe/Brussels';
const LOG_NAME = 'error-log.txt';
const LOG = Buffer.from(
  '2026-12-03 09:12:04 [error] upstream prematurely closed connection, GET /orders → 502\n' +
    '2026-12-03 09:12:05 [error] upstream prematurely closed connection, GET /orders → 502\n',
);

interface Escalation {
  trigger: string;
  step: string;
  outcome: 'notified' | 'passed_on';
  recipients: string[];
}

interface Ticket {
  number: number;
  responseDueAt: string;
  explanation: { sentence: string; days: { date: string; countedMs: number }[] };
}

let smtp: TestSmtp | undefined;
let platform: RunningPlatform | undefined;
let operatorApi: Caller | undefined;
let browser: Browser | undefined;
/** The ticket filed in test 1. */
let filed: Ticket | undefined;
const contexts: BrowserContext[] = [];

/** A page in a browser context of its own: one per person, with its own cookies. */
async function personPage(): Promise<Page> {
  if (!browser || !platform) throw new Error('the platform or the browser did not start');
  const context = await newContext(browser, { baseURL: platform.url, locale: 'en-GB', timezoneId: ZONE });
  context.setDefaultTimeout(30_000);
  contexts.push(context);
  return context.newPage();
}

function filedTicket(): Ticket {
  if (!filed) throw new Error('test 1 did not file the ticket');
  return filed;
}

async function signInWithPassword(page: Page, email: string, password: string): Promise<void> {
  await signIn(page, email, password);
  await waitForPath(page, '/');
  await page.getByRole('banner').getByText(email).waitFor();
}

async function navLabels(page: Page): Promise<string[]> {
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Profile' }).waitFor();
  return (await nav.getByRole('link').allTextContents()).map((label) => label.trim());
}

async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').trim();
}

/** "2 h 05 min 10 s left" in seconds; NaN for any other text. */
function secondsLeft(text: string): number {
  const match = /^(?:(\d+) d )?(?:(\d+) h )?(?:(\d+) min )?(\d+) s left$/.exec(text);
  if (!match) return Number.NaN;
  // Groups of units that are not shown are undefined.
  const unit = (index: number): number => Number(match[index] ?? 0);
  return unit(1) * 86_400 + unit(2) * 3600 + unit(3) * 60 + unit(4);
}

/** "7:30" or "1:00:15" (working time) in seconds. */
function countedSeconds(text: string): number {
  const [hours = 0, minutes = 0, seconds = 0] = text.split(':').map(Number);
  return hours * 3600 + minutes * 60 + seconds;
}

/** The cells of the row of the Attachments table whose file is `filename`, after the name. */
async function attachmentCells(page: Page, filename: string): Promise<string[]> {
  const row = page
    .getByRole('region', { name: 'Attachments', exact: true })
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name: filename, exact: true }) });
  return (await row.getByRole('cell').allTextContents()).map((text) => text.trim());
}

function clockTimeline(page: Page): Locator {
  return page.getByRole('region', { name: 'Clock timeline' });
}

async function timelineEvents(page: Page): Promise<string[]> {
  return (await clockTimeline(page).getByRole('rowheader').allTextContents()).map((label) => label.trim());
}

describe.skipIf(browserSkipReason)('the helpdesk in the console', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    smtp = await startSmtp();
    platform = await startPlatform({
      env: {
        OXYGIS_BOOTSTRAP_ADMIN_EMAIL: OPERATOR_EMAIL,
        OXYGIS_BOOTSTRAP_ADMIN_PASSWORD: OPERATOR_PASSWORD,
        OXYGIS_SMTP_URL: smtp.url,
      },
    });
    operatorApi = await apiSignIn(platform, OPERATOR_EMAIL, OPERATOR_PASSWORD);
    const created = await operatorApi.call('/api/clients', { method: 'POST', body: { name: CLIENT_NAME } });
    expect(created.status).toBe(201);
    await invite(
      platform,
      smtp,
      operatorApi,
      { email: ADMIN_EMAIL, role: 'client_admin', client: CLIENT_SLUG, displayName: ADMIN_NAME },
      ADMIN_PASSWORD,
    );
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    await smtp?.stop();
    if (platform) await removeDir(platform.dataDir);
  }, 120_000);

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  it("the client's administrator files a critical ticket from the portal and sees how its deadline is counted", async () => {
    const admin = await personPage();
    await signInWithPassword(admin, ADMIN_EMAIL, ADMIN_PASSWORD);
    const labels = await navLabels(admin);
    expect(labels).toContain('Support');
    expect(labels).not.toContain('Helpdesk');
    await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Support' }).click();
    await waitForPath(admin, '/tickets');
    await admin.getByRole('heading', { name: 'Support', level: 1 }).waitFor();
    await admin.getByText('No ticket is open.').waitFor();

    // Its own client's ticket, on the portal: no client to choose, no channel.
    const form = admin.getByRole('region', { name: 'New ticket' });
    expect(await form.getByLabel('Client', { exact: true }).count()).toBe(0);
    expect(await form.getByRole('group', { name: 'Received by' }).count()).toBe(0);
    await form.getByLabel('Subject').fill(SUBJECT);
    const critical = form.getByRole('radio', {
      name: 'Critical: the application is inaccessible or unavailable to all users (the agreement prints this level as “Review”); response within 8 working hours',
    });
    await critical.check();
    await form.getByLabel('Description').fill(DESCRIPTION);
    const created = apiResponse(admin, 'POST', '/api/tickets');
    await form.getByRole('button', { name: 'File the ticket' }).click();
    const answer = await created;
    expect(answer.status()).toBe(201);
    expect(answer.request().postDataJSON()).toEqual({
      client: CLIENT_SLUG,
      subject: SUBJECT,
      body: DESCRIPTION,
      criticality: 'critical',
      channel: 'portal',
    });
    const ticket = ((await answer.json()) as { ticket: Ticket }).ticket;
    filed = ticket;

    // The new ticket opens: its facts, its deadline and how it was counted, day by day.
    await waitForPath(admin, `/tickets/${ticket.number}`);
    await admin.getByRole('heading', { name: `#${ticket.number} ${SUBJECT}`, level: 1 }).waitFor();
    const summary = admin.getByRole('region', { name: 'Ticket', exact: true });
    expect(await textOf(definitionOf(summary, 'Client'))).toBe(CLIENT_SLUG);
    expect(await textOf(definitionOf(summary, 'Criticality'))).toBe('Critical');
    expect(await textOf(definitionOf(summary, 'Status'))).toBe('Open');
    expect(await textOf(definitionOf(summary, 'Channel'))).toBe('Portal');
    expect(await textOf(definitionOf(summary, 'Requester'))).toBe(ADMIN_EMAIL);
    expect(await textOf(definitionOf(summary, 'Assignee'))).toBe('Nobody yet');

    const deadline = admin.getByRole('region', { name: 'Response deadline' });
    expect(await definitionOf(deadline, 'Due').locator('time').getAttribute('datetime')).toBe(
      ticket.responseDueAt,
    );
    const sentence = await textOf(definitionOf(deadline, 'How it is counted'));
    expect(sentence).toBe(ticket.explanation.sentence);
    expect(sentence).toMatch(
      /^critical: 8 working hours; received \w{3} \d{2}:\d{2}(:\d{2})? → .*due \w{3} /,
    );
    // At least 8 hours of wall time to go: 8 working hours are never shorter.
    const left = secondsLeft(await textOf(deadline.getByRole('timer')));
    expect(left).toBeGreaterThanOrEqual(8 * 3600 - 60);

    const days = deadline.getByRole('table', { name: `Working time counted per day (${ZONE})` });
    const rows = days.locator('tbody tr');
    expect(await rows.count()).toBe(ticket.explanation.days.length);
    expect(await rows.first().locator('time').getAttribute('datetime')).toBe(
      ticket.explanation.days[0]?.date,
    );
    const counted = await rows.locator('td:nth-child(2)').allTextContents();
    // Each day is shown to the second, cut down: received mid-second, the days add up to 8 h less
    // at most a second per day.
    const total = counted.map(countedSeconds).reduce((sum, seconds) => sum + seconds, 0);
    expect(total).toBeLessThanOrEqual(8 * 3600);
    expect(total).toBeGreaterThanOrEqual(8 * 3600 - counted.length);

    await admin.getByRole('region', { name: 'Messages' }).getByText(DESCRIPTION).waitFor();
    // A client writes no internal notes and does not handle the ticket.
    const reply = admin.getByRole('region', { name: 'Reply' });
    await reply.getByLabel('Message').waitFor();
    expect(await reply.getByLabel('Internal note (not sent to the client)').count()).toBe(0);
    expect(await admin.getByRole('region', { name: 'Handle the ticket' }).count()).toBe(0);
    expect(await timelineEvents(admin)).toEqual(['Clock started']);
  });

  it('an operator sees it in the queue with a live clock, writes an internal note, then answers', async () => {
    const ticket = filedTicket();
    const operator = await personPage();
    await signInWithPassword(operator, OPERATOR_EMAIL, OPERATOR_PASSWORD);
    await operator.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Helpdesk' }).click();
    await waitForPath(operator, '/tickets');
    await operator.getByRole('heading', { name: 'Helpdesk', level: 1 }).waitFor();

    const row = rowWith(operator, `#${ticket.number}`);
    await row.waitFor();
    expect((await row.getByRole('cell').allTextContents()).slice(0, 5)).toEqual([
      CLIENT_SLUG,
      SUBJECT,
      'Critical',
      'Open',
      'Nobody yet',
    ]);
    // The clock counts down to the due instant in the browser, every second.
    const clock = row.getByRole('timer');
    const first = await textOf(clock);
    const expected = (Date.parse(ticket.responseDueAt) - Date.now()) / 1000;
    expect(Math.abs(secondsLeft(first) - expected)).toBeLessThan(5);
    await expect.poll(async () => textOf(clock), { timeout: 3000, interval: 200 }).not.toBe(first);
    expect(secondsLeft(await textOf(clock))).toBeLessThan(secondsLeft(first));

    await row.getByRole('link', { name: `#${ticket.number}` }).click();
    await waitForPath(operator, `/tickets/${ticket.number}`);
    await operator.getByRole('heading', { name: `#${ticket.number} ${SUBJECT}`, level: 1 }).waitFor();
    const summary = operator.getByRole('region', { name: 'Ticket', exact: true });
    const deadline = operator.getByRole('region', { name: 'Response deadline' });
    const thread = operator.getByRole('region', { name: 'Messages' });
    const reply = operator.getByRole('region', { name: 'Reply' });

    // Assigned to the signed-in agent by default.
    const handle = operator.getByRole('region', { name: 'Handle the ticket' });
    expect(await handle.getByLabel("Agent's e-mail").inputValue()).toBe(OPERATOR_EMAIL);
    const assigned = apiResponse(operator, 'PUT', `/api/tickets/${ticket.number}/assignee`);
    await handle.getByRole('button', { name: 'Assign to me' }).click();
    expect((await assigned).request().postDataJSON()).toEqual({ email: OPERATOR_EMAIL });
    await definitionOf(summary, 'Assignee').getByText(OPERATOR_EMAIL).waitFor();

    // An internal note: kept among staff, and it does not stop the clock.
    await reply.getByLabel('Message').fill(NOTE);
    await reply.getByLabel('Internal note (not sent to the client)').check();
    const noted = apiResponse(operator, 'POST', `/api/tickets/${ticket.number}/replies`);
    await reply.getByRole('button', { name: 'Add the note' }).click();
    const note = await noted;
    expect(note.status()).toBe(200);
    expect(note.request().postDataJSON()).toEqual({ body: NOTE, internal: true });
    const noteItem = thread.getByRole('listitem').filter({ hasText: NOTE });
    await noteItem.getByText('Internal note', { exact: true }).waitFor();
    expect(secondsLeft(await textOf(deadline.getByRole('timer')))).toBeGreaterThan(0);
    expect(await timelineEvents(operator)).toEqual(['Clock started']);

    // The public reply is the response: the clock stops, within the target.
    await reply.getByLabel('Internal note (not sent to the client)').uncheck();
    await reply.getByLabel('Message').fill(REPLY);
    const replied = apiResponse(operator, 'POST', `/api/tickets/${ticket.number}/replies`);
    await reply.getByRole('button', { name: 'Send the reply' }).click();
    const answer = await replied;
    expect(answer.status()).toBe(200);
    expect(answer.request().postDataJSON()).toEqual({ body: REPLY, internal: false });
    const replyItem = thread.getByRole('listitem').filter({ hasText: REPLY });
    await replyItem.waitFor();
    expect(await replyItem.getByText('Internal note', { exact: true }).count()).toBe(0);
    await deadline.getByRole('timer').getByText('Answered: target met').waitFor();
    expect(await textOf(definitionOf(summary, 'Status'))).toBe('Waiting for the client');
    expect(await timelineEvents(operator)).toEqual(['Clock started', 'Responded']);
    const responded = clockTimeline(operator).getByRole('row').filter({ hasText: 'Responded' });
    expect(await textOf(responded.getByRole('cell').last())).toBe('By public reply; target met');

    // Only the public reply is e-mailed to the requester.
    const mail = await smtp?.waitFor((m) => m.subject.includes(`[Oxygis #${ticket.number}]`));
    expect(mail?.to).toContain(ADMIN_EMAIL);
    expect(mail?.text).toContain(REPLY);
    expect(mail?.text).not.toContain(NOTE);

    // Back in the queue, the ticket shows it was answered in time.
    await operator.getByRole('link', { name: 'The queue' }).click();
    await waitForPath(operator, '/tickets');
    await rowWith(operator, `#${ticket.number}`)
      .getByRole('timer')
      .getByText('Answered: target met')
      .waitFor();
  });

  it("the client's administrator reads the public reply, never the internal note; the clock shows the response", async () => {
    const ticket = filedTicket();
    const admin = await personPage();
    await signInWithPassword(admin, ADMIN_EMAIL, ADMIN_PASSWORD);
    await admin.goto('/tickets');
    const row = rowWith(admin, `#${ticket.number}`);
    await row.getByRole('timer').getByText('Answered: target met').waitFor();
    await row.getByRole('link', { name: `#${ticket.number}` }).click();
    await waitForPath(admin, `/tickets/${ticket.number}`);

    const thread = admin.getByRole('region', { name: 'Messages' });
    await thread.getByText(REPLY).waitFor();
    expect(
      (await thread.getByRole('listitem').allTextContents()).map((text) => text.includes(REPLY)),
    ).toEqual([false, true]);
    expect(await thread.getByText('Internal note', { exact: true }).count()).toBe(0);
    expect(await admin.content()).not.toContain(NOTE);
    const summary = admin.getByRole('region', { name: 'Ticket', exact: true });
    expect(await textOf(definitionOf(summary, 'Assignee'))).toBe(OPERATOR_EMAIL);
    await admin
      .getByRole('region', { name: 'Response deadline' })
      .getByRole('timer')
      .getByText('Answered: target met')
      .waitFor();
    expect(await timelineEvents(admin)).toEqual(['Clock started', 'Responded']);

    // What the API says matches: one public reply from staff, answered in time.
    const stored = (
      (await operatorApi?.call(`/api/tickets/${ticket.number}`))?.json as {
        ticket: { respondedAt: string | null; breached: boolean; messages: { visibility: string }[] };
      }
    ).ticket;
    expect(stored.respondedAt).not.toBeNull();
    expect(stored.breached).toBe(false);
    expect(stored.messages.map((m) => m.visibility)).toEqual(['public', 'internal', 'public']);
  });

  it("the client's administrator attaches a log file; clients are not shown who was told", async () => {
    const ticket = filedTicket();
    const admin = await personPage();
    await signInWithPassword(admin, ADMIN_EMAIL, ADMIN_PASSWORD);
    const shown = apiResponse(admin, 'GET', `/api/tickets/${ticket.number}`);
    await admin.goto(`/tickets/${ticket.number}`);
    // The API keeps the escalations to the hosting team.
    expect(Object.keys(((await (await shown).json()) as { ticket: object }).ticket)).not.toContain(
      'escalations',
    );
    const attachments = admin.getByRole('region', { name: 'Attachments', exact: true });
    await attachments.getByText('No file attached.').waitFor();

    await attachments
      .getByLabel('File')
      .setInputFiles({ name: LOG_NAME, mimeType: 'text/plain', buffer: LOG });
    const uploaded = apiResponse(admin, 'POST', `/api/tickets/${ticket.number}/attachments`);
    await attachments.getByRole('button', { name: 'Attach the file' }).click();
    const answer = await uploaded;
    expect(answer.status()).toBe(201);
    // The raw bytes (Chromium does not show a file body to Playwright: the server's size and
    // SHA-256 prove them), with the file's own type and its name in the query.
    expect(new URL(answer.url()).searchParams.get('filename')).toBe(LOG_NAME);
    expect(await answer.request().headerValue('content-type')).toBe('text/plain');
    expect(((await answer.json()) as { attachment: unknown }).attachment).toMatchObject({
      filename: LOG_NAME,
      contentType: 'text/plain',
      size: LOG.length,
      sha256: createHash('sha256').update(LOG).digest('hex'),
      uploadedBy: ADMIN_EMAIL,
    });

    await attachments.getByText(`${LOG_NAME} is attached.`).waitFor();
    await attachments.getByRole('link', { name: LOG_NAME, exact: true }).waitFor();
    expect((await attachmentCells(admin, LOG_NAME)).slice(0, 2)).toEqual([`${LOG.length} B`, ADMIN_EMAIL]);
    expect(await attachments.getByText('No file attached.').count()).toBe(0);

    expect(await admin.getByRole('region', { name: 'Who was told' }).count()).toBe(0);
    expect(await admin.getByRole('heading', { name: 'Who was told' }).count()).toBe(0);
  });

  it('the operator downloads the same bytes, sees who was told of the new ticket and resolves it', async () => {
    const ticket = filedTicket();
    const operator = await personPage();
    await signInWithPassword(operator, OPERATOR_EMAIL, OPERATOR_PASSWORD);
    await operator.goto(`/tickets/${ticket.number}`);
    await operator.getByRole('heading', { name: `#${ticket.number} ${SUBJECT}`, level: 1 }).waitFor();

    // The client's file, as they attached it: through the link, and through its address.
    const link = operator
      .getByRole('region', { name: 'Attachments', exact: true })
      .getByRole('link', { name: LOG_NAME, exact: true });
    await link.waitFor();
    expect((await attachmentCells(operator, LOG_NAME)).slice(0, 2)).toEqual([`${LOG.length} B`, ADMIN_EMAIL]);
    const [download] = await Promise.all([operator.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(LOG_NAME);
    expect(await download.failure()).toBeNull();
    expect((await readFile(await download.path())).equals(LOG)).toBe(true);
    const href = await link.getAttribute('href');
    expect(href).toMatch(new RegExp(`^/api/tickets/${ticket.number}/attachments/[^/]+$`));
    // The context's request client carries the operator's session cookies.
    const fetched = await operator.context().request.get(href ?? '');
    expect(fetched.status()).toBe(200);
    expect((await fetched.body()).equals(LOG)).toBe(true);
    expect(fetched.headers()['content-type']).toBe('text/plain');
    expect(fetched.headers()['content-disposition']).toContain(`filename="${LOG_NAME}"`);

    // Who was told of the new ticket: nobody is on duty and the teams have no members, so every
    // step passed it on and the operators, at the end of the chain, were notified.
    const stored = (
      (await operatorApi?.call(`/api/tickets/${ticket.number}`))?.json as {
        ticket: { escalations?: Escalation[] };
      }
    ).ticket;
    const escalations = stored.escalations ?? [];
    expect(escalations.length).toBeGreaterThan(0);
    const told = operator.getByRole('region', { name: 'Who was told' });
    const rows = told.locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(escalations.length);
    expect((await rows.locator('th').allTextContents()).map((step) => step.trim())).toEqual(
      escalations.map((escalation) => escalation.step),
    );
    const cells = await Promise.all(
      (await rows.all()).map(async (row) =>
        (await row.getByRole('cell').allTextContents()).slice(1).map((text) => text.trim()),
      ),
    );
    expect(cells).toEqual(
      escalations.map((escalation) =>
        escalation.outcome === 'notified'
          ? ['a new ticket', 'Notified', escalation.recipients.join(', ')]
          : ['a new ticket', 'Passed on: nobody to reach', 'Nobody'],
      ),
    );
    const notified = rows.filter({ hasText: 'Notified' });
    expect(await notified.count()).toBe(1);
    expect(await textOf(notified.getByRole('cell').last())).toBe(OPERATOR_EMAIL);

    // The reply left the ticket waiting for the client; the operator resolves it.
    const handle = operator.getByRole('region', { name: 'Handle the ticket' });
    const status = handle.getByLabel('Status', { exact: true });
    expect(await status.inputValue()).toBe('waiting');
    expect(await handle.getByRole('button', { name: 'Change status' }).isDisabled()).toBe(true);
    expect((await status.locator('option').allTextContents()).map((label) => label.trim())).toEqual([
      'Open',
      'Waiting for the client',
      'Resolved',
      'Closed',
    ]);
    await status.selectOption({ label: 'Resolved' });
    const changed = apiResponse(operator, 'PUT', `/api/tickets/${ticket.number}/status`);
    await handle.getByRole('button', { name: 'Change status' }).click();
    const answer = await changed;
    expect(answer.status()).toBe(200);
    expect(answer.request().postDataJSON()).toEqual({ status: 'resolved' });
    await handle.getByText('The ticket is resolved now.').waitFor();
    const summary = operator.getByRole('region', { name: 'Ticket', exact: true });
    expect(await textOf(definitionOf(summary, 'Status'))).toBe('Resolved');
    expect(await status.inputValue()).toBe('resolved');
    // The answer keeps the staff's view: who was told is still shown.
    expect(await rows.count()).toBe(escalations.length);

    const after = (
      (await operatorApi?.call(`/api/tickets/${ticket.number}`))?.json as { ticket: { status: string } }
    ).ticket;
    expect(after.status).toBe('resolved');
  });
});
