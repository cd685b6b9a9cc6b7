import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { browserSkipReason, launchBrowser, newContext } from '../support/browser.js';
import { removeDir, startPlatform, type RunningPlatform } from '../support/platform.js';

const ADMIN_EMAIL = 'ops@example.test';
const ADMIN_PASSWORD = 'correct horse battery staple 42';

let platform: RunningPlatform | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let page: Page;

function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}

async function waitForSignInPage(page: Page): Promise<void> {
  await page.waitForURL((url) => url.pathname === '/sign-in');
  await page.getByRole('heading', { name: 'Oxygis Cloud', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
}

/** The <dd> that follows the <dt> with exactly this text (ARIA gives definitions no accessible name). */
function definitionOf(page: Page, term: string): Locator {
  return page
    .getByRole('term')
    .and(page.getByText(term, { exact: true }))
    .locator('xpath=following-sibling::dd[1]');
}

async function signIn(page: Page, password: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('E-mail').fill(ADMIN_EMAIL);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe.skipIf(browserSkipReason)('web console', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    platform = await startPlatform({
      env: {
        OXYGIS_BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL,
        OXYGIS_BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
      },
    });
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    if (platform) await removeDir(platform.dataDir);
  }, 120_000);

  beforeEach(async () => {
    if (!browser || !platform) throw new Error('the platform or the browser did not start');
    context = await newContext(browser, { baseURL: platform.url });
    context.setDefaultTimeout(20_000);
    page = await context.newPage();
  });

  afterEach(async () => {
    await context?.close();
  });

  it('sends a signed-out visitor of / to the sign-in page', async () => {
    await page.goto('/');
    await waitForSignInPage(page);

    expect(await page.getByLabel('E-mail').isVisible()).toBe(true);
    expect(await page.getByLabel('Password', { exact: true }).isVisible()).toBe(true);
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
  });

  it("shows the server's message when the password is wrong and stays on sign-in", async () => {
    const loginResponse = page.waitForResponse(
      (response) => new URL(response.url()).pathname === '/api/auth/login',
    );
    await signIn(page, 'not the password at all');
    const response = await loginResponse;
    expect(response.status()).toBe(401);
    const { message } = (await response.json()) as { message: string };
    expect(message.length).toBeGreaterThan(0);

    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect((await alert.textContent())?.trim()).toBe(message);
    expect(pathOf(page)).toBe('/sign-in');
    expect(await page.getByRole('button', { name: 'Sign in' }).isEnabled()).toBe(true);
  });

  it('signs in and shows the shell with the account and the platform status', async () => {
    await signIn(page, ADMIN_PASSWORD);
    await page.waitForURL((url) => url.pathname === '/');

    const banner = page.getByRole('banner');
    await banner.getByText(ADMIN_EMAIL).waitFor();
    expect(await banner.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);

    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link', { name: 'Overview' }).getAttribute('aria-current')).toBe('page');
    expect(await page.getByRole('heading', { name: 'Overview', level: 1 }).isVisible()).toBe(true);

    const serverVersion = definitionOf(page, 'Database server version');
    await serverVersion.waitFor();
    expect(await serverVersion.textContent()).toMatch(/\d+\.\d+/);
    expect(await definitionOf(page, 'Version').textContent()).toMatch(/\S/);
  });

  it('signs out back to the sign-in page, and / stays signed out after a reload', async () => {
    await signIn(page, ADMIN_PASSWORD);
    await page.getByRole('banner').getByText(ADMIN_EMAIL).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await waitForSignInPage(page);

    await page.goto('/');
    await waitForSignInPage(page);
    expect(await page.getByText(ADMIN_EMAIL).count()).toBe(0);

    const session = await page.request.get('/api/auth/session');
    expect(session.status()).toBe(401);
  });
});
