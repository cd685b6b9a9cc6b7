import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { signIn as apiSignIn } from '../support/actors.js';
import { browserSkipReason, launchBrowser, newContext } from '../support/browser.js';
import { apiResponse, definitionOf, signIn, waitForPath } from '../support/console-ui.js';
import { removeDir, startPlatform, type RunningPlatform } from '../support/platform.js';

const OPERATOR_EMAIL = 'ops@oxygis-hosting.test';
const OPERATOR_PASSWORD = 'walnut trombone glacier 41';
const CLIENT_NAME = 'Cidrerie Lemoine';
const CLIENT_SLUG = 'cidrerie-lemoine';

let platform: RunningPlatform | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;

describe.skipIf(browserSkipReason)("a client's backups in the console", { timeout: 180_000 }, () => {
  beforeAll(async () => {
    platform = await startPlatform({
      env: {
        OXYGIS_BOOTSTRAP_ADMIN_EMAIL: OPERATOR_EMAIL,
        OXYGIS_BOOTSTRAP_ADMIN_PASSWORD: OPERATOR_PASSWORD,
      },
    });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await platform?.stop();
    if (platform) await removeDir(platform.dataDir);
  }, 120_000);

  it('an operator sees the archiving status and takes a base backup now', async () => {
    if (!browser || !platform) throw new Error('the platform or the browser did not start');
    const operatorApi = await apiSignIn(platform, OPERATOR_EMAIL, OPERATOR_PASSWORD);
    const created = await operatorApi.call('/api/clients', { method: 'POST', body: { name: CLIENT_NAME } });
    expect(created.status).toBe(201);

    context = await newContext(browser, { baseURL: platform.url });
    context.setDefaultTimeout(30_000);
    const page = await context.newPage();
    await signIn(page, OPERATOR_EMAIL, OPERATOR_PASSWORD);
    await waitForPath(page, '/');
    await page.goto(`/clients/${CLIENT_SLUG}`);
    await page.getByRole('heading', { name: CLIENT_NAME, level: 1 }).waitFor();

    const section = page.getByRole('region', { name: 'Backups' });
    await section.getByRole('heading', { name: 'Continuous archiving', level: 3 }).waitFor();
    await expect.poll(async () => definitionOf(section, 'Targets').textContent()).toBe('zone-a, zone-b');
    expect(
      await definitionOf(section, 'Status')
        .getByText(/^(OK|Warning|Breach)$/)
        .count(),
    ).toBe(1);

    const table = section.getByRole('table', { name: 'Base backups, newest first' });
    const rowsBefore = (await table.count()) === 0 ? 0 : await table.locator('tbody tr').count();

    const taken = apiResponse(page, 'POST', `/api/clients/${CLIENT_SLUG}/backups`);
    await section.getByRole('button', { name: 'Take a backup now' }).click();
    const answer = await taken;
    expect(answer.status()).toBe(201);
    const { backup } = (await answer.json()) as { backup: { startedAt: string; status: string } };
    expect(backup.status).toBe('done');

    await section.getByRole('button', { name: 'Take a backup now' }).waitFor();
    await expect.poll(async () => table.locator('tbody tr').count()).toBe(rowsBefore + 1);
    const newest = table.locator('tbody tr').first();
    await expect
      .poll(async () => (await newest.getByRole('cell').allTextContents()).map((text) => text.trim()))
      .toEqual(expect.arrayContaining(['Done', 'zone-a, zone-b', 'None', '—']));
    expect(await newest.locator(`time[datetime="${backup.startedAt}"]`).count()).toBe(1);
  });
});
