import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { invite, signIn as apiSignIn, type Caller } from '../support/actors.js';
import { browserSkipReason, launchBrowser, newContext } from '../support/browser.js';
import { apiResponse, rowWith, signIn, waitForPath } from '../support/console-ui.js';
import { removeDir, startPlatform, type RunningPlatform } from '../support/platform.js';
import { platformDb } from '../support/actors.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';

// The client's name carries markup and an ampersand: the report must print them as text. The
// tests run in order: the client's administrator reads this month's provisional report in the
// console, as HTML and as PDF (1); an operator amends the closed month before it, which then
// appears among the versions (2); a client user sees the section only with the reports right (3);
// the administrator reads the shared-responsibility matrix (4).
const OPERATOR_EMAIL = 'ops@oxygis-hosting.test';
const OPERATOR_PASSWORD = 'copper meadow lantern 73';
const CLIENT_NAME = 'Kaas <b>Bold</b> & Co';
const CLIENT_SLUG = 'kaas-b-bold-b-co';
const ESCAPED_NAME = 'Kaas &lt;b&gt;Bold&lt;/b&gt; &amp; Co';
const CLIENT_PAGE = `/clients/${CLIENT_SLUG}`;
const REPORTS_API = `/api/clients/${CLIENT_SLUG}/reports/sla`;
const ADMIN_EMAIL = 'anna@kaas-bold.test';
const ADMIN_NAME = 'Anna Kaas';
const ADMIN_PASSWORD = 'amber lighthouse pepper 52';
const USER_EMAIL = 'bert@kaas-bold.test';
const USER_NAME = 'Bert Kaas';
const USER_PASSWORD = 'granite orchard tulip 19';
const AMEND_REASON = 'Downtime of a monitor corrected after review';
const ZONE = 'Europe/Brussels';
const PROMISES = ['Availability', 'Backups', 'Data-loss exposure', 'Restore', 'Support'];
/** The headings of the report's sections (src/reports/html/*.ts), in order. */
const REPORT_SECTIONS = [
  'Summary',
  '1. Availability',
  '2. Incidents',
  '3. Backups',
  '4. Data-loss exposure',
  '5. Restore',
  '6. Support',
  '7. Options in force',
  'Appendix: shared responsibility',
];
const MODELS = [
  'Oxygis Cloud infrastructure – SaaS hosted on a PaaS infrastructure',
  "Self-hosting: customer's infrastructure",
];

interface ReportJson {
  version: number;
  provisional: boolean;
  month: string;
  client: { slug: string; name: string };
  availability: { met: boolean | null };
  backups: { met: boolean | null };
  dataLoss: { met: boolean | null };
  restore: { met: boolean | null };
  support: { met: boolean | null };
}

let smtp: TestSmtp | undefined;
let platform: RunningPlatform | undefined;
let operatorApi: Caller | undefined;
let browser: Browser | undefined;
/** The client user without the reports right, invited in beforeAll. */
let user: { caller: Caller; id: string } | undefined;
const contexts: BrowserContext[] = [];

/** A page in a browser context of its own: one per person, with its own cookies. */
async function personPage(): Promise<Page> {
  if (!browser || !platform) throw new Error('the platform or the browser did not start');
  const context = await newContext(browser, { baseURL: platform.url, locale: 'en-GB', timezoneId: ZONE });
  context.setDefaultTimeout(30_000);
  contexts.push(context);
  return context.newPage();
}

function operator(): Caller {
  if (!operatorApi) throw new Error('the operator did not sign in');
  return operatorApi;
}

function clientUser(): { caller: Caller; id: string } {
  if (!user) throw new Error('the client user was not invited');
  return user;
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

/** A month (YYYY-MM) of the agreement's calendar, `back` months before the current one. */
function monthBefore(back: number): string {
  const [year = 1970, month = 1] = new Intl.DateTimeFormat('en-CA', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
  })
    .format(new Date())
    .split('-')
    .map(Number);
  const date = new Date(Date.UTC(year, month - 1 - back, 1));
  return date.toISOString().slice(0, 7);
}

/** "December 2026", as the console (en-GB) and the report name a month. */
function monthLabel(month: string): string {
  return new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-01T00:00:00Z`),
  );
}

function verdict(met: boolean | null): string {
  if (met === null) return 'Nothing to judge';
  return met ? 'Met' : 'Not met';
}

function reportsSection(page: Page): Locator {
  return page.getByRole('region', { name: 'Monthly reports' });
}

/** The promises of the summary table: the row header and the result (last cell) of each. */
async function promiseVerdicts(section: Locator): Promise<string[][]> {
  const rows = section.getByRole('table', { name: /^Promises of / }).locator('tbody tr');
  const verdicts: string[][] = [];
  for (const row of await rows.all()) {
    const promise = (await row.getByRole('rowheader').textContent()) ?? '';
    const result = (await row.getByRole('cell').last().textContent()) ?? '';
    verdicts.push([promise.trim(), result.trim()]);
  }
  return verdicts;
}

/** The client's page, for someone signed in. */
async function openClientPage(page: Page): Promise<void> {
  await page.goto(CLIENT_PAGE);
  await page.getByRole('heading', { name: CLIENT_NAME, level: 1 }).waitFor();
  await page.getByRole('region', { name: 'Availability' }).waitFor();
}

describe.skipIf(browserSkipReason)('the monthly SLA reports in the console', { timeout: 120_000 }, () => {
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
    expect((created.json as { client: { slug: string } }).client.slug).toBe(CLIENT_SLUG);
    await invite(
      platform,
      smtp,
      operatorApi,
      { email: ADMIN_EMAIL, role: 'client_admin', client: CLIENT_SLUG, displayName: ADMIN_NAME },
      ADMIN_PASSWORD,
    );
    user = await invite(
      platform,
      smtp,
      operatorApi,
      { email: USER_EMAIL, role: 'client_user', client: CLIENT_SLUG, displayName: USER_NAME },
      USER_PASSWORD,
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

  it("the client's administrator reads this month's provisional report, then opens it as HTML and PDF", async () => {
    const thisMonth = monthBefore(0);
    const admin = await personPage();
    await signInWithPassword(admin, ADMIN_EMAIL, ADMIN_PASSWORD);
    const loaded = apiResponse(admin, 'GET', `${REPORTS_API}/${thisMonth}`);
    await openClientPage(admin);
    const section = reportsSection(admin);
    await section.waitFor();

    // The client was created this month: the picker starts there, with the month so far.
    expect(await section.getByLabel('Report month').inputValue()).toBe(thisMonth);
    const answer = await loaded;
    expect(answer.status()).toBe(200);
    expect(new URL(answer.url()).searchParams.get('format')).toBe('json');
    const report = ((await answer.json()) as { report: ReportJson }).report;
    expect(report).toMatchObject({ version: 0, provisional: true, month: thisMonth });
    expect(report.client).toEqual(expect.objectContaining({ slug: CLIENT_SLUG, name: CLIENT_NAME }));

    await section.getByRole('heading', { name: `Summary of ${monthLabel(thisMonth)}`, level: 3 }).waitFor();
    await section.getByText(`Provisional: ${monthLabel(thisMonth)} is not over, figures so far.`).waitFor();
    expect(await promiseVerdicts(section)).toEqual([
      ['Availability', verdict(report.availability.met)],
      ['Backups', verdict(report.backups.met)],
      ['Data-loss exposure', verdict(report.dataLoss.met)],
      ['Restore', verdict(report.restore.met)],
      ['Support', verdict(report.support.met)],
    ]);
    await section.getByText('No report is archived yet.').waitFor();

    // The HTML document, fetched with the administrator's session: the name is escaped, never markup.
    const htmlLink = section.getByRole('link', { name: 'Open the report (HTML)' });
    const htmlHref = await htmlLink.getAttribute('href');
    expect(htmlHref).toBe(`${REPORTS_API}/${thisMonth}?format=html`);
    expect(await htmlLink.getAttribute('target')).toBe('_blank');
    const html = await admin.request.get(htmlHref ?? '');
    expect(html.status()).toBe(200);
    expect(html.headers()['content-type']).toMatch(/^text\/html/);
    const document = await html.text();
    expect(document).toContain(
      `<title>Service level report — ${ESCAPED_NAME} — ${monthLabel(thisMonth)}</title>`,
    );
    expect(document).not.toContain('<b>');
    expect(document).not.toContain(CLIENT_NAME);

    // Opened from the link, in a new tab: every section of the report and the chart of the days.
    const [tab] = await Promise.all([admin.context().waitForEvent('page'), htmlLink.click()]);
    await tab.waitForLoadState();
    expect(new URL(tab.url()).pathname).toBe(`${REPORTS_API}/${thisMonth}`);
    expect(await tab.title()).toBe(`Service level report — ${CLIENT_NAME} — ${monthLabel(thisMonth)}`);
    await tab.getByRole('heading', { name: `Service level report — ${CLIENT_NAME}`, level: 1 }).waitFor();
    await tab
      .getByText("Provisional: not archived yet (a month's report is archived the day after the month ends)")
      .waitFor();
    const headings = await tab.getByRole('heading', { level: 2 }).allTextContents();
    expect(headings.map((heading) => heading.trim())).toEqual(REPORT_SECTIONS);
    const chart = tab
      .locator('svg')
      .and(tab.getByRole('img', { name: `Availability day by day, ${monthLabel(thisMonth)}` }));
    await chart.waitFor();
    expect(await chart.count()).toBe(1);

    // The PDF, printed by the platform's Chromium.
    const pdfLink = section.getByRole('link', { name: 'Download PDF' });
    const pdfHref = await pdfLink.getAttribute('href');
    expect(pdfHref).toBe(`${REPORTS_API}/${thisMonth}?format=pdf`);
    expect(await pdfLink.getAttribute('download')).toBe(`oxygis-sla-${CLIENT_SLUG}-${thisMonth}.pdf`);
    const pdf = await admin.request.get(pdfHref ?? '', { timeout: 60_000 });
    expect(pdf.status(), await pdf.text()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('an operator amends a closed month; the new version is listed with its documents', async () => {
    const lastMonth = monthBefore(1);
    const page = await personPage();
    await signInWithPassword(page, OPERATOR_EMAIL, OPERATOR_PASSWORD);
    await openClientPage(page);
    const section = reportsSection(page);
    // This month is not over: nothing to amend yet.
    await section.getByRole('heading', { name: `Summary of ${monthLabel(monthBefore(0))}` }).waitFor();
    expect(await section.getByText(/^Amend the report of /).count()).toBe(0);

    // Fixture (after the page loaded with this month): the client has been with us since before last month (its creation moved back;
    // a month before a client began has no report to amend).
    if (!platform) throw new Error('no platform');
    const db = await platformDb(platform);
    await sql`update client set created_at = now() - interval '70 days'`.execute(db);
    await db.destroy();
    await section.getByLabel('Report month').selectOption(lastMonth);
    await section.getByRole('heading', { name: `Summary of ${monthLabel(lastMonth)}` }).waitFor();
    await section
      .getByText(`Provisional: ${monthLabel(lastMonth)} is over but its report is not archived yet.`)
      .waitFor();
    await section.getByText(`Amend the report of ${monthLabel(lastMonth)}`).click();
    await section.getByLabel('Reason').fill(AMEND_REASON);
    const amended = apiResponse(page, 'POST', `${REPORTS_API}/${lastMonth}/amendments`);
    await section.getByRole('button', { name: 'Amend the report' }).click();
    const answer = await amended;
    expect(answer.status(), await answer.text()).toBe(201);
    expect(answer.request().postDataJSON()).toEqual({ reason: AMEND_REASON });
    await section
      .getByRole('status')
      .getByText(`Version 1 of the ${monthLabel(lastMonth)} report is archived.`)
      .waitFor();

    // The summary is the archived version now, and the versions list has it.
    await section.getByText(`Version 1, amended: ${AMEND_REASON}`).waitFor();
    const row = rowWith(page, monthLabel(lastMonth));
    await row.waitFor();
    const cells = (await row.getByRole('cell').allTextContents()).map((text) => text.trim());
    expect(cells.slice(0, 2)).toEqual(['1', AMEND_REASON]);
    expect(cells[3]).toBe(OPERATOR_EMAIL);
    const versionHref = await row
      .getByRole('link', { name: `Open version 1 of ${monthLabel(lastMonth)} (HTML)` })
      .getAttribute('href');
    expect(versionHref).toBe(`${REPORTS_API}/${lastMonth}?format=html&version=1`);
    expect(
      await row
        .getByRole('link', { name: `Download version 1 of ${monthLabel(lastMonth)} (PDF)` })
        .getAttribute('href'),
    ).toBe(`${REPORTS_API}/${lastMonth}?format=pdf&version=1`);
    const archived = await page.request.get(versionHref ?? '');
    expect(archived.status()).toBe(200);
    // The archived document, not the provisional one: this first version was made by the
    // amendment, and says so with its reason.
    const archivedDocument = await archived.text();
    expect(archivedDocument).toContain(`Version 1 — made by hand: ${AMEND_REASON}`);
    expect(archivedDocument).not.toContain('Provisional');

    const listed = await operator().call(REPORTS_API);
    expect(listed.status).toBe(200);
    expect((listed.json as { reports: unknown[] }).reports).toEqual([
      expect.objectContaining({
        month: lastMonth,
        version: 1,
        reason: AMEND_REASON,
        createdBy: OPERATOR_EMAIL,
      }),
    ]);
    // The fixture undone: the client is new again, so the next pages open on this month.
    const again = await platformDb(platform);
    await sql`update client set created_at = now()`.execute(again);
    await again.destroy();
  });

  it('a client user sees the monthly reports only with the reports right', async () => {
    const { caller, id } = clientUser();
    const page = await personPage();
    await signInWithPassword(page, USER_EMAIL, USER_PASSWORD);
    await openClientPage(page);
    expect(await reportsSection(page).count()).toBe(0);
    const refused = await caller.call(REPORTS_API);
    expect(refused.status).toBe(403);

    const granted = await operator().call(`/api/accounts/${id}/rights`, {
      method: 'PUT',
      body: { rights: ['reports'] },
    });
    expect(granted.status, granted.text).toBe(200);
    await page.reload();
    const section = reportsSection(page);
    await section
      .getByText(`Provisional: ${monthLabel(monthBefore(0))} is not over, figures so far.`)
      .waitFor();
    expect((await promiseVerdicts(section)).map(([promise]) => promise)).toEqual(PROMISES);
    // Reading is all the right gives: amendments are for operators.
    expect(await section.getByText(/^Amend the report of /).count()).toBe(0);
  });

  it("the client's administrator reads the shared responsibilities of both models", async () => {
    const admin = await personPage();
    await signInWithPassword(admin, ADMIN_EMAIL, ADMIN_PASSWORD);
    expect(await navLabels(admin)).toContain('Responsibilities');
    await admin
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Responsibilities' })
      .click();
    await waitForPath(admin, '/responsibility');
    await admin.getByRole('heading', { name: 'Responsibilities', level: 1 }).waitFor();
    for (const model of MODELS) {
      const table = admin.getByRole('table', { name: `Who is responsible for each layer: ${model}` });
      await table.waitFor();
      expect(await table.getByRole('rowheader').count()).toBeGreaterThan(0);
    }
    expect(await admin.getByRole('table').count()).toBe(MODELS.length);
  });
});
