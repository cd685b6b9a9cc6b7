import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invite, signIn, type Caller } from '../support/actors.js';
import { startCliSession, type CliSession } from '../support/cli-session.js';
import { openAroundTheClock, until } from './support.js';

let session: CliSession;
let ops: Caller;
let admin: Caller;
let rival: Caller;

interface Ticket {
  number: number;
  subject: string;
  criticality: string;
  receivedAt: string;
  responseDueAt: string;
  respondedAt: string | null;
}

interface Row {
  client: string;
  criticality: string;
  targetWorkingMs: number;
  count: number;
  met: number;
  breached: number;
  pending: number;
  medianResponseWorkingMs: number | null;
  worstResponseWorkingMs: number | null;
  worstStillOpen: boolean;
}

interface Attachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
}

const HOUR = 3600_000;
const monthOf = (iso: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit' }).format(
    new Date(iso),
  );

async function phoneTicket(criticality: string, hoursAgo: number, subject: string): Promise<Ticket> {
  return session.json<Ticket>([
    'ticket',
    'create',
    '--client',
    'patisserie',
    '--channel',
    'phone',
    '--criticality',
    criticality,
    '--received-at',
    new Date(Date.now() - hoursAgo * HOUR).toISOString(),
    '--subject',
    subject,
  ]);
}

beforeAll(async () => {
  session = await startCliSession({ email: 'ops@oxygis-sla.test', password: 'compliance phrase 93' });
  // Open around the clock: working time is elapsed time, whatever day the test runs.
  await openAroundTheClock(session.platform);
  for (const name of ['Patisserie', 'Boulangerie']) await session.json(['tenant', 'create', name]);
  ops = await signIn(session.platform, session.operator.email, session.operator.password);
  admin = (
    await invite(
      session.platform,
      session.smtp,
      ops,
      { email: 'chef@patisserie.test', role: 'client_admin', client: 'patisserie' },
      'eclair chef phrase 48',
    )
  ).caller;
  rival = (
    await invite(
      session.platform,
      session.smtp,
      ops,
      { email: 'chef@boulangerie.test', role: 'client_admin', client: 'boulangerie' },
      'baguette chef phrase 27',
    )
  ).caller;
}, 180_000);

afterAll(() => session.stop());

describe('helpdesk compliance and attachments', { timeout: 120_000 }, () => {
  it("a month's compliance per criticality: count, met, breached, median and worst response in working time", async () => {
    // Critical (8 working hours): answered in time after ~2 h and ~4 h, one answered late (after
    // ~9 h), one unanswered for 10 h (breached, still open); minor: one pending.
    const fast = await phoneTicket('critical', 2, 'Fast answer');
    const slower = await phoneTicket('critical', 4, 'Slower answer');
    const late = await phoneTicket('critical', 9, 'Late answer');
    const open = await phoneTicket('critical', 10, 'Nobody answered');
    const pending = await phoneTicket('minor', 1, 'A typo on the invoice');
    for (const t of [fast, slower, late])
      await session.json(['ticket', 'callback', String(t.number), '--note', 'Called back']);
    const tickets = await session.json<Ticket[]>(['ticket', 'list', '--client', 'patisserie']);
    const answered = (t: Ticket) => {
      const found = tickets.find((x) => x.number === t.number);
      return new Date(found?.respondedAt ?? 0).getTime() - new Date(t.receivedAt).getTime();
    };

    // Tickets count in the month they were received: ask for each month involved.
    const months = [...new Set([fast, slower, late, open, pending].map((t) => monthOf(t.receivedAt)))];
    const rows: Row[] = [];
    for (const month of months)
      rows.push(
        ...(
          await session.json<{ rows: Row[] }>([
            'ticket',
            'compliance',
            '--month',
            month,
            '--client',
            'patisserie',
          ])
        ).rows,
      );
    const sum = (criticality: string, key: 'count' | 'met' | 'breached' | 'pending') =>
      rows.filter((r) => r.criticality === criticality).reduce((total, r) => total + r[key], 0);
    expect([
      sum('critical', 'count'),
      sum('critical', 'met'),
      sum('critical', 'breached'),
      sum('critical', 'pending'),
    ]).toEqual([4, 2, 2, 0]);
    expect([sum('minor', 'count'), sum('minor', 'pending'), sum('major', 'count')]).toEqual([1, 1, 0]);
    if (months.length === 1) {
      const critical = rows.find((r) => r.criticality === 'critical');
      // Median of the three answers (2 h, 4 h, 9 h and a bit) is the middle one, to the ms.
      expect(critical?.medianResponseWorkingMs).toBe(answered(slower));
      // The worst is the unanswered ticket, still counting (more than 10 h).
      expect(critical?.worstStillOpen).toBe(true);
      expect(critical?.worstResponseWorkingMs).toBeGreaterThan(10 * HOUR);
      expect(critical?.targetWorkingMs).toBe(8 * HOUR);
    }
    expect(answered(late)).toBeGreaterThan(9 * HOUR);

    // The client's administrator gets its own figures; another client's are not there for it.
    const own = await admin.call(`/api/helpdesk/compliance?month=${months[0] ?? ''}`);
    expect(own.status).toBe(200);
    expect((own.json as { rows: Row[] }).rows.every((r) => r.client === 'patisserie')).toBe(true);
    const other = await rival.call(`/api/helpdesk/compliance?month=${months[0] ?? ''}&client=patisserie`);
    expect(other.status).toBe(404);
    const bad = await session.cli(['ticket', 'compliance', '--month', 'November']);
    expect(bad.stderr).toMatch(/write the month as YYYY-MM/);
    const human = await session.cli(['ticket', 'compliance', '--month', monthOf(open.receivedAt)]);
    expect(human.stdout).toMatch(/patisserie\s+critical\s+8 h 00 min/);
  });

  it('files attached on the portal, by the CLI and by e-mail come back byte for byte, to that client only', async () => {
    const [ticket] = await session.json<Ticket[]>(['ticket', 'list', '--client', 'patisserie']);
    const number = String(ticket?.number);
    const file = path.join(session.platform.dataDir, 'oven-log.bin');
    const bytes = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 256));
    await writeFile(file, bytes);
    const attached = await session.json<Attachment>(['ticket', 'attach', number, file]);
    expect(attached).toMatchObject({ filename: 'oven-log.bin', size: bytes.length });

    const out = path.join(session.platform.dataDir, 'downloaded.bin');
    await session.json(['ticket', 'download', number, attached.id, '--out', out]);
    expect(Buffer.compare(await readFile(out), bytes)).toBe(0);
    const again = await session.cli(['ticket', 'download', number, attached.id, '--out', out]);
    expect(again.stderr).toMatch(/exists already/);

    // The client attaches a JSON file from the console: kept as it is, with its type.
    const json = '{"error": "oven too hot"}';
    const uploaded = await admin.call(
      `/api/tickets/${number}/attachments?filename=${encodeURIComponent('../../etc/report.json')}`,
      {
        method: 'POST',
        rawBody: json,
        headers: { 'content-type': 'application/json' },
      },
    );
    expect(uploaded.status, uploaded.text).toBe(201);
    const report = (uploaded.json as { attachment: Attachment }).attachment;
    expect(report).toMatchObject({
      filename: 'report.json',
      contentType: 'application/json',
      size: json.length,
    });
    const download = await admin.call(`/api/tickets/${number}/attachments/${report.id}`);
    expect(download.text).toBe(json);
    expect(download.headers['content-disposition']).toContain("filename*=UTF-8''report.json");
    expect(download.headers['content-disposition']).toMatch(/^attachment;/);

    // Another client sees neither the list nor the file.
    expect((await rival.call(`/api/tickets/${number}/attachments`)).status).toBe(404);
    expect((await rival.call(`/api/tickets/${number}/attachments/${report.id}`)).status).toBe(404);

    // By e-mail: the attachment of a client's message joins the ticket it opens.
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: session.platform.inboundSmtpPort ?? 0,
      secure: false,
      ignoreTLS: true,
    });
    await transport.sendMail({
      from: 'chef@patisserie.test',
      to: 'support@oxygis.test',
      subject: '[major] Photos of the error',
      text: 'See the screenshot.',
      attachments: [{ filename: 'screen.png', content: bytes.subarray(0, 5000), contentType: 'image/png' }],
    });
    transport.close();
    const mailed = await until(async () =>
      (await session.json<Ticket[]>(['ticket', 'list', '--client', 'patisserie'])).find(
        (t) => t.subject === '[major] Photos of the error',
      ),
    );
    const files = await session.json<Attachment[]>(['ticket', 'attachments', String(mailed.number)]);
    expect(files).toEqual([
      expect.objectContaining({ filename: 'screen.png', contentType: 'image/png', size: 5000 }),
    ]);
    const viaMail = path.join(session.platform.dataDir, 'screen.png');
    await session.json(['ticket', 'download', String(mailed.number), files[0]?.id ?? '', '--out', viaMail]);
    expect(Buffer.compare(await readFile(viaMail), bytes.subarray(0, 5000))).toBe(0);
  });

  it('bad attachments get a clear message and nothing is stored', async () => {
    const [ticket] = await session.json<Ticket[]>(['ticket', 'list', '--client', 'patisserie']);
    const number = String(ticket?.number);
    const before = (await session.json<Attachment[]>(['ticket', 'attachments', number])).length;
    const cases: [string, Buffer | string, number, RegExp][] = [
      ['empty.txt', '', 400, /empty/],
      ['', 'x', 400, /give the file a name/],
      [
        'big.bin',
        Buffer.alloc(10 * 1024 * 1024 + 1),
        413,
        /larger than this server accepts: at most 10 MB here/,
      ],
    ];
    for (const [filename, body, status, message] of cases) {
      const response = await admin.call(`/api/tickets/${number}/attachments?filename=${filename}`, {
        method: 'POST',
        rawBody: body,
        headers: { 'content-type': 'application/octet-stream' },
      });
      expect(response.status, filename).toBe(status);
      expect((response.json as { message: string }).message, filename).toMatch(message);
    }
    expect((await admin.call(`/api/tickets/${number}/attachments/not-an-id`)).status).toBe(404);
    const missing = await session.cli(['ticket', 'attach', number, '/nonexistent/file']);
    expect(missing.stderr).toMatch(/cannot read \/nonexistent\/file/);
    expect((await session.json<Attachment[]>(['ticket', 'attachments', number])).length).toBe(before);
  });
});
