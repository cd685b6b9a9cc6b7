import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invite, signIn, type Caller } from '../support/actors.js';
import { startCliSession, type CliSession } from '../support/cli-session.js';
import { brusselsDate, openAroundTheClock, until } from './support.js';

const AGENT = 'anna@oxygis-duty.test';
const SECOND = 'bram@oxygis-duty.test';
const SISTER = 'help@sister-company.test';
const PARTNER = 'desk@partner-integrator.test';
const TODAY = brusselsDate(0);
const CLOSED_DAY = brusselsDate(3);

let session: CliSession;
let ops: Caller;
let agent: Caller;
let admin: Caller;

interface DutyDay {
  date: string;
  working: boolean;
  closed: { kind: string; reason?: string } | null;
  people: { email: string; absent: boolean }[];
  onDuty: string[];
  covered: boolean;
}

interface Escalation {
  trigger: string;
  step: string;
  position: number;
  outcome: string;
  recipients: string[];
}

interface Ticket {
  number: number;
  escalations: Escalation[];
}

async function chain(steps: unknown[]): Promise<void> {
  const file = path.join(session.platform.dataDir, 'chain.json');
  await writeFile(file, JSON.stringify({ steps }));
  await session.json(['duty', 'escalation', '--set', file]);
}

async function fileTicket(subject: string): Promise<number> {
  const filed = await admin.call('/api/tickets', {
    method: 'POST',
    body: { client: 'chocolaterie', subject, criticality: 'critical', channel: 'portal' },
  });
  expect(filed.status, filed.text).toBe(201);
  return (filed.json as { ticket: { number: number } }).ticket.number;
}

beforeAll(async () => {
  session = await startCliSession({ email: 'ops@oxygis-duty.test', password: 'duty roster phrase 71' });
  // The chain first: the platform's own minutely watch may raise today's day-without-duty as soon
  // as the calendar opens, and it must then reach the sister company as in the test below.
  await chain([
    {
      name: 'On-duty pair',
      kind: 'duty_pair',
      triggers: ['new_ticket', 'warning_50', 'warning_75', 'warning_90', 'breach', 'alert'],
    },
    {
      name: 'Sister company support team',
      kind: 'team',
      members: [SISTER],
      triggers: ['warning_90', 'breach', 'no_duty'],
    },
    { name: 'Partner integrators', kind: 'team', members: [PARTNER], triggers: ['breach'] },
  ]);
  await openAroundTheClock(session.platform, [{ date: CLOSED_DAY, reason: 'Team day' }]);
  await session.json(['tenant', 'create', 'Chocolaterie']);
  ops = await signIn(session.platform, session.operator.email, session.operator.password);
  agent = (
    await invite(
      session.platform,
      session.smtp,
      ops,
      { email: AGENT, role: 'support_agent' },
      'anna duty phrase 12',
    )
  ).caller;
  await invite(
    session.platform,
    session.smtp,
    ops,
    { email: SECOND, role: 'support_agent' },
    'bram duty phrase 34',
  );
  admin = (
    await invite(
      session.platform,
      session.smtp,
      ops,
      { email: 'boss@chocolaterie.test', role: 'client_admin', client: 'chocolaterie' },
      'praline boss phrase 56',
    )
  ).caller;
}, 180_000);

afterAll(() => session.stop());

describe('duty roster and escalation', { timeout: 120_000 }, () => {
  it('operators put two people on the working days; an absence leaves a gap; the roster refuses what cannot be', async () => {
    const set = await session.json<DutyDay[]>(['duty', 'set', TODAY, AGENT, SECOND, '--to', brusselsDate(6)]);
    expect(set).toHaveLength(7);
    for (const day of set.filter((d) => d.date !== CLOSED_DAY)) {
      expect(day.onDuty, day.date).toEqual([AGENT, SECOND]);
      expect(day.covered).toBe(true);
    }
    const closed = set.find((d) => d.date === CLOSED_DAY);
    expect(closed).toMatchObject({
      working: false,
      people: [],
      closed: { kind: 'closure', reason: 'Team day' },
    });

    await session.json(['duty', 'absent', SECOND, '--from', brusselsDate(1), '--reason', 'Dentist']);
    const { days, absences } = await session.json<{ days: DutyDay[]; absences: { email: string }[] }>([
      'duty',
      'show',
      '--from',
      TODAY,
      '--to',
      brusselsDate(2),
    ]);
    expect(days.map((d) => d.onDuty)).toEqual([[AGENT, SECOND], [AGENT], [AGENT, SECOND]]);
    expect(days[1]?.people).toEqual([
      { slot: 1, email: AGENT, absent: false },
      { slot: 2, email: SECOND, absent: true },
    ]);
    expect(days[1]?.covered).toBe(false);
    expect(absences.map((a) => a.email)).toEqual([SECOND]);
    const human = await session.cli(['duty', 'show', '--from', brusselsDate(1)]);
    expect(human.stdout).toMatch(new RegExp(`${SECOND} \\(absent\\).*only one person`));

    const refused: [string[], RegExp][] = [
      [['duty', 'set', brusselsDate(-1), AGENT], /kept as it was/],
      [
        ['duty', 'set', TODAY, AGENT, SECOND, 'ops@oxygis-duty.test'],
        /two people are on duty a day, not more/,
      ],
      [['duty', 'set', TODAY, AGENT, AGENT], /two different people/],
      [['duty', 'set', TODAY, 'boss@chocolaterie.test'], /not an active member of the hosting team/],
      [['duty', 'set', CLOSED_DAY, AGENT], /no working day \(closed: Team day\)/],
      [['duty', 'set', '2026-13-01', AGENT], /calendar date, YYYY-MM-DD/],
      [['duty', 'set', TODAY, AGENT, '--to', brusselsDate(-2)], /ends before it starts/],
      [['duty', 'absent', AGENT, '--from', TODAY, '--reason', '  '], /say why/],
      [['duty', 'present', 'not-an-id'], /no such absence/],
    ];
    for (const [args, message] of refused) {
      const result = await session.cli(args);
      expect(result.code, args.join(' ')).not.toBe(0);
      expect(result.stderr, args.join(' ')).toMatch(message);
    }
    // A support agent reads the roster but does not change it; clients do not see it at all.
    expect((await agent.call(`/api/helpdesk/roster?from=${TODAY}&to=${TODAY}`)).status).toBe(200);
    const byAgent = await agent.call('/api/helpdesk/roster', {
      method: 'PUT',
      body: { from: TODAY, people: [AGENT] },
    });
    expect(byAgent.status).toBe(403);
    expect((await admin.call(`/api/helpdesk/roster?from=${TODAY}&to=${TODAY}`)).status).toBe(403);
    const after = await session.json<{ days: DutyDay[] }>(['duty', 'show', '--from', TODAY]);
    expect(after.days[0]?.onDuty).toEqual([AGENT, SECOND]);
  });

  it('a new ticket goes to the duty pair; when they are away it passes on to the sister company', async () => {
    const number = await fileTicket('Shop is down');
    for (const to of [AGENT, SECOND])
      await session.smtp.waitFor(
        (m) => m.to.includes(to) && m.subject.includes(`new critical ticket #${number}`),
      );
    expect(
      session.smtp.received.filter(
        (m) => m.subject.includes(`ticket #${number}`) && m.to.includes(session.operator.email),
      ),
    ).toEqual([]);
    const shown = await session.json<Ticket>(['ticket', 'show', String(number)]);
    expect(shown.escalations).toEqual([
      expect.objectContaining({
        trigger: 'new_ticket',
        step: 'On-duty pair',
        outcome: 'notified',
        recipients: [AGENT, SECOND],
      }),
    ]);

    const away = [];
    for (const who of [AGENT, SECOND])
      away.push(
        await session.json<{ id: string }>(['duty', 'absent', who, '--from', TODAY, '--reason', 'Training']),
      );
    const second = await fileTicket('Checkout is slow');
    await session.smtp.waitFor((m) => m.to.includes(SISTER) && m.subject.includes(`ticket #${second}`));
    const escalations = (await session.json<Ticket>(['ticket', 'show', String(second)])).escalations;
    expect(escalations.map((e) => [e.step, e.outcome, e.recipients])).toEqual([
      ['On-duty pair', 'passed_on', []],
      ['Sister company support team', 'notified', [SISTER]],
    ]);
    for (const absence of away) await session.json(['duty', 'present', absence.id]);
    // The client never sees who was told.
    const seenByClient = await admin.call(`/api/tickets/${second}`);
    expect((seenByClient.json as { ticket: Record<string, unknown> }).ticket.escalations).toBeUndefined();
  });

  it("the platform's alerts go to the duty pair too (an incident opened by a monitor)", async () => {
    await session.json([
      'monitor',
      'add',
      '--client',
      'chocolaterie',
      '--kind',
      'tcp',
      '--url',
      '127.0.0.1:1',
      '--interval',
      '5',
      '--name',
      'gate',
    ]);
    const subject = '[Oxygis incident] chocolaterie: gate is down';
    for (const to of [AGENT, SECOND])
      await session.smtp.waitFor((m) => m.to.includes(to) && m.subject.includes(subject), 60_000);
    const { records } = await session.json<{ records: (Escalation & { subject: string })[] }>([
      'duty',
      'escalation',
    ]);
    expect(records.find((r) => r.trigger === 'alert' && r.subject === subject)).toMatchObject({
      step: 'On-duty pair',
      outcome: 'notified',
      recipients: [AGENT, SECOND],
    });
  });

  it("the clock's warnings and the breach climb the chain; each step is recorded", async () => {
    const late = await session.json<{ number: number }>([
      'ticket',
      'create',
      '--client',
      'chocolaterie',
      '--channel',
      'phone',
      '--criticality',
      'critical',
      '--received-at',
      new Date(Date.now() - 20 * 3600_000).toISOString(),
      '--subject',
      'Called about invoices',
    ]);
    expect((await ops.call('/api/jobs/helpdesk.clock-watch/run', { method: 'POST' })).status).toBe(202);
    const escalations = await until(async () => {
      const t = await session.json<Ticket>(['ticket', 'show', String(late.number)]);
      return t.escalations.some((e) => e.trigger === 'breach' && e.position === 3)
        ? t.escalations
        : undefined;
    });
    const steps = (trigger: string) => escalations.filter((e) => e.trigger === trigger).map((e) => e.step);
    expect(steps('new_ticket')).toEqual(['On-duty pair']);
    expect(steps('warning_50')).toEqual(['On-duty pair']);
    expect(steps('warning_90')).toEqual(['On-duty pair', 'Sister company support team']);
    expect(steps('breach')).toEqual(['On-duty pair', 'Sister company support team', 'Partner integrators']);
    const missed = await session.smtp.waitFor(
      (m) =>
        m.to.includes(PARTNER) && m.subject.includes(`#${late.number} chocolaterie: response target MISSED`),
    );
    expect(missed.text).toContain('Called about invoices');
  });

  it('a working day without anyone on duty is escalated once per gap, to the sister company', async () => {
    const notices = () =>
      session.smtp.received.filter(
        (m) => m.to.includes(SISTER) && m.subject.includes(`nobody is on duty today (${TODAY})`),
      ).length;
    const before = notices();
    const cleared = new Date();
    await session.json(['duty', 'set', TODAY]);
    for (let round = 0; round < 2; round++)
      expect((await ops.call('/api/jobs/helpdesk.clock-watch/run', { method: 'POST' })).status).toBe(202);
    await until(() => Promise.resolve(notices() > before ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(notices()).toBe(before + 1);
    const { records } = await session.json<{
      records: (Escalation & { at: string; dutyDate: string | null })[];
    }>(['duty', 'escalation']);
    expect(records.filter((r) => r.trigger === 'no_duty' && new Date(r.at) > cleared)).toEqual([
      expect.objectContaining({
        step: 'Sister company support team',
        outcome: 'notified',
        recipients: [SISTER],
        dutyDate: TODAY,
      }),
    ]);
  });

  it('the chain refuses what it cannot use', async () => {
    const before = await session.json<{ steps: unknown[] }>(['duty', 'escalation']);
    const cases: [unknown, RegExp][] = [
      [{ steps: [] }, /at least one step/],
      [
        { steps: [{ name: 'X', kind: 'team', members: [], triggers: ['sometimes'] }] },
        /triggers are new_ticket/,
      ],
      [
        { steps: [{ name: 'X', kind: 'team', members: ['not an address'], triggers: ['breach'] }] },
        /e-mail addresses/,
      ],
      [
        { steps: [{ name: 'X', kind: 'duty_pair', members: [SISTER], triggers: ['breach'] }] },
        /come from the roster/,
      ],
      [{ steps: [{ name: 'X', kind: 'robots', triggers: ['breach'] }] }, /duty_pair .* or a team/],
      [{ steps: [{ name: '', kind: 'team', triggers: ['breach'] }] }, /every step has a name/],
    ];
    for (const [body, message] of cases) {
      const response = await ops.call('/api/helpdesk/escalation', { method: 'PUT', body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect((response.json as { message: string }).message).toMatch(message);
    }
    expect((await agent.call('/api/helpdesk/escalation', { method: 'PUT', body: before })).status).toBe(403);
    expect((await session.json<{ steps: unknown[] }>(['duty', 'escalation'])).steps).toEqual(before.steps);
  });
});
