import { readFile, stat } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { invite, signIn as apiSignIn } from '../support/actors.js';
import { browserSkipReason, launchBrowser, newContext } from '../support/browser.js';
import { connectTo, type DatabaseLogin } from '../support/client-db.js';
import { apiResponse, definitionOf, signIn, waitForPath } from '../support/console-ui.js';
import { removeDir, startPlatform, type RunningPlatform } from '../support/platform.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';

const OPERATOR_EMAIL = 'ops@oxygis-hosting.test';
const OPERATOR_PASSWORD = 'walnut trombone glacier 41';
const VIEWER_EMAIL = 'compta@cidrerie-lemoine.test';
const VIEWER_PASSWORD = 'orchard ledger pebble 73';
const CLIENT_NAME = 'Cidrerie Lemoine';
const CLIENT_SLUG = 'cidrerie-lemoine';
const CLIENT_PAGE = `/clients/${CLIENT_SLUG}`;
/** The browser's zone: the restore form turns its wall-clock time into an instant in this zone. */
const BROWSER_ZONE = 'Europe/Paris';

let platform: RunningPlatform | undefined;
let smtp: TestSmtp | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let page: Page | undefined;
/** The owner login of the client's database, from its creation. */
let owner: DatabaseLogin | undefined;

interface Restore {
  id: string;
  status: string;
  phase: string;
  durationMs: number | null;
  recoveredUpTo: string | null;
  previousDataDir: string | null;
  previousRemovedAt: string | null;
}

/** "2026-11-29T10:15:30": how a person in `zone` reads the instant on a wall clock. */
function wallClock(instant: Date, zone: string): string {
  const parts = new Intl.DateTimeFormat('sv-SE', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
  return parts.replace(' ', 'T');
}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

function backupsOf(scope: Page): Locator {
  return scope.getByRole('region', { name: 'Backups', exact: true });
}

describe.skipIf(browserSkipReason)("a client's backups in the console", { timeout: 180_000 }, () => {
  beforeAll(async () => {
    smtp = await startSmtp();
    platform = await startPlatform({
      env: {
        OXYGIS_BOOTSTRAP_ADMIN_EMAIL: OPERATOR_EMAIL,
        OXYGIS_BOOTSTRAP_ADMIN_PASSWORD: OPERATOR_PASSWORD,
        OXYGIS_SMTP_URL: smtp.url,
        // A change reaches the archive within seconds, so a restore to the latest state has it.
        OXYGIS_ARCHIVE_TIMEOUT_SECONDS: '5',
      },
    });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await platform?.stop();
    await smtp?.stop();
    if (platform) await removeDir(platform.dataDir);
  }, 120_000);

  it('an operator sees the archiving status and takes a base backup now', async () => {
    if (!browser || !platform) throw new Error('the platform or the browser did not start');
    const operatorApi = await apiSignIn(platform, OPERATOR_EMAIL, OPERATOR_PASSWORD);
    const created = await operatorApi.call('/api/clients', { method: 'POST', body: { name: CLIENT_NAME } });
    expect(created.status).toBe(201);
    owner = (created.json as { connection: DatabaseLogin }).connection;

    context = await newContext(browser, { baseURL: platform.url, timezoneId: BROWSER_ZONE });
    context.setDefaultTimeout(30_000);
    page = await context.newPage();
    await signIn(page, OPERATOR_EMAIL, OPERATOR_PASSWORD);
    await waitForPath(page, '/');
    await page.goto(CLIENT_PAGE);
    await page.getByRole('heading', { name: CLIENT_NAME, level: 1 }).waitFor();

    const section = backupsOf(page);
    await section.getByRole('heading', { name: 'Continuous archiving', level: 3 }).waitFor();
    await expect.poll(async () => definitionOf(section, 'Targets').textContent()).toBe('zone-a, zone-b');
    expect(
      await definitionOf(section, 'Status')
        .getByText(/^(OK|Warning|Breach)$/)
        .count(),
    ).toBe(1);
    const targetStates = section.getByRole('list', { name: 'Targets and their state' });
    expect((await targetStates.getByRole('listitem').allTextContents()).map((text) => text.trim())).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^zone-a (Up to date|Catching up \(\d+ WAL segment\(s\) missing\))$/),
        expect.stringMatching(/^zone-b (Up to date|Catching up \(\d+ WAL segment\(s\) missing\))$/),
      ]),
    );
    // Before the first base backup nothing can be restored.
    const window = section.getByRole('region', { name: 'Recoverable window' });
    await window.getByText('Nothing can be restored yet', { exact: false }).waitFor();

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
      .toEqual(expect.arrayContaining(['Done', 'zone-a, zone-b', 'None', 'Not verified yet', '—']));
    expect(await newest.locator(`time[datetime="${backup.startedAt}"]`).count()).toBe(1);
  });

  it('an operator changes the retention policy, then puts the platform defaults back', async () => {
    if (!page) throw new Error('the first test did not open the client page');
    const retention = backupsOf(page).getByRole('region', { name: 'Retention' });
    await retention.getByText('The platform’s default policy.').waitFor();
    await retention.getByText('Change the backup policy').click();
    await retention.getByLabel('Point-in-time window (days)').fill('3');
    const saved = apiResponse(page, 'PUT', `/api/clients/${CLIENT_SLUG}/backups/policy`);
    await retention.getByRole('button', { name: 'Save the policy' }).click();
    const save = await saved;
    expect(save.status()).toBe(200);
    expect(save.request().postDataJSON()).toEqual({
      baseBackupEveryHours: 168,
      pitrDays: 3,
      weeklyBackupsKept: 52,
    });
    await retention.getByText('Any instant of the last 3 days can be restored.').waitFor();
    await retention.getByText('A policy specific to this client.').waitFor();

    const reset = apiResponse(page, 'PUT', `/api/clients/${CLIENT_SLUG}/backups/policy`);
    await retention.getByRole('button', { name: 'Back to the platform defaults' }).click();
    const answer = await reset;
    expect(answer.status()).toBe(200);
    expect(answer.request().postDataJSON()).toEqual({ reset: true });
    await retention.getByText('Any instant of the last 14 days can be restored.').waitFor();
    await retention.getByText('The platform’s default policy.').waitFor();
    expect(await retention.getByLabel('Point-in-time window (days)').inputValue()).toBe('14');
  });

  it('shows the recoverable window and the last drill; a time before the window is refused; a restore to the latest state is followed to the end and kept', async () => {
    if (!platform || !page) throw new Error('the first test did not open the client page');
    if (!owner) throw new Error('the first test did not create the client');
    const operatorApi = await apiSignIn(platform, OPERATOR_EMAIL, OPERATOR_PASSWORD);
    const section = backupsOf(page);
    const ca = await readFile(platform.caFile, 'utf8');

    // A change after the base backup, archived: a restore to the latest state must bring it back.
    const db = await connectTo(owner, ca);
    let committedAt: Date;
    try {
      await db.query('create table pressings (id int primary key, apples text)');
      const inserted = await db.query<{ at: Date }>(
        "insert into pressings values (1, 'Bisquet') returning clock_timestamp() as at",
      );
      committedAt = inserted.rows[0]?.at ?? new Date();
    } finally {
      await db.end();
    }
    const windowNow = async () =>
      (
        (await operatorApi.call(`/api/clients/${CLIENT_SLUG}/backups`)).json as {
          window: { earliest: string; latest: string };
        }
      ).window;
    await expect
      .poll(async () => Date.parse((await windowNow()).latest), { timeout: 30_000, interval: 500 })
      .toBeGreaterThan(committedAt.getTime());

    // The recoverable window opened with the base backup taken before.
    const recoverable = await windowNow();
    expect(recoverable.earliest).toEqual(expect.any(String));
    const window = section.getByRole('region', { name: 'Recoverable window' });
    await window.getByText(/^Any instant from .+ to .+\.$/).waitFor();
    expect(await window.locator('time').first().getAttribute('datetime')).toBe(recoverable.earliest);
    const retention = section.getByRole('region', { name: 'Retention' });
    expect(await retention.textContent()).toMatch(/Any instant of the last \d+ days can be restored\./);

    // A restore drill, run from the console: the last drill shows its time, result and duration.
    const drills = section.getByRole('region', { name: 'Restore drills' });
    await drills.getByText('No restore drill has run yet.').waitFor();
    const drillAnswer = apiResponse(page, 'POST', `/api/clients/${CLIENT_SLUG}/backups/drill`);
    await drills.getByRole('button', { name: 'Run a restore drill' }).click();
    const drill = await drillAnswer;
    expect(drill.status()).toBe(200);
    expect(((await drill.json()) as { ok: boolean }).ok).toBe(true);
    await drills.getByText('The restore drill worked.').waitFor();
    await expect.poll(async () => definitionOf(drills, 'Result').textContent()).toBe('OK');
    expect(await definitionOf(drills, 'Duration').textContent()).toMatch(
      /^\d+(\.\d)? s Within the 1-hour limit$/,
    );
    const listed = (await operatorApi.call(`/api/clients/${CLIENT_SLUG}/backups/drills`)).json as {
      drills: { at: string }[];
    };
    expect(listed.drills).toHaveLength(1);
    expect(await definitionOf(drills, 'Last drill').locator('time').getAttribute('datetime')).toBe(
      listed.drills[0]?.at,
    );

    // A wall-clock time an hour before the window: the API's own message, and nothing starts.
    const restore = section.getByRole('region', { name: 'Restore the database' });
    await restore.getByLabel('A point in time', { exact: true }).check();
    const pointInTime = restore.getByLabel('Point in time', { exact: true });
    await restore.getByText(`In your time zone, ${BROWSER_ZONE}.`, { exact: false }).waitFor();
    const tooEarly = new Date(Math.floor((Date.parse(recoverable.earliest) - 3_600_000) / 1000) * 1000);
    await pointInTime.fill(wallClock(tooEarly, BROWSER_ZONE));
    const refused = apiResponse(page, 'POST', `/api/clients/${CLIENT_SLUG}/restores`);
    await restore.getByRole('button', { name: 'Start the restore' }).click();
    const refusal = await refused;
    expect(refusal.status()).toBe(400);
    expect(refusal.request().postDataJSON()).toEqual({ to: tooEarly.toISOString() });
    const { error, message } = (await refusal.json()) as { error: string; message: string };
    expect(error).toBe('before_recoverable_window');
    expect(await restore.getByRole('alert').textContent()).toBe(message);
    expect(message).toContain(`${tooEarly.toISOString()} is before the recoverable window`);
    expect(await restore.getByRole('heading', { name: 'Restore in progress' }).count()).toBe(0);
    const pastRestores = section.getByRole('region', { name: 'Past restores' });
    await pastRestores.getByText('The database has never been restored.').waitFor();
    expect(
      ((await operatorApi.call(`/api/clients/${CLIENT_SLUG}/restores`)).json as { restores: unknown[] })
        .restores,
    ).toHaveLength(0);

    // The latest state: the progress shows at once, is polled every second, then the result.
    const polled: Restore[] = [];
    page.on('response', (response) => {
      const { pathname } = new URL(response.url());
      if (/^\/api\/clients\/[^/]+\/restores\/[^/]+$/.test(pathname) && response.ok())
        void response.json().then((body: { restore: Restore }) => polled.push(body.restore));
    });
    await restore.getByLabel('The latest state', { exact: true }).check();
    expect(await pointInTime.count()).toBe(0);
    const startedAnswer = apiResponse(page, 'POST', `/api/clients/${CLIENT_SLUG}/restores`);
    await restore.getByRole('button', { name: 'Start the restore' }).click();
    const started = await startedAnswer;
    expect(started.status()).toBe(202);
    expect(started.request().postDataJSON()).toEqual({});
    const { restore: run } = (await started.json()) as { restore: Restore };
    expect(run).toMatchObject({ status: 'running', phase: 'downloading' });

    await restore.getByRole('heading', { name: 'Restore in progress' }).waitFor();
    await restore.getByRole('progressbar', { name: 'Base backup downloaded' }).waitFor();
    await restore.getByRole('list', { name: 'Steps of the restore' }).waitFor();
    expect(await restore.getByRole('button', { name: 'Start the restore' }).count()).toBe(0);

    await restore.getByRole('heading', { name: 'Restore done' }).waitFor({ timeout: 90_000 });
    expect(polled.length).toBeGreaterThan(0);
    expect(polled.every((polledRun) => polledRun.id === run.id)).toBe(true);
    expect(polled.at(-1)?.status).toBe('done');
    const done = polled.at(-1);
    expect(await definitionOf(restore, 'Restored to').textContent()).toBe('The latest state');
    expect(await definitionOf(restore, 'Duration').textContent()).toMatch(/^\d+(\.\d)? s$/);
    // Recovered up to the commit of the row written after the base backup.
    expect(done?.recoveredUpTo).toEqual(expect.any(String));
    expect(Date.parse(done?.recoveredUpTo ?? '')).toBeGreaterThanOrEqual(committedAt.getTime() - 1000);
    expect(await definitionOf(restore, 'Recovered up to').locator('time').getAttribute('datetime')).toBe(
      done?.recoveredUpTo,
    );
    const previous = done?.previousDataDir ?? '';
    expect(previous).not.toBe('');
    expect(await definitionOf(restore, 'Replaced data').textContent()).toMatch(
      new RegExp(`^Kept in ${previous.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} until `),
    );
    expect(await exists(previous)).toBe(true);
    const restored = await connectTo(owner, ca);
    try {
      expect((await restored.query('select id, apples from pressings')).rows).toEqual([
        { id: 1, apples: 'Bisquet' },
      ]);
    } finally {
      await restored.end();
    }
    // The form is back for the next restore; the list shows this one.
    await restore.getByRole('button', { name: 'Start the restore' }).waitFor();
    const restoresTable = pastRestores.getByRole('table', { name: 'Restores, newest first' });
    await expect
      .poll(async () =>
        (await restoresTable.locator('tbody tr').first().getByRole('cell').allTextContents()).map((text) =>
          text.trim(),
        ),
      )
      .toEqual(expect.arrayContaining(['The latest state', 'Done']));

    // Keep it: the replaced data is removed now.
    await restore.getByRole('button', { name: 'Keep this restore' }).click();
    const keptAnswer = apiResponse(page, 'POST', `/api/clients/${CLIENT_SLUG}/restores/${run.id}/confirm`);
    await restore
      .getByRole('group', { name: 'Confirm: Keep this restore' })
      .getByRole('button', { name: 'Yes, keep it' })
      .click();
    expect((await keptAnswer).status()).toBe(200);
    await restore.getByText('Restore kept: the replaced data is removed.').waitFor();
    expect(await definitionOf(restore, 'Replaced data').textContent()).toMatch(/^Removed /);
    expect(await restore.getByRole('button', { name: 'Keep this restore' }).count()).toBe(0);
    expect(await exists(previous)).toBe(false);
    const kept = (await operatorApi.call(`/api/clients/${CLIENT_SLUG}/restores/${run.id}`)).json as {
      restore: Restore;
    };
    expect(kept.restore.previousRemovedAt).toEqual(expect.any(String));
  });

  it('a client user with the backups right opens the page and sees the backups, without the restore form', async () => {
    if (!browser || !platform || !smtp) throw new Error('the platform or the browser did not start');
    const operatorApi = await apiSignIn(platform, OPERATOR_EMAIL, OPERATOR_PASSWORD);
    const { id } = await invite(
      platform,
      smtp,
      operatorApi,
      { email: VIEWER_EMAIL, role: 'client_user', client: CLIENT_SLUG },
      VIEWER_PASSWORD,
    );
    const rights = await operatorApi.call(`/api/accounts/${id}/rights`, {
      method: 'PUT',
      body: { rights: ['backups'] },
    });
    expect(rights.status).toBe(200);

    const viewerContext = await newContext(browser, { baseURL: platform.url });
    viewerContext.setDefaultTimeout(30_000);
    try {
      const viewer = await viewerContext.newPage();
      await signIn(viewer, VIEWER_EMAIL, VIEWER_PASSWORD);
      await waitForPath(viewer, '/');
      await viewer.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Database' }).click();
      await waitForPath(viewer, CLIENT_PAGE);
      await viewer.getByRole('heading', { name: CLIENT_NAME, level: 1 }).waitFor();

      const section = backupsOf(viewer);
      await section
        .getByRole('region', { name: 'Recoverable window' })
        .getByText(/^Any instant from/)
        .waitFor();
      await section.getByRole('table', { name: 'Base backups, newest first' }).waitFor();
      await definitionOf(section.getByRole('region', { name: 'Restore drills' }), 'Result').waitFor();
      await section.getByRole('table', { name: 'Restores, newest first' }).waitFor();
      // Looking only: no restore form, no actions, no policy change, no logins section.
      expect(await section.getByRole('region', { name: 'Restore the database' }).count()).toBe(0);
      for (const action of ['Take a backup now', 'Verify the copies', 'Run a restore drill'])
        expect(await section.getByRole('button', { name: action }).count()).toBe(0);
      expect(await section.getByText('Change the backup policy').count()).toBe(0);
      expect(await viewer.getByRole('region', { name: 'Personal database logins' }).count()).toBe(0);
    } finally {
      await viewerContext.close();
    }
  });
});
