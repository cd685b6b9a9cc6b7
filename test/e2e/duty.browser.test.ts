import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { invite, signIn as apiSignIn, type Caller } from '../support/actors.js';
import { browserSkipReason, launchBrowser, newContext } from '../support/browser.js';
import { apiResponse, rowWith, signIn, waitForPath } from '../support/console-ui.js';
import { removeDir, startPlatform, type RunningPlatform } from '../support/platform.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';

// The tests build on each other, in order: an operator puts themself and a support agent on duty
// for the next three working days (1); records an absence of the agent on the last of them, which
// the agent reads without being able to change the roster (2); adds a member to the sister
// company's step of the escalation chain (3); a ticket filed then is escalated along the chain
// (4) and counts in the month's response targets (5).
const OPERATOR_EMAIL = 'ops@oxygis-hosting.test';
const OPERATOR_PASSWORD = 'copper meadow lantern 73';
const AGENT_EMAIL = 'sam@oxygis-hosting.test';
const AGENT_NAME = 'Sam Peeters';
const AGENT_PASSWORD = 'walnut harbour violet 41';
const SISTER_MEMBER = 'support@sister-company.test';
const CLIENT_NAME = 'Boulangerie Dupont';
const CLIENT_SLUG = 'boulangerie-dupont';
const SUBJECT = 'The till cannot reach the database';
const ABSENCE_REASON = 'Training';
const ZONE = 'Europe/Brussels';

interface DutyDay {
  date: string;
  working: boolean;
  people: { slot: number; email: string; absent: boolean }[];
  onDuty: string[];
  covered: boolean;
}

let smtp: TestSmtp | undefined;
let platform: RunningPlatform | undefined;
let operatorApi: Caller | undefined;
let browser: Browser | undefined;
/** The next three working days from today (today included when it is one), set in beforeAll. */
let planned: string[] = [];
/** Whether today is a working day of the business calendar (someone is on duty after test 1). */
let todayWorking = false;
/** The ticket filed in test 4. */
let ticketNumber: number | undefined;
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

/** Today's date in the business calendar's zone (Brussels). */
function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date());
}

function plusDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

async function rosterDays(from: string, to: string): Promise<DutyDay[]> {
  const answer = await operator().call(`/api/helpdesk/roster?from=${from}&to=${to}`);
  expect(answer.status).toBe(200);
  return (answer.json as { days: DutyDay[] }).days;
}

/** The roster's row of a day (its header reads "Friday 27 November", and "(today)" for today). */
function dayRow(page: Page, date: string): Locator {
  return page.getByRole('row').filter({ has: page.locator(`th time[datetime="${date}"]`) });
}

/** Shows the month of `date` with the roster's own navigation, a month a click. */
async function showMonthOf(page: Page, date: string): Promise<void> {
  const month = date.slice(0, 7);
  const shown = () => new URL(page.url()).searchParams.get('month') ?? today().slice(0, 7);
  while (shown() !== month)
    await page.getByRole('button', { name: shown() < month ? /^Next month/ : /^Previous month/ }).click();
  await dayRow(page, date).waitFor();
}

async function cellTexts(row: Locator): Promise<string[]> {
  return (await row.locator('th, td').allTextContents()).map((text) => text.trim());
}

describe.skipIf(browserSkipReason)(
  'the duty roster, the escalation chain and the response targets',
  { timeout: 120_000 },
  () => {
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
        { email: AGENT_EMAIL, role: 'support_agent', displayName: AGENT_NAME },
        AGENT_PASSWORD,
      );
      // Which days are working days comes from the business calendar (weekends, Belgian holidays).
      const ahead = await rosterDays(today(), plusDays(today(), 20));
      planned = ahead
        .filter((day) => day.working)
        .slice(0, 3)
        .map((day) => day.date);
      expect(planned).toHaveLength(3);
      todayWorking = ahead[0]?.date === today() && ahead[0].working;
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

    it('an operator puts two people on duty for the next working days; the roster shows them', async () => {
      const [first = '', , last = ''] = planned;
      const page = await personPage();
      await signInWithPassword(page, OPERATOR_EMAIL, OPERATOR_PASSWORD);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Duty roster' }).click();
      await waitForPath(page, '/helpdesk/roster');
      await page.getByRole('heading', { name: 'Duty roster', level: 1 }).waitFor();

      // Nobody is on duty yet: the first working day has a gap.
      await showMonthOf(page, first);
      await dayRow(page, first).getByText('Gap: nobody on duty').waitFor();

      const form = page.getByRole('region', { name: 'Put on duty' });
      await form.getByLabel('From').fill(first);
      await form.getByLabel('To (optional)').fill(last);
      await form.getByLabel('First person').selectOption(OPERATOR_EMAIL);
      await form.getByLabel('Second person').selectOption(AGENT_EMAIL);
      const saved = apiResponse(page, 'PUT', '/api/helpdesk/roster');
      await form.getByRole('button', { name: 'Put on duty' }).click();
      const answer = await saved;
      expect(answer.status()).toBe(200);
      expect(answer.request().postDataJSON()).toEqual({
        from: first,
        to: last,
        people: [OPERATOR_EMAIL, AGENT_EMAIL],
      });
      await form
        .getByRole('status')
        .getByText(`${OPERATOR_EMAIL} and ${AGENT_EMAIL} are on duty on 3 working days, ${first} to ${last}.`)
        .waitFor();

      for (const date of planned) {
        await showMonthOf(page, date);
        const row = dayRow(page, date);
        await row.getByText('Two on duty').waitFor();
        const [, people, coverage] = await cellTexts(row);
        expect(people).toBe(`${OPERATOR_EMAIL}${AGENT_EMAIL}`);
        expect(coverage).toBe('Two on duty');
      }
      for (const day of await rosterDays(first, last))
        if (day.working) expect(day.onDuty, day.date).toEqual([OPERATOR_EMAIL, AGENT_EMAIL]);
    });

    it('an absence leaves the day with only one person; the agent reads the roster but cannot change it', async () => {
      const [, second = '', last = ''] = planned;
      const page = await personPage();
      await signInWithPassword(page, OPERATOR_EMAIL, OPERATOR_PASSWORD);
      await page.goto('/helpdesk/roster');
      await showMonthOf(page, last);

      const absences = page.getByRole('region', { name: 'Absences' });
      await absences.getByLabel('Person').selectOption(AGENT_EMAIL);
      await absences.getByLabel('From').fill(last);
      await absences.getByLabel('Reason').fill(ABSENCE_REASON);
      const recorded = apiResponse(page, 'POST', '/api/helpdesk/absences');
      await absences.getByRole('button', { name: 'Record the absence' }).click();
      const answer = await recorded;
      expect(answer.status()).toBe(201);
      expect(answer.request().postDataJSON()).toEqual({
        email: AGENT_EMAIL,
        from: last,
        to: last,
        reason: ABSENCE_REASON,
      });

      // That day: the agent struck through and marked absent, one person left.
      const row = dayRow(page, last);
      await row.getByText('Only one person').waitFor();
      expect(await row.locator('s').textContent()).toBe(AGENT_EMAIL);
      expect((await cellTexts(row))[1]).toBe(`${OPERATOR_EMAIL}${AGENT_EMAIL} absent`);
      const listed = rowWith(page, AGENT_EMAIL);
      await listed.getByText(ABSENCE_REASON).waitFor();
      const [stored] = await rosterDays(last, last);
      expect(stored?.onDuty).toEqual([OPERATOR_EMAIL]);
      expect(stored?.covered).toBe(false);

      // "Replace" starts the form from a day, with its people.
      await showMonthOf(page, second);
      await dayRow(page, second)
        .getByRole('button', { name: /^Replace who is on duty on / })
        .click();
      const form = page.getByRole('region', { name: 'Put on duty' });
      expect(await form.getByLabel('From').inputValue()).toBe(second);
      expect(await form.getByLabel('First person').inputValue()).toBe(OPERATOR_EMAIL);
      expect(await form.getByLabel('Second person').inputValue()).toBe(AGENT_EMAIL);

      // The support agent reads the roster; only operators put people on duty.
      const agent = await personPage();
      await signInWithPassword(agent, AGENT_EMAIL, AGENT_PASSWORD);
      expect(await navLabels(agent)).toContain('Duty roster');
      await agent
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Duty roster' })
        .click();
      await waitForPath(agent, '/helpdesk/roster');
      await showMonthOf(agent, last);
      await dayRow(agent, last).getByText('Only one person').waitFor();
      expect(await agent.getByRole('region', { name: 'Put on duty' }).count()).toBe(0);
      expect(await agent.getByRole('button', { name: /^Replace/ }).count()).toBe(0);
      // Their own absence they may remove.
      await rowWith(agent, AGENT_EMAIL)
        .getByRole('button', { name: `Remove the absence of ${AGENT_EMAIL} from ${last} to ${last}` })
        .waitFor();
    });

    it("the operator adds a member to the sister company's step of the escalation chain", async () => {
      const page = await personPage();
      await signInWithPassword(page, OPERATOR_EMAIL, OPERATOR_PASSWORD);
      await page.goto('/helpdesk/roster');
      await page.getByRole('link', { name: 'escalation chain' }).click();
      await waitForPath(page, '/helpdesk/escalation');
      await page.getByRole('heading', { name: 'Escalation chain', level: 1 }).waitFor();

      const steps = page.getByRole('region', { name: 'Steps' });
      const sister = steps.getByRole('row').filter({ hasText: 'Aloalto support team (sister company)' });
      expect(await cellTexts(sister)).toEqual([
        '2',
        'Aloalto support team (sister company)',
        'A team (its members)',
        'Nobody yet: passed on',
        '90 % of the response time used; response target missed; a working day without anyone on duty',
      ]);

      const editor = page.getByRole('region', { name: 'Change the chain' });
      const step2 = editor.getByRole('group', { name: 'Step 2', exact: true });
      expect(await step2.getByLabel('Name').inputValue()).toBe('Aloalto support team (sister company)');
      await step2.getByLabel('Members').fill(SISTER_MEMBER);
      const saved = apiResponse(page, 'PUT', '/api/helpdesk/escalation');
      await editor.getByRole('button', { name: 'Save the chain' }).click();
      const answer = await saved;
      expect(answer.status()).toBe(200);
      expect(answer.request().postDataJSON()).toEqual({
        steps: [
          {
            name: 'On-duty pair',
            kind: 'duty_pair',
            members: [],
            triggers: ['new_ticket', 'warning_50', 'warning_75', 'warning_90', 'breach', 'alert'],
          },
          {
            name: 'Aloalto support team (sister company)',
            kind: 'team',
            members: [SISTER_MEMBER],
            triggers: ['warning_90', 'breach', 'no_duty'],
          },
          { name: 'Integrator partners', kind: 'team', members: [], triggers: ['breach'] },
        ],
      });
      await editor.getByRole('status').getByText('The chain is saved: 3 steps.').waitFor();
      await sister.getByText(SISTER_MEMBER).waitFor();

      const stored = await operator().call('/api/helpdesk/escalation');
      const chain = stored.json as { steps: { position: number; name: string; members: string[] }[] };
      expect(chain.steps.map((step) => [step.position, step.name, step.members])).toEqual([
        [1, 'On-duty pair', []],
        [2, 'Aloalto support team (sister company)', [SISTER_MEMBER]],
        [3, 'Integrator partners', []],
      ]);
    });

    it('a new ticket is escalated along the chain, and the page shows who was told', async () => {
      const filed = await operator().call('/api/tickets', {
        method: 'POST',
        body: { client: CLIENT_SLUG, subject: SUBJECT, criticality: 'critical', channel: 'phone' },
      });
      expect(filed.status).toBe(201);
      const number = (filed.json as { ticket: { number: number } }).ticket.number;
      ticketNumber = number;

      const page = await personPage();
      await signInWithPassword(page, OPERATOR_EMAIL, OPERATOR_PASSWORD);
      await page.goto('/helpdesk/escalation');
      const records = page.getByRole('region', { name: 'Latest escalations' });
      const ofTicket = records
        .getByRole('row')
        .filter({ has: page.getByRole('link', { name: `#${number}` }) });
      await ofTicket.first().waitFor();
      // Newest first; without the time of day.
      const rows: string[][] = [];
      for (const row of await ofTicket.all()) rows.push((await cellTexts(row)).slice(1));
      if (todayWorking) {
        // The pair on duty today is told; nobody else needs to be.
        expect(rows).toEqual([
          ['a new ticket', 'On-duty pair', 'Notified', `${OPERATOR_EMAIL}, ${AGENT_EMAIL}`, `#${number}`],
        ]);
      } else {
        // Nobody is on duty on a weekend or a holiday: the pair passes the notice on to the next step.
        expect(rows).toEqual([
          ['a new ticket', 'Aloalto support team (sister company)', 'Notified', SISTER_MEMBER, `#${number}`],
          ['a new ticket', 'On-duty pair', 'Passed on', 'Nobody', `#${number}`],
        ]);
      }
      await ofTicket
        .first()
        .getByRole('link', { name: `#${number}` })
        .click();
      await waitForPath(page, `/tickets/${number}`);
    });

    it("the response targets show the month's ticket of the client", async () => {
      expect(ticketNumber).toBeDefined();
      const page = await personPage();
      await signInWithPassword(page, OPERATOR_EMAIL, OPERATOR_PASSWORD);
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Response targets' })
        .click();
      await waitForPath(page, '/helpdesk/compliance');
      await page.getByRole('heading', { name: 'Response targets', level: 1 }).waitFor();
      expect(await page.getByLabel('Month').inputValue()).toBe(today().slice(0, 7));

      const clientRows = page.getByRole('row').filter({ has: page.getByRole('link', { name: CLIENT_SLUG }) });
      await clientRows.first().waitFor();
      expect(await Promise.all((await clientRows.all()).map(cellTexts))).toEqual([
        [CLIENT_SLUG, 'Critical', '8 working hours', '1', '0', '0', '1', 'None', 'None', 'Met'],
        [
          CLIENT_SLUG,
          'Major',
          '16 working hours (2 working days)',
          '0',
          '0',
          '0',
          '0',
          'None',
          'None',
          'Met',
        ],
        [
          CLIENT_SLUG,
          'Minor',
          '40 working hours (5 working days)',
          '0',
          '0',
          '0',
          '0',
          'None',
          'None',
          'Met',
        ],
      ]);

      // One client: the same rows, asked of the API for that client.
      const filtered = apiResponse(page, 'GET', '/api/helpdesk/compliance');
      await page.getByLabel('Client').selectOption({ label: CLIENT_NAME });
      const answer = await filtered;
      expect(new URL(answer.url()).searchParams.get('client')).toBe(CLIENT_SLUG);
      expect(new URL(page.url()).searchParams.get('client')).toBe(CLIENT_SLUG);
      await clientRows.first().waitFor();
      expect(await clientRows.count()).toBe(3);
    });
  },
);
