import { sql } from 'kysely';
import { DateTime } from 'luxon';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invite, platformDb, signIn, type Caller } from '../support/actors.js';
import { startCliSession, type CliSession } from '../support/cli-session.js';
import { businessCalendarSchema } from '../../src/helpdesk/business-calendar.js';
import { addWorkingTime } from '../../src/helpdesk/working-time.js';
import { until } from '../support/until.js';

let session: CliSession;
let admin: Caller;
let clerk: { caller: Caller; id: string };

interface Ticket {
  number: number;
  channel: string;
  criticality: string;
  receivedAt: string;
  responseDueAt: string;
  respondedAt: string | null;
  breached: boolean;
  explanation: { sentence: string };
  messages: { body: string; visibility: string }[];
  clock: { kind: string; dueAt: string }[];
}

/** The latest Friday 16:30 in Brussels that is past (always less than a week ago). */
function lastFridayAfternoon(): DateTime {
  const now = DateTime.now().setZone('Europe/Brussels');
  let friday = now.set({ weekday: 5, hour: 16, minute: 30, second: 0, millisecond: 0 });
  if (friday > now) friday = friday.minus({ weeks: 1 });
  return friday;
}

beforeAll(async () => {
  session = await startCliSession({ email: 'agent@host.test', password: 'helpdesk agent phrase 5' });
  for (const name of ['Brasserie', 'Fromagerie']) await session.json(['tenant', 'create', name]);
  const ops = await signIn(session.platform, session.operator.email, session.operator.password);
  admin = (
    await invite(
      session.platform,
      session.smtp,
      ops,
      { email: 'boss@brasserie.test', role: 'client_admin', client: 'brasserie' },
      'hoppy barrel phrase 31',
    )
  ).caller;
  clerk = await invite(
    session.platform,
    session.smtp,
    ops,
    { email: 'clerk@brasserie.test', role: 'client_user', client: 'brasserie' },
    'malty clerk phrase 62',
  );
}, 180_000);

afterAll(() => session.stop());

describe('helpdesk tickets', { timeout: 120_000 }, () => {
  it('a client files on the portal: the deadline is counted in working time and explained', async () => {
    const filed = await admin.call('/api/tickets', {
      method: 'POST',
      body: { client: 'brasserie', subject: 'Reports are slow', body: 'Since Monday.', criticality: 'major' },
    });
    expect(filed.status).toBe(201);
    const ticket = (filed.json as { ticket: Ticket }).ticket;
    expect(ticket).toMatchObject({ criticality: 'major', respondedAt: null, breached: false });
    expect(ticket.explanation.sentence).toMatch(/^major: 2 working days × 8 h = 16 working hours; received /);
    expect(ticket.clock.map((e) => e.kind)).toEqual(['started']);
  });

  it('a phone call logged later keeps the time it was received; changing the criticality re-targets from it', async () => {
    const receivedAt = lastFridayAfternoon();
    const logged = await session.json<Ticket>([
      'ticket',
      'create',
      '--client',
      'brasserie',
      '--channel',
      'phone',
      '--criticality',
      'critical',
      '--received-at',
      receivedAt.toISO() ?? '',
      '--subject',
      'Application unreachable',
      '--requester',
      'boss@brasserie.test',
    ]);
    expect(logged.receivedAt).toBe(receivedAt.toUTC().toISO());
    // Counted from Friday 16:30, not from when it was logged (the pure calendar tests check the
    // arithmetic itself on fixed dates, holidays included).
    const calendar = businessCalendarSchema.parse({ versions: [{ effectiveFrom: new Date('2000-01-01') }] });
    const hours = (h: number) => addWorkingTime(calendar, receivedAt.toJSDate(), h * 3600_000).toISOString();
    expect(logged.responseDueAt).toBe(hours(8));
    expect(logged.explanation.sentence).toMatch(
      /^critical: 8 working hours; received Fri 16:30 → .* → due \w{3} \d\d:\d\d$/,
    );
    const major = await session.json<Ticket>(['ticket', 'set-criticality', String(logged.number), 'major']);
    expect(major.responseDueAt).toBe(hours(16));
    expect(major.receivedAt).toBe(logged.receivedAt);
    expect(major.clock.map((e) => e.kind)).toEqual(['started', 'retargeted']);
  });

  it("staff's first public reply is the response and is e-mailed; internal notes stay with staff", async () => {
    const first = (
      await session.json<(Ticket & { subject: string })[]>(['ticket', 'list', '--client', 'brasserie'])
    ).find((t) => t.subject === 'Reports are slow');
    expect(first).toBeDefined();
    const number = String(first?.number);
    await session.json([
      'ticket',
      'reply',
      number,
      '--message',
      'Checking the plan of the reports now.',
      '--internal',
    ]);
    const answered = await session.json<Ticket>(['ticket', 'reply', number, '--message', 'We are on it.']);
    expect(answered.respondedAt).not.toBeNull();
    expect(answered.breached).toBe(false);
    expect(answered.clock.map((e) => e.kind)).toContain('responded');
    const mail = await session.smtp.waitFor((m) => m.subject.includes(`[Oxygis #${number}]`));
    expect(mail.to).toContain('boss@brasserie.test');
    const seen = ((await admin.call(`/api/tickets/${number}`)).json as { ticket: Ticket }).ticket;
    expect(seen.messages.map((m) => m.body)).toContain('We are on it.');
    expect(seen.messages.some((m) => m.visibility === 'internal')).toBe(false);
    // Resolved by the agent; the client's answer reopens it.
    const resolved = await session.json<{ status: string }>(['ticket', 'set-status', number, 'resolved']);
    expect(resolved.status).toBe('resolved');
    const answer = await admin.call(`/api/tickets/${number}/replies`, {
      method: 'POST',
      body: { body: 'Still slow on Mondays.' },
    });
    expect((answer.json as { ticket: { status: string } }).ticket.status).toBe('open');
    const bad = await session.cli(['ticket', 'set-status', number, 'done']);
    expect(bad.stderr).toMatch(/status is open, waiting, resolved or closed/);
  });

  it('client users need the tickets right; another client never sees them; the clock cannot be rewritten', async () => {
    expect((await clerk.caller.call('/api/tickets')).status).toBe(403);
    const fromage = await session.json<Ticket>([
      'ticket',
      'create',
      '--client',
      'fromagerie',
      '--criticality',
      'minor',
      '--subject',
      'Question',
    ]);
    expect((await admin.call(`/api/tickets/${fromage.number}`)).status).toBe(404);
    const mine = ((await admin.call('/api/tickets')).json as { tickets: { clientSlug: string }[] }).tickets;
    expect(mine.every((t) => t.clientSlug === 'brasserie')).toBe(true);
    const db = await platformDb(session.platform);
    await expect(sql`update ticket_clock_event set due_at = now()`.execute(db)).rejects.toThrow(
      /append-only/,
    );
    await db.destroy();
  });

  it('by e-mail: a message from a client address opens a ticket; the agent reply and the client answer thread', async () => {
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: session.platform.inboundSmtpPort ?? 0,
      secure: false,
      ignoreTLS: true,
    });
    const sent = await transport.sendMail({
      from: 'boss@brasserie.test',
      to: 'support@oxygis.test',
      subject: '[critical] Orders page is down',
      text: 'Nobody can place an order since 09:12.',
    });
    const opened = await until(async () =>
      (await session.json<Ticket[]>(['ticket', 'list', '--client', 'brasserie'])).find(
        (t) => t.criticality === 'critical' && t.channel === 'email',
      ),
    );
    const number = String(opened.number);
    await session.json(['ticket', 'reply', number, '--message', 'Restarting the application server.']);
    const reply = await session.smtp.waitFor(
      (m) => m.subject.includes(`[Oxygis #${number}]`) && m.text.includes('Restarting'),
    );
    expect(reply.headers.get('in-reply-to')).toBe(sent.messageId);
    // The client answers the agent's e-mail: threaded by In-Reply-To into the same ticket.
    await transport.sendMail({
      from: 'boss@brasserie.test',
      to: 'support@oxygis.test',
      subject: `Re: ${reply.subject}`,
      text: 'It works again, thanks.',
      inReplyTo: reply.messageId,
      references: [sent.messageId, reply.messageId ?? ''],
    });
    const thread = await until(async () => {
      const t = await session.json<Ticket>(['ticket', 'show', number]);
      return t.messages.some((m) => m.body.includes('It works again')) ? t : undefined;
    });
    expect(thread.messages.map((m) => m.body)).toEqual([
      'Nobody can place an order since 09:12.',
      'Restarting the application server.',
      'It works again, thanks.',
    ]);
    // Unknown senders are refused (their server bounces the message); nothing is created.
    await expect(
      transport.sendMail({
        from: 'stranger@elsewhere.test',
        to: 'support@oxygis.test',
        subject: 'hi',
        text: 'x',
      }),
    ).rejects.toThrow(/not a known client address/);
    transport.close();
  });

  it('the clock warns at 50, 75 and 90 % and records the breach once; whoever is on duty is told', async () => {
    const sixDaysAgo = new Date(Date.now() - 6 * 24 * 3600_000).toISOString();
    const late = await session.json<Ticket>([
      'ticket',
      'create',
      '--client',
      'fromagerie',
      '--channel',
      'phone',
      '--criticality',
      'critical',
      '--received-at',
      sixDaysAgo,
      '--subject',
      'Cellar sensors offline',
    ]);
    expect(late.breached).toBe(true);
    const ops = await signIn(session.platform, session.operator.email, session.operator.password);
    for (let round = 0; round < 2; round++)
      expect((await ops.call('/api/jobs/helpdesk.clock-watch/run', { method: 'POST' })).status).toBe(202);
    const clock = await until(async () => {
      const t = await session.json<Ticket>(['ticket', 'show', String(late.number)]);
      return t.clock.some((e) => e.kind === 'breached') ? t.clock : undefined;
    });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const final = (await session.json<Ticket>(['ticket', 'show', String(late.number)])).clock;
    expect(final.map((e) => e.kind)).toEqual(['started', 'warning', 'warning', 'warning', 'breached']);
    expect(clock.length).toBeLessThanOrEqual(final.length);
    const mail = await session.smtp.waitFor((m) =>
      m.subject.includes(`#${late.number} fromagerie: response target MISSED`),
    );
    expect(mail.to).toContain('agent@host.test');
  });

  it('bad input gets a clear message and changes nothing', async () => {
    const before = (await session.json<Ticket[]>(['ticket', 'list'])).length;
    const cases: [string[], RegExp][] = [
      [
        ['ticket', 'create', '--client', 'brasserie', '--criticality', 'urgent', '--subject', 'x'],
        /critical, major or minor/,
      ],
      [
        [
          'ticket',
          'create',
          '--client',
          'brasserie',
          '--criticality',
          'minor',
          '--subject',
          'x',
          '--channel',
          'phone',
          '--received-at',
          '2099-01-01T00:00Z',
        ],
        /future/,
      ],
      [
        ['ticket', 'create', '--client', 'nobody', '--criticality', 'minor', '--subject', 'x'],
        /no such client/,
      ],
      [['ticket', 'show', '99999'], /no such ticket/],
      [
        ['ticket', 'assign', '1001', '--to', 'boss@brasserie.test'],
        /not an active member of the hosting team/,
      ],
    ];
    for (const [args, message] of cases) {
      const result = await session.cli(args);
      expect(result.code, args.join(' ')).not.toBe(0);
      expect(result.stderr, args.join(' ')).toMatch(message);
    }
    expect((await session.json<Ticket[]>(['ticket', 'list'])).length).toBe(before);

    // The same through the API, endpoint by endpoint: a 4xx that says what to do, nothing changed.
    const ops = await signIn(session.platform, session.operator.email, session.operator.password);
    const [ticket] = await session.json<(Ticket & { clock: unknown[]; messages: unknown[] })[]>([
      'ticket',
      'list',
      '--client',
      'brasserie',
    ]);
    const number = String(ticket?.number);
    /** The ticket as stored: everything but the time left, which runs. */
    const stored = async () => {
      const { ticket: shown } = (await ops.call(`/api/tickets/${number}`)).json as {
        ticket: Record<string, unknown>;
      };
      delete shown.timeLeftMs;
      delete shown.breached;
      return shown;
    };
    const shownBefore = await stored();
    const api: [string, string, unknown, number, RegExp][] = [
      [
        'POST',
        '/api/tickets',
        { client: 'brasserie', subject: 'x', criticality: 'minor', channel: 'fax' },
        400,
        /portal, email or phone/,
      ],
      [
        'POST',
        '/api/tickets',
        {
          client: 'brasserie',
          subject: 'x',
          criticality: 'minor',
          channel: 'phone',
          receivedAt: '2026-11-27 16:30',
        },
        400,
        /ISO-8601 instant with a zone/,
      ],
      [
        'POST',
        '/api/tickets',
        { client: 'brasserie', subject: '   ', criticality: 'minor' },
        400,
        /give the ticket a subject/,
      ],
      [
        'POST',
        '/api/tickets',
        { client: 'brasserie', subject: 'x', criticality: 'minor', extra: 1 },
        400,
        /invalid body/,
      ],
      ['POST', `/api/tickets/${number}/replies`, { body: '  ' }, 400, /write something to send/],
      [
        'POST',
        `/api/tickets/${number}/callbacks`,
        { note: 'x', at: '2099-01-01T00:00:00Z' },
        400,
        /not in the future/,
      ],
      [
        'POST',
        `/api/tickets/${number}/callbacks`,
        { note: 'x', at: 'yesterday' },
        400,
        /after the reception and not in the future/,
      ],
      [
        'PUT',
        `/api/tickets/${number}/criticality`,
        { criticality: 'blocker' },
        400,
        /critical, major or minor/,
      ],
      ['PUT', `/api/tickets/${number}/status`, { status: 'done' }, 400, /open, waiting, resolved or closed/],
      ['PUT', `/api/tickets/${number}/assignee`, { email: 'not-an-address' }, 400, /email/i],
      ['GET', '/api/tickets/not a ticket', undefined, 404, /no such ticket/],
      ['GET', '/api/helpdesk/compliance?month=2026-13', undefined, 400, /YYYY-MM/],
      [
        'POST',
        '/api/helpdesk/calendar/versions',
        { effectiveFrom: '2020-01-01T00:00:00Z' },
        400,
        /deadlines already computed never move/,
      ],
      [
        'POST',
        '/api/helpdesk/calendar/versions',
        { effectiveFrom: '2099-01-01T00:00:00Z', weekly: { monday: [{ from: '17:00', to: '09:00' }] } },
        400,
        /must end after it starts/,
      ],
      [
        'POST',
        '/api/helpdesk/calendar/versions',
        { effectiveFrom: '2099-01-01T00:00:00Z', holidays: { country: 'XX' } },
        400,
        /knows no country XX/,
      ],
      [
        'POST',
        '/api/helpdesk/calendar/versions',
        { effectiveFrom: 'next monday' },
        400,
        /instant with its offset/,
      ],
    ];
    for (const [method, url, body, status, message] of api) {
      const response = await ops.call(url, { method, ...(body === undefined ? {} : { body }) });
      expect(response.status, `${method} ${url} ${JSON.stringify(body)}: ${response.text}`).toBe(status);
      expect((response.json as { message: string }).message, url).toMatch(message);
    }
    expect(await stored()).toEqual(shownBefore);
    const versions = (await ops.call('/api/helpdesk/calendar')).json as { versions: unknown[] };
    expect(versions.versions).toHaveLength(1);
  });
});
