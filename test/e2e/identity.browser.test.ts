import { generate } from 'otplib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserSkipReason, launchBrowser, newContext } from '../support/browser.js';
import {
  apiResponse,
  definitionOf,
  onPlatform,
  pathOf,
  rowWith,
  signIn,
  totpStep,
  waitForPath,
  waitForTotpStepAfter,
} from '../support/console-ui.js';
import { removeDir, startPlatform, type RunningPlatform } from '../support/platform.js';
import { linkIn, startSmtp, type ReceivedMail, type TestSmtp } from '../support/smtp.js';

// The tests build on each other, in order: the operator creates the client and its administrator
// (1), who invites a user (2); the user sets up two-factor (3); the administrator makes it
// mandatory (4); the operator resets a forgotten password (5).
const OPERATOR_EMAIL = 'ops@example.test';
const OPERATOR_PASSWORD = 'granite puffin harbour 19';
const OPERATOR_NEW_PASSWORD = 'saffron glacier tuba 86';
const CLIENT_NAME = 'Brasserie Dupont';
const CLIENT_SLUG = 'brasserie-dupont';
const ADMIN_EMAIL = 'camille@brasserie-dupont.test';
const ADMIN_NAME = 'Camille Dupont';
const ADMIN_PASSWORD = 'lantern orchid velvet 73';
const USER_EMAIL = 'jules@brasserie-dupont.test';
const USER_NAME = 'Jules Martin';
const USER_PASSWORD = 'copper meadow zephyr 58';
const CODE_LABEL = 'Code from your authenticator app (or a recovery code)';

let smtp: TestSmtp | undefined;
let platform: RunningPlatform | undefined;
let browser: Browser | undefined;
const contexts: BrowserContext[] = [];

/** A page in a browser context of its own: one per person, with its own cookies. */
async function personPage(): Promise<Page> {
  if (!browser || !platform) throw new Error('the platform or the browser did not start');
  const context = await newContext(browser, { baseURL: platform.url });
  context.setDefaultTimeout(20_000);
  contexts.push(context);
  return context.newPage();
}

function mailTo(email: string, path: string): Promise<ReceivedMail> {
  if (!smtp) throw new Error('the SMTP server did not start');
  return smtp.waitFor((mail) => mail.to.includes(email) && mail.text.includes(path));
}

/** Opens the invitation link of the mail to `email`, chooses a password and lands signed in. */
async function acceptInvitation(email: string, password: string): Promise<Page> {
  if (!platform) throw new Error('the platform did not start');
  const mail = await mailTo(email, '/accept-invitation');
  expect(mail.text).not.toContain(password);
  const page = await personPage();
  await page.goto(onPlatform(linkIn(mail, '/accept-invitation'), platform.url));
  await page.getByRole('heading', { name: 'Welcome to Oxygis Cloud', level: 1 }).waitFor();
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Repeat password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Activate account' }).click();
  await waitForPath(page, '/');
  await page.getByRole('banner').getByText(email).waitFor();
  return page;
}

async function navLabels(page: Page): Promise<string[]> {
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Profile' }).waitFor();
  return (await nav.getByRole('link').allTextContents()).map((label) => label.trim());
}

async function signInWithPassword(page: Page, email: string, password: string): Promise<void> {
  await signIn(page, email, password);
  await waitForPath(page, '/');
  await page.getByRole('banner').getByText(email).waitFor();
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await waitForPath(page, '/sign-in');
}

/**
 * Turns on two-factor from the profile's section (on /profile, or the enrolment gate) and
 * returns the secret, the time step of the code used, and the recovery codes.
 */
async function enrollTotp(
  page: Page,
  password: string,
): Promise<{ secret: string; usedStep: number; recoveryCodes: string[] }> {
  const section = page.getByRole('region', { name: 'Two-factor authentication' });
  await section.getByLabel('Password', { exact: true }).fill(password);
  await section.getByRole('button', { name: 'Set up two-factor' }).click();

  const qr = section.getByRole('img', { name: /QR code/ });
  await qr.waitFor();
  expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;utf8,%3C/);
  // The CSP lets data: images through: the QR code really renders.
  expect(
    await qr.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
  ).toBeGreaterThan(0);

  const secret = ((await definitionOf(section, 'Setup key').textContent()) ?? '').replace(/\s/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  const now = Date.now();
  const code = await generate({ secret, epoch: Math.floor(now / 1000) });
  await section.getByLabel('Code from your authenticator app', { exact: true }).fill(code);
  await section.getByRole('button', { name: 'Turn on two-factor' }).click();

  const codes = section.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
  await codes.first().waitFor();
  const recoveryCodes = (await codes.allTextContents()).map((text) => text.trim());
  expect(recoveryCodes.length).toBeGreaterThanOrEqual(8);
  expect(new Set(recoveryCodes).size).toBe(recoveryCodes.length);
  await section.getByRole('button', { name: 'I have stored my recovery codes' }).click();
  return { secret, usedStep: totpStep(now), recoveryCodes };
}

describe.skipIf(browserSkipReason)('identity and access in the console', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    smtp = await startSmtp();
    platform = await startPlatform({
      env: {
        OXYGIS_BOOTSTRAP_ADMIN_EMAIL: OPERATOR_EMAIL,
        OXYGIS_BOOTSTRAP_ADMIN_PASSWORD: OPERATOR_PASSWORD,
        OXYGIS_SMTP_URL: smtp.url,
      },
    });
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

  it('an operator creates a client and invites its administrator, who chooses a password and is signed in', async () => {
    const operator = await personPage();
    await signInWithPassword(operator, OPERATOR_EMAIL, OPERATOR_PASSWORD);
    expect(await navLabels(operator)).toEqual([
      'Overview',
      'Clients',
      'Helpdesk',
      'Duty roster',
      'Response targets',
      'Incidents',
      'Maintenance',
      'Force majeure',
      'Service options',
      'Users',
      'Audit log',
      'Responsibilities',
      'Profile',
    ]);

    await operator.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clients' }).click();
    await operator.getByRole('heading', { name: 'Clients', level: 1 }).waitFor();
    const newClient = operator.getByRole('region', { name: 'New client' });
    await newClient.getByLabel('Name', { exact: true }).fill(CLIENT_NAME);
    const created = apiResponse(operator, 'POST', '/api/clients');
    await newClient.getByRole('button', { name: 'Create client' }).click();
    expect((await created).status()).toBe(201);
    const clientRow = rowWith(operator, CLIENT_NAME);
    await clientRow.waitFor();
    expect(await clientRow.getByRole('cell').first().textContent()).toBe(CLIENT_SLUG);

    await operator.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
    await operator.getByRole('heading', { name: 'Users & rights', level: 1 }).waitFor();
    await operator.getByLabel('Client', { exact: true }).selectOption({ label: CLIENT_NAME });
    await operator.waitForURL((url) => url.searchParams.get('client') === CLIENT_SLUG);

    const invite = operator.getByRole('region', { name: 'Invite a user' });
    await invite.getByLabel('E-mail').fill(ADMIN_EMAIL);
    await invite.getByLabel('Name', { exact: true }).fill(ADMIN_NAME);
    await invite.getByLabel('Role').selectOption({ label: 'Client administrator' });
    const invited = apiResponse(operator, 'POST', '/api/accounts');
    await invite.getByRole('button', { name: 'Send invitation' }).click();
    const response = await invited;
    expect(response.status()).toBe(201);
    expect(response.request().postDataJSON()).toEqual({
      email: ADMIN_EMAIL,
      displayName: ADMIN_NAME,
      role: 'client_admin',
      client: CLIENT_SLUG,
    });
    await invite
      .getByRole('status')
      .filter({ hasText: `Invitation sent to ${ADMIN_EMAIL}` })
      .waitFor();
    const adminRow = rowWith(operator, ADMIN_EMAIL);
    await adminRow.getByText('Invited', { exact: true }).waitFor();
    expect(await adminRow.getByRole('cell').nth(1).textContent()).toBe('Client administrator');

    const admin = await acceptInvitation(ADMIN_EMAIL, ADMIN_PASSWORD);
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

    await operator.reload();
    await rowWith(operator, ADMIN_EMAIL).getByText('Active', { exact: true }).waitFor();
  });

  it("the client's administrator invites a user, grants and revokes a right, and reads it in the audit log", async () => {
    const admin = await personPage();
    await signInWithPassword(admin, ADMIN_EMAIL, ADMIN_PASSWORD);
    await admin.goto('/users');
    await admin.getByRole('heading', { name: 'Users & rights', level: 1 }).waitFor();
    await rowWith(admin, ADMIN_EMAIL).waitFor();
    // Its own client only, and only client users to invite.
    expect(await admin.getByLabel('Client', { exact: true }).count()).toBe(0);
    const invite = admin.getByRole('region', { name: 'Invite a user' });
    expect(await invite.getByLabel('Role').count()).toBe(0);

    await invite.getByLabel('E-mail').fill(USER_EMAIL);
    await invite.getByLabel('Name', { exact: true }).fill(USER_NAME);
    const invited = apiResponse(admin, 'POST', '/api/accounts');
    await invite.getByRole('button', { name: 'Send invitation' }).click();
    expect((await invited).status()).toBe(201);
    await rowWith(admin, USER_EMAIL).getByText('Invited', { exact: true }).waitFor();

    const user = await acceptInvitation(USER_EMAIL, USER_PASSWORD);
    // Every account of a client sees its client's page (availability); sections follow the rights.
    expect(await navLabels(user)).toEqual(['Overview', 'Database', 'Responsibilities', 'Profile']);

    await admin.reload();
    await rowWith(admin, USER_EMAIL).getByText('Active', { exact: true }).waitFor();
    const tickets = admin.getByRole('checkbox', { name: `tickets for ${USER_EMAIL}`, exact: true });
    const reports = admin.getByRole('checkbox', { name: `reports for ${USER_EMAIL}`, exact: true });
    const backups = admin.getByRole('checkbox', { name: `backups for ${USER_EMAIL}`, exact: true });
    const rightsChange = () => apiResponse(admin, 'PUT', /^\/api\/accounts\/[^/]+\/rights$/);
    await tickets.waitFor();
    expect(await tickets.isChecked()).toBe(false);

    const granted = rightsChange();
    await tickets.check();
    const grant = await granted;
    expect(grant.status()).toBe(200);
    expect(grant.request().postDataJSON()).toEqual({ rights: ['tickets'] });
    await admin.reload();
    await tickets.waitFor();
    expect(await tickets.isChecked()).toBe(true);
    expect(await backups.isChecked()).toBe(false);

    // The user sees the right on its profile.
    await user.goto('/profile');
    expect(await definitionOf(user, 'Rights').textContent()).toBe('Tickets');

    // Each change sends the whole list: a second right keeps the first.
    const added = rightsChange();
    await reports.check();
    expect((await added).request().postDataJSON()).toEqual({ rights: ['tickets', 'reports'] });

    const revoked = rightsChange();
    await tickets.uncheck();
    const revoke = await revoked;
    expect(revoke.status()).toBe(200);
    expect(revoke.request().postDataJSON()).toEqual({ rights: ['reports'] });
    await admin.reload();
    await tickets.waitFor();
    expect(await tickets.isChecked()).toBe(false);
    expect(await reports.isChecked()).toBe(true);

    await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
    await admin.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    const changes = admin.getByRole('row').filter({ hasText: 'account.rights_changed' });
    await changes.first().waitFor();
    expect(await changes.count()).toBe(3);
    // Newest first: the revocation, then the two grants.
    expect(await changes.nth(0).textContent()).toContain('revoked: tickets');
    expect(await changes.nth(1).textContent()).toContain('granted: reports');
    expect(await changes.nth(2).textContent()).toContain('granted: tickets');
    expect(await changes.nth(0).textContent()).toContain(ADMIN_EMAIL);

    const csvLink = admin.getByRole('link', { name: 'Download CSV' });
    const href = await csvLink.getAttribute('href');
    expect(href).toContain('format=csv');
    expect(await csvLink.getAttribute('download')).not.toBeNull();
    const csv = await admin.request.get(href ?? '');
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect(await csv.text()).toContain('account.rights_changed');
  });

  it('signs in with a second factor once TOTP is set up on the profile page', async () => {
    const user = await personPage();
    await signInWithPassword(user, USER_EMAIL, USER_PASSWORD);
    await user.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Profile' }).click();
    const section = user.getByRole('region', { name: 'Two-factor authentication' });
    await section.getByText(/Two-factor authentication is off/).waitFor();

    const { secret, usedStep, recoveryCodes } = await enrollTotp(user, USER_PASSWORD);
    await section.getByText(/Two-factor authentication is on/).waitFor();
    await user.reload();
    await section.getByText(/Two-factor authentication is on/).waitFor();

    await signOut(user);
    const firstStep = apiResponse(user, 'POST', '/api/auth/login');
    await signIn(user, USER_EMAIL, USER_PASSWORD);
    const passwordOnly = await firstStep;
    expect(passwordOnly.status()).toBe(401);
    expect(((await passwordOnly.json()) as { error: string }).error).toBe('mfa_required');
    const codeField = user.getByLabel(CODE_LABEL, { exact: true });
    await codeField.waitFor();
    expect(pathOf(user)).toBe('/sign-in');
    expect(await user.getByRole('alert').count()).toBe(0);
    expect((await user.request.get('/api/auth/session')).status()).toBe(401);

    // A wrong code is refused, with the server's message.
    const current = await generate({ secret });
    const wrong = String((Number(current) + 500_000) % 1_000_000).padStart(6, '0');
    await codeField.fill(wrong);
    const refused = apiResponse(user, 'POST', '/api/auth/login');
    await user.getByRole('button', { name: 'Sign in' }).click();
    const refusal = await refused;
    expect(refusal.status()).toBe(401);
    const { message } = (await refusal.json()) as { message: string };
    await user.getByRole('alert').filter({ hasText: message }).waitFor();
    expect(pathOf(user)).toBe('/sign-in');

    // The code the app shows next signs in.
    await waitForTotpStepAfter(usedStep);
    await codeField.fill(await generate({ secret }));
    await user.getByRole('button', { name: 'Sign in' }).click();
    await waitForPath(user, '/');
    await user.getByRole('banner').getByText(USER_EMAIL).waitFor();

    // So does a recovery code, instead of the app's code.
    await signOut(user);
    await signIn(user, USER_EMAIL, USER_PASSWORD);
    await codeField.fill(recoveryCodes[0] ?? '');
    await user.getByRole('button', { name: 'Sign in' }).click();
    await waitForPath(user, '/');
    await user.getByRole('banner').getByText(USER_EMAIL).waitFor();
  });

  it('once the administrator requires two-factor, the console asks for it before anything else', async () => {
    const admin = await personPage();
    await signInWithPassword(admin, ADMIN_EMAIL, ADMIN_PASSWORD);
    await admin.goto('/users');
    const setting = admin.getByRole('checkbox', { name: 'Require two-factor for our users' });
    await setting.waitFor();
    expect(await setting.isChecked()).toBe(false);
    const saved = apiResponse(admin, 'PUT', `/api/clients/${CLIENT_SLUG}/settings`);
    await setting.click();
    expect((await saved).status()).toBe(200);

    // The administrator has no second factor yet: only the enrolment and signing out are left.
    const gate = admin.getByText('Set up two-factor authentication to continue.');
    await gate.waitFor();
    await waitForPath(admin, '/profile');
    expect(await admin.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
    expect(await admin.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
    await admin.goto('/audit');
    await gate.waitFor();
    await waitForPath(admin, '/profile');
    expect(await admin.getByRole('heading', { name: 'Audit log' }).count()).toBe(0);
    const refused = await admin.request.get('/api/accounts');
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { error: string }).error).toBe('mfa_enrollment_required');

    await enrollTotp(admin, ADMIN_PASSWORD);
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
    await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
    await setting.waitFor();
    expect(await setting.isChecked()).toBe(true);
    await rowWith(admin, USER_EMAIL).waitFor();
    expect(await rowWith(admin, USER_EMAIL).getByRole('cell').nth(3).textContent()).toBe('On');
  });

  it('resets a forgotten password with the e-mailed link', async () => {
    if (!platform) throw new Error('the platform did not start');
    const operator = await personPage();
    await operator.goto('/sign-in');
    await operator.getByRole('link', { name: 'Forgot your password?' }).click();
    await waitForPath(operator, '/forgot-password');
    await operator.getByLabel('E-mail').fill(OPERATOR_EMAIL);
    const requested = apiResponse(operator, 'POST', '/api/auth/password-reset');
    await operator.getByRole('button', { name: 'Send reset link' }).click();
    const answer = await requested;
    expect(answer.status()).toBe(202);
    const { message } = (await answer.json()) as { message: string };
    await operator.getByRole('status').filter({ hasText: message }).waitFor();

    const mail = await mailTo(OPERATOR_EMAIL, '/reset-password');
    await operator.goto(onPlatform(linkIn(mail, '/reset-password'), platform.url));
    await operator.getByLabel('New password', { exact: true }).fill(OPERATOR_NEW_PASSWORD);
    await operator.getByLabel('Repeat new password', { exact: true }).fill(OPERATOR_NEW_PASSWORD);
    await operator.getByRole('button', { name: 'Change password' }).click();
    await waitForPath(operator, '/sign-in');
    await operator.getByText('Password changed; sign in').waitFor();

    const oldPassword = apiResponse(operator, 'POST', '/api/auth/login');
    await signIn(operator, OPERATOR_EMAIL, OPERATOR_PASSWORD);
    expect((await oldPassword).status()).toBe(401);
    await operator.getByRole('alert').waitFor();
    await signInWithPassword(operator, OPERATOR_EMAIL, OPERATOR_NEW_PASSWORD);
  });
});
