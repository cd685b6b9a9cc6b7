import { readFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page, Request } from 'playwright-core';
import { invite, signIn as apiSignIn } from '../support/actors.js';
import { browserSkipReason, launchBrowser, newContext } from '../support/browser.js';
import { connectTo, loginOutcome, statementOutcome, type DatabaseLogin } from '../support/client-db.js';
import { apiResponse, definitionOf, rowWith, signIn, waitForPath } from '../support/console-ui.js';
import { removeDir, startPlatform, type RunningPlatform } from '../support/platform.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';

// The tests build on each other, in order: the operator creates the client and keeps its owner
// password (1), suspends, resumes, deletes and restores it (2); the client's administrator grants
// itself a login, rotates and revokes it (3), then gives a user one, who rotates its own (4).
const OPERATOR_EMAIL = 'ops@oxygis-hosting.test';
const OPERATOR_PASSWORD = 'walnut trombone glacier 41';
const CLIENT_NAME = 'Moulin Rouge Bakery';
const CLIENT_SLUG = 'moulin-rouge-bakery';
const CLIENT_DB = 'moulin_rouge_bakery';
const CLIENT_PAGE = `/clients/${CLIENT_SLUG}`;
const ADMIN_EMAIL = 'ines@moulin-bakery.test';
const ADMIN_NAME = 'Inès Moulin';
const ADMIN_PASSWORD = 'thistle kayak ember 92';
const USER_EMAIL = 'theo@moulin-bakery.test';
const USER_NAME = 'Théo Garnier';
const USER_PASSWORD = 'marble finch lagoon 37';
const SHOWN_ONCE = 'Password shown once — copy it now';

interface ShownConnection extends DatabaseLogin {
  host: string;
  uri: string;
  caFile: string;
}

let smtp: TestSmtp | undefined;
let platform: RunningPlatform | undefined;
let browser: Browser | undefined;
let ca = '';
/** The owner login of the client's database, as the console showed it once in test 1. */
let owner: ShownConnection | undefined;
const contexts: BrowserContext[] = [];

/** A page in a browser context of its own: one per person, with its own cookies. */
async function personPage(): Promise<Page> {
  if (!browser || !platform) throw new Error('the platform or the browser did not start');
  const context = await newContext(browser, { baseURL: platform.url });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: platform.url });
  context.setDefaultTimeout(30_000);
  contexts.push(context);
  return context.newPage();
}

function ownerLogin(): ShownConnection {
  if (!owner) throw new Error('test 1 did not create the client');
  return owner;
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

/** The connection details of the once-shown panel, read as a person would copy them. */
async function readShownConnection(panel: Locator): Promise<ShownConnection> {
  const item = (term: string) => textOf(definitionOf(panel, term));
  return {
    host: await item('Host'),
    port: Number(await item('Port')),
    database: await item('Database'),
    user: await item('User'),
    password: await item('Password'),
    uri: await item('Connection URI'),
    caFile: await item('CA certificate'),
  };
}

/** Requests the page sends to an /api path matching `path`, from now on. */
function recordRequests(page: Page, method: string, path: RegExp): Request[] {
  const seen: Request[] = [];
  page.on('request', (request) => {
    if (request.method() === method && path.test(new URL(request.url()).pathname)) seen.push(request);
  });
  return seen;
}

async function openClientPage(page: Page): Promise<void> {
  await page.goto(CLIENT_PAGE);
  await page.getByRole('heading', { name: CLIENT_NAME, level: 1 }).waitFor();
}

describe.skipIf(browserSkipReason)("clients' databases in the console", { timeout: 180_000 }, () => {
  beforeAll(async () => {
    smtp = await startSmtp();
    platform = await startPlatform({
      env: {
        OXYGIS_BOOTSTRAP_ADMIN_EMAIL: OPERATOR_EMAIL,
        OXYGIS_BOOTSTRAP_ADMIN_PASSWORD: OPERATOR_PASSWORD,
        OXYGIS_SMTP_URL: smtp.url,
      },
    });
    ca = await readFile(platform.caFile, 'utf8');
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

  it("an operator creates a client and sees its database owner's password once, and it works", async () => {
    const operator = await personPage();
    await signInWithPassword(operator, OPERATOR_EMAIL, OPERATOR_PASSWORD);
    await operator.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clients' }).click();
    await operator.getByRole('heading', { name: 'Clients', level: 1 }).waitFor();

    const form = operator.getByRole('region', { name: 'New client' });
    await form.getByLabel('Name', { exact: true }).fill(CLIENT_NAME);
    await form.getByLabel('Plan', { exact: true }).selectOption({ label: 'Premium' });
    const created = apiResponse(operator, 'POST', '/api/clients');
    await form.getByRole('button', { name: 'Create client' }).click();
    const answer = await created;
    expect(answer.status()).toBe(201);
    expect(answer.request().postDataJSON()).toEqual({ name: CLIENT_NAME, plan: 'premium' });

    const panel = form.getByRole('region', { name: SHOWN_ONCE });
    await panel.waitFor();
    const shown = await readShownConnection(panel);
    expect(shown).toMatchObject({ host: 'localhost', database: CLIENT_DB, user: `${CLIENT_DB}_owner` });
    expect(shown.password.length).toBeGreaterThanOrEqual(16);
    expect(shown.uri).toBe(
      `postgresql://${shown.user}:${encodeURIComponent(shown.password)}@localhost:${shown.port}/${CLIENT_DB}` +
        `?sslmode=verify-full&sslrootcert=${encodeURIComponent(shown.caFile)}`,
    );
    owner = shown;

    // What the page showed really opens the new database, over verified TLS.
    const db = await connectTo(shown, ca);
    expect((await db.query<{ one: number }>('select 1 as one')).rows).toEqual([{ one: 1 }]);
    await db.query('create table orders (id serial primary key, item text not null)');
    await db.query(`insert into orders (item) values ('baguette')`);
    await db.end();

    await panel.getByRole('button', { name: 'Copy URI' }).click();
    expect(await operator.evaluate('navigator.clipboard.readText()')).toBe(shown.uri);

    // The list is updated too, and the password is kept nowhere in the browser.
    const row = rowWith(operator, CLIENT_NAME);
    await row.getByText('Premium', { exact: true }).waitFor();
    expect(await textOf(row.getByRole('cell').first())).toBe(CLIENT_SLUG);
    const stored = await operator.evaluate(
      'JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage), document.cookie])',
    );
    expect(stored).not.toContain(shown.password);

    // Shown once: after a reload it is gone.
    await operator.reload();
    await row.waitFor();
    expect(await operator.getByRole('region', { name: SHOWN_ONCE }).count()).toBe(0);
    expect(await operator.content()).not.toContain(shown.password);

    // The client's page describes the instance, without the password.
    await row.getByRole('link', { name: CLIENT_NAME, exact: true }).click();
    await waitForPath(operator, CLIENT_PAGE);
    await operator.getByRole('heading', { name: CLIENT_NAME, level: 1 }).waitFor();
    const summary = operator.getByRole('region', { name: 'Client', exact: true });
    expect(await textOf(definitionOf(summary, 'Plan'))).toBe('Premium');
    expect(await textOf(definitionOf(summary, 'Status'))).toBe('Active');
    const instance = operator.getByRole('region', { name: 'Database instance' });
    expect(await textOf(definitionOf(instance, 'State'))).toBe('Running');
    expect(await textOf(definitionOf(instance, 'Address'))).toBe(`localhost:${shown.port}/${CLIENT_DB}`);
    expect(await textOf(definitionOf(instance, 'Owner user'))).toBe(shown.user);
    expect(await textOf(definitionOf(instance, 'Disk usage'))).toMatch(/^\d[\d.,]* MB$/);
    expect(await textOf(definitionOf(instance, 'Connection URI').locator('code'))).toBe(
      shown.uri.replace(`:${encodeURIComponent(shown.password)}@`, '@'),
    );
    expect(await textOf(definitionOf(instance, 'CA certificate').locator('code'))).toBe(shown.caFile);
    await operator
      .getByRole('region', { name: 'Recent events' })
      .getByRole('cell', { name: 'Created', exact: true })
      .waitFor();
    expect(await operator.content()).not.toContain(shown.password);
  });

  it('an operator suspends the client (after confirming), its database refuses connections, and resumes it', async () => {
    const login = ownerLogin();
    const operator = await personPage();
    await signInWithPassword(operator, OPERATOR_EMAIL, OPERATOR_PASSWORD);
    await openClientPage(operator);
    const summary = operator.getByRole('region', { name: 'Client', exact: true });
    const status = definitionOf(summary, 'Status');
    const state = definitionOf(operator.getByRole('region', { name: 'Database instance' }), 'State');
    const events = operator.getByRole('region', { name: 'Recent events' });
    expect(await textOf(status)).toBe('Active');

    // Suspend asks first; cancelling sends nothing.
    const suspensions = recordRequests(operator, 'POST', /\/suspend$/);
    await summary.getByRole('button', { name: 'Suspend', exact: true }).click();
    const confirm = summary.getByRole('group', { name: 'Confirm: Suspend' });
    await confirm.getByText(/refuses every connection until the client is resumed/).waitFor();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(await confirm.count()).toBe(0);
    expect(suspensions).toHaveLength(0);
    expect(await loginOutcome(login, ca)).toBe('connected');

    await summary.getByRole('button', { name: 'Suspend', exact: true }).click();
    const suspended = apiResponse(operator, 'POST', `/api/clients/${CLIENT_SLUG}/suspend`);
    await confirm.getByRole('button', { name: 'Yes, suspend' }).click();
    expect((await suspended).status()).toBe(200);
    await status.getByText('Suspended', { exact: true }).waitFor();
    await state.getByText('Suspended', { exact: true }).waitFor();
    await events.getByRole('cell', { name: 'Suspended', exact: true }).waitFor();
    expect(await loginOutcome(login, ca)).toMatch(/ECONNREFUSED|connect/);

    const resumed = apiResponse(operator, 'POST', `/api/clients/${CLIENT_SLUG}/resume`);
    await summary.getByRole('button', { name: 'Resume' }).click();
    expect((await resumed).status()).toBe(200);
    await status.getByText('Active', { exact: true }).waitFor();
    await state.getByText('Running', { exact: true }).waitFor();
    await events.getByRole('cell', { name: 'Resumed', exact: true }).waitFor();
    const db = await connectTo(login, ca);
    expect((await db.query('select item from orders')).rows).toEqual([{ item: 'baguette' }]);
    await db.end();

    // Delete asks first, then says when the client goes and that Resume cancels it.
    await summary.getByRole('button', { name: 'Delete', exact: true }).click();
    const confirmDelete = summary.getByRole('group', { name: 'Confirm: Delete' });
    await confirmDelete.getByText(/Resume cancels the deletion/).waitFor();
    const deleted = apiResponse(operator, 'DELETE', `/api/clients/${CLIENT_SLUG}`);
    await confirmDelete.getByRole('button', { name: 'Yes, delete' }).click();
    const deletion = await deleted;
    expect(deletion.status()).toBe(200);
    const { client } = (await deletion.json()) as { client: { deleteAfter: string } };
    expect(Date.parse(client.deleteAfter)).toBeGreaterThan(Date.now() + 6 * 24 * 3600_000);
    const note = summary.getByText(/^Removed after .*; Resume cancels the deletion/);
    await note.waitFor();
    expect(await note.locator('time').getAttribute('datetime')).toBe(client.deleteAfter);
    await status.getByText('Being deleted', { exact: true }).waitFor();
    expect(await summary.getByRole('button', { name: 'Suspend', exact: true }).count()).toBe(0);
    expect(await loginOutcome(login, ca)).toMatch(/ECONNREFUSED|connect/);

    await operator.reload();
    await note.waitFor();
    const restored = apiResponse(operator, 'POST', `/api/clients/${CLIENT_SLUG}/resume`);
    await summary.getByRole('button', { name: 'Resume' }).click();
    expect((await restored).status()).toBe(200);
    await status.getByText('Active', { exact: true }).waitFor();
    expect(await note.count()).toBe(0);
    expect(await loginOutcome(login, ca)).toBe('connected');
  });

  it('a client administrator grants itself a read and write login, rotates it and revokes it', async () => {
    if (!platform || !smtp) throw new Error('the platform did not start');
    const ops = await apiSignIn(platform, OPERATOR_EMAIL, OPERATOR_PASSWORD);
    await invite(
      platform,
      smtp,
      ops,
      { email: ADMIN_EMAIL, role: 'client_admin', client: CLIENT_SLUG, displayName: ADMIN_NAME },
      ADMIN_PASSWORD,
    );

    const admin = await personPage();
    await signInWithPassword(admin, ADMIN_EMAIL, ADMIN_PASSWORD);
    expect(await navLabels(admin)).toEqual([
      'Overview',
      'Database',
      'Support',
      'Response targets',
      'Users',
      'Audit log',
      'Responsibilities',
      'Profile',
    ]);
    await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Database' }).click();
    await waitForPath(admin, CLIENT_PAGE);
    await admin.getByRole('heading', { name: CLIENT_NAME, level: 1 }).waitFor();
    // Its own client's page, without the operator's actions.
    expect(await admin.getByRole('button', { name: 'Suspend' }).count()).toBe(0);
    expect(await admin.getByRole('button', { name: 'Delete' }).count()).toBe(0);

    const logins = admin.getByRole('region', { name: 'Personal database logins' });
    await logins.getByText('Nobody has a personal login yet.').waitFor();
    await logins
      .getByLabel('Person', { exact: true })
      .selectOption({ label: `${ADMIN_NAME} (${ADMIN_EMAIL})` });
    await logins.getByLabel('Mode', { exact: true }).selectOption({ label: 'Read and write' });
    const granted = apiResponse(admin, 'PUT', /^\/api\/clients\/[^/]+\/credentials\/[^/]+$/);
    await logins.getByRole('button', { name: 'Grant login' }).click();
    const grant = await granted;
    expect(grant.status()).toBe(201);
    expect(grant.request().postDataJSON()).toEqual({ mode: 'read_write' });

    const panel = logins.getByRole('region', { name: SHOWN_ONCE });
    await panel.getByText(`Login for ${ADMIN_EMAIL}`, { exact: false }).waitFor();
    const first = await readShownConnection(panel);
    expect(first.user).toMatch(new RegExp(`^${CLIENT_DB}_u_[0-9a-f]{8}$`));
    expect(first.database).toBe(CLIENT_DB);
    const row = rowWith(admin, ADMIN_EMAIL);
    expect(await textOf(row.getByRole('cell').nth(0))).toBe(first.user);
    expect(await textOf(row.getByRole('cell').nth(1))).toBe('Read and write');
    expect(await textOf(row.getByRole('cell').nth(3))).toBe('Never');
    // Read and write: it adds a row to the owner's table.
    expect(await statementOutcome(first, ca, `insert into orders (item) values ('croissant')`)).toBe('ok');

    const rotated = apiResponse(admin, 'POST', /\/credentials\/[^/]+\/rotate$/);
    await row.getByRole('button', { name: `Rotate the password of ${ADMIN_EMAIL}` }).click();
    expect((await rotated).status()).toBe(200);
    await panel.getByText(`New password for ${ADMIN_EMAIL}`, { exact: false }).waitFor();
    const second = await readShownConnection(panel);
    expect(second.user).toBe(first.user);
    expect(second.password).not.toBe(first.password);
    expect(await loginOutcome(first, ca)).toMatch(/password authentication failed/);
    expect(await loginOutcome(second, ca)).toBe('connected');
    await expect.poll(() => textOf(row.getByRole('cell').nth(3))).not.toBe('Never');

    await panel.getByRole('button', { name: 'I have stored it' }).click();
    expect(await panel.count()).toBe(0);
    expect(await admin.content()).not.toContain(second.password);

    // Revoke asks first, then the role is gone.
    await row.getByRole('button', { name: `Revoke the login of ${ADMIN_EMAIL}` }).click();
    const confirm = row.getByRole('group', { name: `Confirm: Revoke the login of ${ADMIN_EMAIL}` });
    await confirm.getByText(/open sessions end/).waitFor();
    const revoked = apiResponse(admin, 'DELETE', /^\/api\/clients\/[^/]+\/credentials\/[^/]+$/);
    await confirm.getByRole('button', { name: 'Yes, revoke' }).click();
    expect((await revoked).status()).toBe(204);
    await logins.getByText('Nobody has a personal login yet.').waitFor();
    expect(await row.count()).toBe(0);
    expect(await loginOutcome(second, ca)).toMatch(/password authentication failed|no pg_hba\.conf entry/);
  });

  it('a client user needs the right first, then sees only its own login and rotates it', async () => {
    if (!platform || !smtp) throw new Error('the platform did not start');
    const ops = await apiSignIn(platform, OPERATOR_EMAIL, OPERATOR_PASSWORD);
    await invite(
      platform,
      smtp,
      ops,
      { email: USER_EMAIL, role: 'client_user', client: CLIENT_SLUG, displayName: USER_NAME },
      USER_PASSWORD,
    );

    const admin = await personPage();
    await signInWithPassword(admin, ADMIN_EMAIL, ADMIN_PASSWORD);
    await openClientPage(admin);
    const logins = admin.getByRole('region', { name: 'Personal database logins' });
    const person = logins.getByLabel('Person', { exact: true });
    const userOption = `${USER_NAME} (${USER_EMAIL}), needs the database credentials right`;
    await person.selectOption({ label: userOption });
    const refused = apiResponse(admin, 'PUT', /^\/api\/clients\/[^/]+\/credentials\/[^/]+$/);
    await logins.getByRole('button', { name: 'Grant login' }).click();
    const refusal = await refused;
    expect(refusal.status()).toBe(400);
    const { message } = (await refusal.json()) as { message: string };
    const alert = logins.getByRole('alert').filter({ hasText: message });
    await alert.waitFor();
    await alert.getByRole('link', { name: 'Users page' }).click();
    await waitForPath(admin, '/users');
    const right = admin.getByRole('checkbox', {
      name: `database credentials for ${USER_EMAIL}`,
      exact: true,
    });
    const rightsSaved = apiResponse(admin, 'PUT', /^\/api\/accounts\/[^/]+\/rights$/);
    await right.check();
    expect((await rightsSaved).status()).toBe(200);

    await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Database' }).click();
    await person.selectOption({ label: `${USER_NAME} (${USER_EMAIL})` });
    const granted = apiResponse(admin, 'PUT', /^\/api\/clients\/[^/]+\/credentials\/[^/]+$/);
    await logins.getByRole('button', { name: 'Grant login' }).click();
    const grant = await granted;
    expect(grant.status()).toBe(201);
    expect(grant.request().postDataJSON()).toEqual({ mode: 'read_only' });
    const adminPanel = logins.getByRole('region', { name: SHOWN_ONCE });
    const issued = await readShownConnection(adminPanel);
    expect(await statementOutcome(issued, ca, 'select count(*) from orders')).toBe('ok');
    expect(await statementOutcome(issued, ca, `insert into orders (item) values ('eclair')`)).toMatch(
      /permission denied/,
    );

    // The user gets the Database entry, sees its own login only and may rotate, not revoke.
    const user = await personPage();
    await signInWithPassword(user, USER_EMAIL, USER_PASSWORD);
    expect(await navLabels(user)).toEqual(['Overview', 'Database', 'Responsibilities', 'Profile']);
    await user.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Database' }).click();
    await waitForPath(user, CLIENT_PAGE);
    const own = user.getByRole('region', { name: 'Personal database logins' });
    const row = rowWith(user, USER_EMAIL);
    await row.waitFor();
    expect(await own.getByRole('row').count()).toBe(2);
    expect(await textOf(row.getByRole('cell').nth(1))).toBe('Read only');
    expect(await own.getByRole('button', { name: /Revoke/ }).count()).toBe(0);
    expect(await own.getByRole('button', { name: 'Grant login' }).count()).toBe(0);
    expect(await user.getByRole('button', { name: 'Suspend' }).count()).toBe(0);

    await row.getByRole('button', { name: `Rotate the password of ${USER_EMAIL}` }).click();
    const panel = own.getByRole('region', { name: SHOWN_ONCE });
    await panel.getByText(`New password for ${USER_EMAIL}`, { exact: false }).waitFor();
    const rotated = await readShownConnection(panel);
    expect(rotated.user).toBe(issued.user);
    expect(await loginOutcome(issued, ca)).toMatch(/password authentication failed/);
    expect(await loginOutcome(rotated, ca)).toBe('connected');
  });
});
