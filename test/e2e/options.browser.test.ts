import { readFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { invite, signIn as apiSignIn, type Caller } from '../support/actors.js';
import { browserSkipReason, launchBrowser, newContext } from '../support/browser.js';
import { apiResponse, signIn, waitForPath } from '../support/console-ui.js';
import { removeDir, startPlatform, type RunningPlatform } from '../support/platform.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';

// The tests build on each other, in order: the client's administrator requests daily base
// backups with a note (1); an operator approves them, the client's backup policy changes and the
// purchase order bills them (2); an operator refuses another request with a reason (3), changes
// a price on the catalogue page (4) and deactivates the option after confirming (5).
const OPERATOR_EMAIL = 'ops@oxygis-hosting.test';
const OPERATOR_PASSWORD = 'copper meadow lantern 73';
const CLIENT_NAME = 'Fromagerie Dumont';
const CLIENT_SLUG = 'fromagerie-dumont';
const CLIENT_PAGE = `/clients/${CLIENT_SLUG}`;
const ADMIN_EMAIL = 'julie@fromagerie-dumont.test';
const ADMIN_PASSWORD = 'walnut harbour pebble 41';
const ZONE = 'Europe/Brussels';
const DAILY = 'Specific backups: daily base backups';
const RETENTION = 'Specific backups: longer retention';
const MULTI_ZONE = 'Multi-zone deployment';
const MULTI_REGION = 'Multi-region replication';
const NOTE = 'We need a restore point every day before the year-end closing.';
const REASON = 'Two years of weekly backups need a storage extension first; ask again in January.';
const CSV_HEADER = 'option,name,from,to,quantity,unit,unitPrice,currency,total';

interface CatalogueOption {
  code: string;
  name: string;
  unit: string;
  unitPrice: number;
  currency: string;
  available: boolean;
  unavailableBecause: string | null;
}

interface ClientOption {
  code: string;
  status: string;
  unitPrice: number;
  activatedAt: string | null;
  deactivatedAt: string | null;
  note: string | null;
}

interface OrderLine {
  option: string;
  from: string;
  to: string;
  quantity: number;
  unitPrice: number;
  currency: string;
  total: number;
}

interface BackupPolicy {
  baseBackupEveryHours: number;
  weeklyBackupsKept: number;
  pitrDays: number;
  custom: boolean;
}

let smtp: TestSmtp | undefined;
let platform: RunningPlatform | undefined;
let operatorApi: Caller | undefined;
let adminApi: Caller | undefined;
let browser: Browser | undefined;
/** The client's backup policy before any option (the platform defaults). */
let defaults: BackupPolicy | undefined;
const contexts: BrowserContext[] = [];

/** A page in a browser context of its own: one per person, with its own cookies. */
async function personPage(): Promise<Page> {
  if (!browser || !platform) throw new Error('the platform or the browser did not start');
  const context = await newContext(browser, {
    baseURL: platform.url,
    locale: 'en-GB',
    timezoneId: ZONE,
    acceptDownloads: true,
  });
  context.setDefaultTimeout(30_000);
  contexts.push(context);
  return context.newPage();
}

function api(): Caller {
  if (!operatorApi) throw new Error('the operator did not sign in');
  return operatorApi;
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

const money = (amount: number, currency = 'EUR') =>
  new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(amount);

async function catalogue(): Promise<CatalogueOption[]> {
  return ((await api().call('/api/options')).json as { options: CatalogueOption[] }).options;
}

async function catalogued(name: string): Promise<CatalogueOption> {
  const option = (await catalogue()).find((o) => o.name === name);
  if (!option) throw new Error(`no option ${name} in the catalogue`);
  return option;
}

async function policy(): Promise<BackupPolicy> {
  const answer = await api().call(`/api/clients/${CLIENT_SLUG}/backups/policy`);
  expect(answer.status).toBe(200);
  return answer.json as BackupPolicy;
}

async function purchaseOrder(): Promise<{ lines: OrderLine[]; total: number }> {
  const answer = await api().call(`/api/clients/${CLIENT_SLUG}/purchase-order`);
  expect(answer.status).toBe(200);
  return (answer.json as { order: { lines: OrderLine[]; total: number } }).order;
}

/** The client page's Service options section, once its table is shown. */
async function optionsSection(page: Page): Promise<Locator> {
  const section = page.getByRole('region', { name: 'Service options', exact: true });
  await optionsTable(section).waitFor();
  return section;
}

/** The table of the options (not the purchase order's, whose rows are named by option too). */
function optionsTable(scope: Locator): Locator {
  return scope.getByRole('table', { name: /^Service options/ });
}

/** The row of an option in the options table under `scope`, by the name in its row header. */
function optionRow(scope: Locator, name: string): Locator {
  // `has` is matched inside each row: a page-rooted locator, not one under `scope`.
  return optionsTable(scope)
    .getByRole('row')
    .filter({ has: scope.page().getByRole('rowheader', { name, exact: true }) });
}

/** The State cell of an option's row (after What it does and Price). */
function stateCell(scope: Locator, name: string): Locator {
  return optionRow(scope, name).getByRole('cell').nth(2);
}

describe.skipIf(browserSkipReason)('service options in the console', { timeout: 120_000 }, () => {
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
    adminApi = (
      await invite(
        platform,
        smtp,
        operatorApi,
        { email: ADMIN_EMAIL, role: 'client_admin', client: CLIENT_SLUG, displayName: 'Julie Dumont' },
        ADMIN_PASSWORD,
      )
    ).caller;
    defaults = await policy();
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

  it("the client's administrator sees the catalogue and requests daily base backups with a note", async () => {
    const admin = await personPage();
    await signInWithPassword(admin, ADMIN_EMAIL, ADMIN_PASSWORD);
    expect(await navLabels(admin)).not.toContain('Service options');
    await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Database' }).click();
    await waitForPath(admin, CLIENT_PAGE);
    const section = await optionsSection(admin);

    // Every option of the catalogue, at its price per unit.
    const options = await catalogue();
    expect(options.map((o) => o.name).sort()).toEqual([DAILY, RETENTION, MULTI_ZONE, MULTI_REGION].sort());
    expect(await section.locator('tbody tr').count()).toBe(options.length);
    for (const option of options)
      expect(await textOf(optionRow(section, option.name).getByRole('cell').nth(1)), option.name).toBe(
        `${money(option.unitPrice, option.currency)} per ${option.unit}`,
      );

    // Multi-region needs a target reserved for it, and this platform has none: the reason, and
    // nothing to request.
    const multiRegion = options.find((o) => o.name === MULTI_REGION);
    expect(multiRegion?.available).toBe(false);
    const multiRegionState = await textOf(stateCell(section, MULTI_REGION));
    expect(multiRegionState).toContain('Unavailable');
    // A client reads that it is not offered; what to configure is for the hosting team's eyes.
    expect(multiRegionState).toContain('Cannot be provided here: not offered on this platform at the moment');
    expect(multiRegionState).not.toContain('OXYGIS_BACKUP_TARGETS');
    expect(await optionRow(section, MULTI_REGION).getByRole('button').count()).toBe(0);

    expect(await textOf(stateCell(section, DAILY))).toBe('Not requested');
    await section.getByRole('button', { name: `Request ${DAILY}` }).click();
    const form = section.getByRole('form', { name: `Request ${DAILY}` });
    await form.getByLabel('Note (optional)').fill(NOTE);
    const requested = apiResponse(admin, 'POST', `/api/clients/${CLIENT_SLUG}/options`);
    await form.getByRole('button', { name: 'Send the request' }).click();
    const answer = await requested;
    expect(answer.status()).toBe(201);
    expect(answer.request().postDataJSON()).toEqual({ option: 'daily_base_backups', note: NOTE });

    await section.getByText(`${DAILY} is requested; an operator approves it.`).waitFor();
    const state = await textOf(stateCell(section, DAILY));
    expect(state).toContain('Requested');
    expect(state).toContain(`By ${ADMIN_EMAIL} on `);
    expect(state).toContain(`Note: “${NOTE}”`);
    // Only operators decide; a request is not made twice.
    expect(await optionRow(section, DAILY).getByRole('button').count()).toBe(0);

    const order = admin.getByRole('region', { name: 'Purchase order' });
    await order.getByText('No option is active this month.').waitFor();

    // The catalogue page is the hosting team's.
    await admin.goto('/options');
    await admin.getByRole('heading', { name: 'Page not found', level: 1 }).waitFor();
  });

  it('an operator approves it: the client is backed up every day and billed at the catalogue price', async () => {
    const before = defaults;
    expect(before?.baseBackupEveryHours).not.toBe(24);
    expect(before?.custom).toBe(false);
    const price = await catalogued(DAILY);

    const operator = await personPage();
    await signInWithPassword(operator, OPERATOR_EMAIL, OPERATOR_PASSWORD);
    await operator.goto(CLIENT_PAGE);
    const section = await optionsSection(operator);
    const requestedState = await textOf(stateCell(section, DAILY));
    expect(requestedState).toContain('Requested');
    expect(requestedState).toContain(`Note: “${NOTE}”`);

    const approved = apiResponse(
      operator,
      'POST',
      `/api/clients/${CLIENT_SLUG}/options/daily_base_backups/approve`,
    );
    await section.getByRole('button', { name: `Approve ${DAILY}` }).click();
    const answer = await approved;
    expect(answer.status()).toBe(200);
    const active = ((await answer.json()) as { options: ClientOption[] }).options.find(
      (o) => o.code === 'daily_base_backups',
    );
    expect(active).toMatchObject({ status: 'active', unitPrice: price.unitPrice });
    await section.getByText(`${DAILY} is active; billing starts now.`).waitFor();
    const state = stateCell(section, DAILY);
    expect(await textOf(state)).toContain('Active');
    expect(await textOf(state)).toContain(`approved by ${OPERATOR_EMAIL}`);
    expect(await state.locator('time').getAttribute('datetime')).toBe(active?.activatedAt);

    // The option really changed the client's backups: a base backup every 24 hours.
    expect(await policy()).toEqual({ ...before, baseBackupEveryHours: 24, custom: true });
    await operator.reload();
    await operator
      .getByRole('region', { name: 'Retention' })
      .getByText('A full (base) backup is taken every day;', { exact: false })
      .waitFor();

    // This month's purchase order: one line, at the price of the catalogue.
    const order = await purchaseOrder();
    expect(order.lines).toHaveLength(1);
    const [line] = order.lines;
    if (!line) throw new Error('no purchase order line');
    expect(line).toMatchObject({ option: 'daily_base_backups', unitPrice: price.unitPrice, currency: 'EUR' });
    expect(line.from).toBe(active?.activatedAt);
    expect(line.total).toBe(Math.round(line.quantity * price.unitPrice * 100) / 100);
    const panel = operator.getByRole('region', { name: 'Purchase order' });
    const rows = panel.locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    expect(await textOf(rows.getByRole('rowheader'))).toBe(DAILY);
    const cells = (await rows.getByRole('cell').allTextContents()).map((text) => text.trim());
    expect(cells.slice(2)).toEqual([
      `${line.quantity.toFixed(4)} month`,
      money(price.unitPrice),
      money(line.total),
    ]);
    const times = rows.locator('time');
    expect([
      await times.nth(0).getAttribute('datetime'),
      await times.nth(1).getAttribute('datetime'),
    ]).toEqual([line.from, line.to]);
    expect(await textOf(panel.locator('tfoot td'))).toBe(money(order.total));

    // The same order as a CSV file, through the link, and as an HTML page.
    const csvLink = panel.getByRole('link', { name: 'Download CSV' });
    expect(await csvLink.getAttribute('href')).toBe(`/api/clients/${CLIENT_SLUG}/purchase-order?format=csv`);
    const [download] = await Promise.all([operator.waitForEvent('download'), csvLink.click()]);
    expect(download.suggestedFilename()).toBe(`oxygis-order-${CLIENT_SLUG}.csv`);
    expect(await download.failure()).toBeNull();
    const csv = (await readFile(await download.path(), 'utf8')).split('\n');
    expect(csv[0]).toBe(CSV_HEADER);
    expect(csv[1]).toBe(
      [
        'daily_base_backups',
        DAILY,
        line.from,
        line.to,
        line.quantity.toFixed(4),
        'month',
        price.unitPrice.toFixed(2),
        'EUR',
        line.total.toFixed(2),
      ].join(','),
    );
    const htmlLink = panel.getByRole('link', { name: 'Open as HTML' });
    expect(await htmlLink.getAttribute('target')).toBe('_blank');
    const html = await operator.context().request.get((await htmlLink.getAttribute('href')) ?? '');
    expect(html.status()).toBe(200);
    expect(html.headers()['content-type']).toContain('text/html');
    expect(await html.text()).toContain(DAILY);
  });

  it('an operator refuses a request with the reason, which the client reads', async () => {
    const requested = await adminApi?.call(`/api/clients/${CLIENT_SLUG}/options`, {
      method: 'POST',
      body: { option: 'extended_retention' },
    });
    expect(requested?.status).toBe(201);

    const operator = await personPage();
    await signInWithPassword(operator, OPERATOR_EMAIL, OPERATOR_PASSWORD);
    await operator.goto(CLIENT_PAGE);
    const section = await optionsSection(operator);
    await section.getByRole('button', { name: `Reject ${RETENTION}` }).click();
    const form = section.getByRole('form', { name: `Reject ${RETENTION}` });
    // No reason, no refusal: the client would not know why.
    await form.getByRole('button', { name: 'Reject the request' }).click();
    await form.getByRole('alert').getByText('Say why the request is refused: the client reads it.').waitFor();
    await form.getByLabel('Reason').fill(REASON);
    const rejected = apiResponse(
      operator,
      'POST',
      `/api/clients/${CLIENT_SLUG}/options/extended_retention/reject`,
    );
    await form.getByRole('button', { name: 'Reject the request' }).click();
    const answer = await rejected;
    expect(answer.status()).toBe(200);
    expect(answer.request().postDataJSON()).toEqual({ note: REASON });
    await section.getByText(`The request for ${RETENTION} is rejected.`).waitFor();
    expect(await textOf(stateCell(section, RETENTION))).toContain(`Rejected`);

    const admin = await personPage();
    await signInWithPassword(admin, ADMIN_EMAIL, ADMIN_PASSWORD);
    await admin.goto(CLIENT_PAGE);
    const seen = await optionsSection(admin);
    const state = await textOf(stateCell(seen, RETENTION));
    expect(state).toContain('Rejected');
    expect(state).toContain(`Reason: “${REASON}”`);
    // A refused option may be asked for again.
    await seen.getByRole('button', { name: `Request ${RETENTION}` }).waitFor();
    // Nothing changed on the platform: the retention stays the defaults'.
    expect((await policy()).weeklyBackupsKept).toBe(defaults?.weeklyBackupsKept);
  });

  it('an operator changes a price on the Service options page; active options keep theirs', async () => {
    const operator = await personPage();
    await signInWithPassword(operator, OPERATOR_EMAIL, OPERATOR_PASSWORD);
    const labels = await navLabels(operator);
    expect(labels.indexOf('Service options')).toBe(labels.indexOf('Force majeure') + 1);
    await operator
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Service options' })
      .click();
    await waitForPath(operator, '/options');
    await operator.getByRole('heading', { name: 'Service options', level: 1 }).waitFor();
    const table = operator.getByRole('region', { name: 'Catalogue' });
    await optionsTable(table).waitFor();
    const multiRegion = await catalogued(MULTI_REGION);
    expect(multiRegion.unavailableBecause).toMatch(/OXYGIS_BACKUP_TARGETS/);
    expect(await textOf(optionRow(table, MULTI_REGION).getByRole('cell').nth(1))).toBe(
      `Unavailable ${multiRegion.unavailableBecause ?? ''}`,
    );

    const field = table.getByLabel(`Price of ${DAILY} (EUR per month)`);
    expect(await field.inputValue()).toBe('50.00');
    const save = table.getByRole('button', { name: `Save the price of ${DAILY}` });
    expect(await save.isDisabled()).toBe(true);
    await field.fill('55.5');
    const priced = apiResponse(operator, 'PUT', '/api/options/daily_base_backups');
    await save.click();
    const answer = await priced;
    expect(answer.status()).toBe(200);
    expect(answer.request().postDataJSON()).toEqual({ unitPrice: 55.5 });
    await table.getByText(`${DAILY}: ${money(55.5)} per month from now on.`).waitFor();
    expect(await field.inputValue()).toBe('55.50');

    expect((await catalogued(DAILY)).unitPrice).toBe(55.5);
    // The client approved at 50.00 keeps that price.
    expect((await purchaseOrder()).lines.map((l) => l.unitPrice)).toEqual([50]);
  });

  it('an operator deactivates the option after confirming: the backups go back to the defaults', async () => {
    const operator = await personPage();
    await signInWithPassword(operator, OPERATOR_EMAIL, OPERATOR_PASSWORD);
    await operator.goto(CLIENT_PAGE);
    const section = await optionsSection(operator);
    await section.getByRole('button', { name: `Deactivate ${DAILY}` }).click();
    const confirm = section.getByRole('group', { name: `Confirm: Deactivate ${DAILY}` });
    await confirm.getByText('billing stops now').waitFor();
    const deactivated = apiResponse(
      operator,
      'POST',
      `/api/clients/${CLIENT_SLUG}/options/daily_base_backups/deactivate`,
    );
    await confirm.getByRole('button', { name: 'Yes, deactivate' }).click();
    const answer = await deactivated;
    expect(answer.status()).toBe(200);
    const after = ((await answer.json()) as { options: ClientOption[] }).options.find(
      (o) => o.code === 'daily_base_backups',
    );
    await section.getByText(`${DAILY} is deactivated; billing stopped.`).waitFor();
    const state = stateCell(section, DAILY);
    expect(await textOf(state)).toContain('Deactivated');
    expect(await state.locator('time').getAttribute('datetime')).toBe(after?.deactivatedAt);
    await section.getByRole('button', { name: `Request ${DAILY}` }).waitFor();

    expect(await policy()).toEqual(defaults);
    const lines = (await purchaseOrder()).lines;
    expect(lines.map((l) => [l.option, l.to])).toEqual([['daily_base_backups', after?.deactivatedAt]]);
  });

  it('multi-zone: the standby shows on the client page, and an operator fails over to it', async () => {
    const api = adminApi as Caller;
    const ops = operatorApi as Caller;
    const requested = await api.call(`/api/clients/${CLIENT_SLUG}/options`, {
      method: 'POST',
      body: { option: 'multi_zone_deployment' },
    });
    expect(requested.status, requested.text).toBe(201);
    const approved = await ops.call(`/api/clients/${CLIENT_SLUG}/options/multi_zone_deployment/approve`, {
      method: 'POST',
    });
    expect(approved.status, approved.text).toBe(200);

    const operator = await personPage();
    await signInWithPassword(operator, OPERATOR_EMAIL, OPERATOR_PASSWORD);
    await operator.goto(CLIENT_PAGE);
    const section = operator.getByRole('region', { name: 'Standby in another zone' });
    // It is built in the background; the section looks again until it streams.
    await section.getByText('Streaming').waitFor({ timeout: 90_000 });
    await section.getByText('up to date').waitFor({ timeout: 30_000 });
    expect(await textOf(section)).toContain('Zone b');

    const form = section.getByRole('form', { name: 'Fail over to the standby' });
    await form.getByLabel(`Type ${CLIENT_SLUG} to confirm`).fill(CLIENT_SLUG);
    const failover = apiResponse(operator, 'POST', `/api/clients/${CLIENT_SLUG}/standby/failover`);
    await form.getByRole('button', { name: 'Fail over now' }).click();
    expect((await failover).status()).toBe(200);
    await section.getByText('Failover done: the database now runs in zone b.').waitFor();
    const after = (await ops.call(`/api/clients/${CLIENT_SLUG}/standby`)).json as { primaryZone: string };
    expect(after.primaryZone).toBe('b');

    // The client's administrator reads the standby, and cannot fail over.
    const admin = await personPage();
    await signInWithPassword(admin, ADMIN_EMAIL, ADMIN_PASSWORD);
    await admin.goto(CLIENT_PAGE);
    const seen = admin.getByRole('region', { name: 'Standby in another zone' });
    await seen.getByRole('heading', { name: 'Standby in another zone' }).waitFor();
    expect(await seen.getByRole('button', { name: 'Fail over now' }).count()).toBe(0);

    const off = await ops.call(`/api/clients/${CLIENT_SLUG}/options/multi_zone_deployment/deactivate`, {
      method: 'POST',
    });
    expect(off.status, off.text).toBe(200);
  });
});
