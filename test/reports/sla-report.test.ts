import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invite, platformDb, signIn, type Caller } from '../support/actors.js';
import { startCliSession, type CliSession } from '../support/cli-session.js';

const CLIENT = 'Confiserie <Léon>';
const SLUG = 'confiserie-leon';

let session: CliSession;
let ops: Caller;
let admin: Caller;
let clerk: Caller;
let rival: Caller;

interface Report {
  version: number;
  provisional: boolean;
  reason: string | null;
  month: string;
  client: { slug: string; name: string };
  availability: {
    availability: number | null;
    periodSeconds: number;
    eligibleSeconds: number;
    downtimeSeconds: number;
    daily: unknown[];
  };
  incidents: unknown[];
  backups: {
    baseBackups: { id: string; status: string; targets: string[] }[];
    targets: { name: string; baseBackupCopies: number }[];
    cadence: { requiredHours: number; longestGapHours: number | null };
  };
  dataLoss: {
    minutesMeasured: number;
    worstSeconds: number | null;
    limitSeconds: number;
    met: boolean | null;
  };
  restore: {
    drills: { ok: boolean; durationSeconds: number | null }[];
    limitSeconds: number;
    met: boolean | null;
  };
  support: { rows: { criticality: string; count: number }[]; met: boolean | null };
}

/** `YYYY-MM` of an instant in Brussels. */
const monthOf = (at: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit' })
    .format(at)
    .slice(0, 7);
const THIS_MONTH = monthOf(new Date());
/** The month before this one. */
function previousMonth(): string {
  const [year, month] = THIS_MONTH.split('-').map(Number) as [number, number];
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

async function reportOf(month: string, extra: string[] = []): Promise<Report> {
  return session.json<Report>(['report', 'sla', SLUG, '--month', month, ...extra]);
}

beforeAll(async () => {
  session = await startCliSession({ email: 'ops@oxygis-report.test', password: 'evidence report phrase 61' });
  await session.json(['tenant', 'create', CLIENT, '--slug', SLUG]);
  await session.json(['tenant', 'create', 'Rival Bakery']);
  ops = await signIn(session.platform, session.operator.email, session.operator.password);
  const people = [
    { email: 'boss@confiserie.test', role: 'client_admin', client: SLUG },
    { email: 'clerk@confiserie.test', role: 'client_user', client: SLUG },
    { email: 'boss@rival.test', role: 'client_admin', client: 'rival-bakery' },
  ];
  const callers = [];
  for (const [i, person] of people.entries())
    callers.push(
      (await invite(session.platform, session.smtp, ops, person, `sweet report phrase ${i}7`)).caller,
    );
  [admin, clerk, rival] = callers as [Caller, Caller, Caller];
}, 180_000);

afterAll(() => session.stop());

describe('monthly SLA evidence report', { timeout: 180_000 }, () => {
  it("this month's provisional report agrees with every source it is made from", async () => {
    const backup = await session.json<{ id: string; status: string }>(['backup', 'run', SLUG]);
    expect(backup.status).toBe('done');
    const drill = await session.json<{ ok: boolean; durationMs: number }>(['backup', 'drill', SLUG]);
    expect(drill.ok).toBe(true);
    await session.json([
      'ticket',
      'create',
      '--client',
      SLUG,
      '--criticality',
      'major',
      '--subject',
      'Slow pages',
    ]);

    const report = await reportOf(THIS_MONTH);
    expect(report).toMatchObject({ version: 0, provisional: true, month: THIS_MONTH });
    expect(report.client).toEqual({ slug: SLUG, name: CLIENT, plan: 'standard' });

    const sla = await session.json<{ eligibleSeconds: number; downtimeSeconds: number }>([
      'sla',
      'availability',
      SLUG,
      '--month',
      THIS_MONTH,
    ]);
    expect(report.availability.downtimeSeconds).toBe(sla.downtimeSeconds);
    // Both figures run to "now": the report's was computed a moment earlier.
    expect(Math.abs(report.availability.eligibleSeconds - sla.eligibleSeconds)).toBeLessThan(30);
    expect(report.availability.daily.length).toBeGreaterThanOrEqual(1);

    const { backups } = await session.json<{ backups: { id: string; startedAt: string }[] }>([
      'backup',
      'list',
      SLUG,
    ]);
    const ofThisMonth = backups.filter((b) => monthOf(new Date(b.startedAt)) === THIS_MONTH).map((b) => b.id);
    expect(report.backups.baseBackups.map((b) => b.id).sort()).toEqual(ofThisMonth.sort());
    expect(report.backups.baseBackups.find((b) => b.id === backup.id)?.status).toBe('done');
    for (const target of report.backups.targets)
      expect(target.baseBackupCopies, target.name).toBe(
        report.backups.baseBackups.filter((b) => b.targets.includes(target.name)).length,
      );
    expect(report.backups.cadence.requiredHours).toBe(168);

    expect(report.restore.drills).toHaveLength(1);
    expect(report.restore.drills[0]?.ok).toBe(true);
    expect(report.restore.drills[0]?.durationSeconds).toBeCloseTo(drill.durationMs / 1000, 1);
    expect(report.restore).toMatchObject({ limitSeconds: 3600, met: true });

    const compliance = (
      (await ops.call(`/api/helpdesk/compliance?month=${THIS_MONTH}&client=${SLUG}`)).json as {
        rows: { criticality: string; count: number }[];
      }
    ).rows;
    expect(report.support.rows.map((r) => [r.criticality, r.count])).toEqual(
      compliance.map((r) => [r.criticality, r.count]),
    );
    expect(report.support.rows.find((r) => r.criticality === 'major')?.count).toBe(1);

    // Archive lag: the watch samples it every minute the platform runs; the report's worst is the
    // worst stored.
    const db = await platformDb(session.platform);
    const worst = await sql<{ worst: number | null; minutes: string }>`
      select max(lag_seconds) as worst, count(*) as minutes from archive_lag_minute l
      join client c on c.id = l.client_id where c.slug = ${SLUG}`.execute(db);
    await db.destroy();
    const latest = await reportOf(THIS_MONTH);
    expect(latest.dataLoss.limitSeconds).toBe(300);
    expect(latest.dataLoss.minutesMeasured).toBeGreaterThanOrEqual(Number(worst.rows[0]?.minutes ?? 0) - 1);
    if (latest.dataLoss.minutesMeasured > 0) expect(latest.dataLoss.worstSeconds).not.toBeNull();
  });

  it('the HTML escapes what clients wrote, the PDF is printed by Chromium, and only the right people get it', async () => {
    const html = await session.cli(['report', 'sla', SLUG, '--month', THIS_MONTH, '--format', 'html']);
    expect(html.code, html.stderr).toBe(0);
    expect(html.stdout).toContain('Confiserie &lt;Léon&gt;');
    expect(html.stdout).not.toContain('<Léon>');
    const out = path.join(session.platform.dataDir, 'report.pdf');
    const pdf = await session.json<{ file: string; bytes: number }>([
      'report',
      'sla',
      SLUG,
      '--month',
      THIS_MONTH,
      '--format',
      'pdf',
      '--out',
      out,
    ]);
    expect(pdf.bytes).toBeGreaterThan(1000);
    expect((await readFile(out)).subarray(0, 5).toString()).toBe('%PDF-');

    expect((await admin.call(`/api/clients/${SLUG}/reports/sla/${THIS_MONTH}`)).status).toBe(200);
    const withoutRight = await clerk.call(`/api/clients/${SLUG}/reports/sla/${THIS_MONTH}`);
    expect(withoutRight.status).toBe(403);
    expect((await rival.call(`/api/clients/${SLUG}/reports/sla/${THIS_MONTH}`)).status).toBe(404);
    const clerkId = (
      (await ops.call(`/api/accounts?client=${SLUG}`)).json as { accounts: { id: string; email: string }[] }
    ).accounts.find((a) => a.email === 'clerk@confiserie.test')?.id;
    await ops.call(`/api/accounts/${clerkId ?? ''}/rights`, { method: 'PUT', body: { rights: ['reports'] } });
    expect((await clerk.call(`/api/clients/${SLUG}/reports/sla/${THIS_MONTH}?format=html`)).status).toBe(200);
  });

  it('a closed month is archived once; an amendment is a new version and the old one never changes', async () => {
    // Fixture: the client has been with us since before last month (its creation moved back).
    const db = await platformDb(session.platform);
    await sql`update client set created_at = now() - interval '70 days' where slug = ${SLUG}`.execute(db);
    const month = previousMonth();
    for (let round = 0; round < 2; round++)
      expect((await ops.call('/api/jobs/monitoring.close-months/run', { method: 'POST' })).status).toBe(202);
    const versions = await (async () => {
      for (let i = 0; i < 60; i++) {
        const list = await session.json<{ month: string; version: number }[]>(['report', 'list', SLUG]);
        if (list.length > 0) return list;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      return [];
    })();
    expect(versions).toEqual([expect.objectContaining({ month, version: 1, reason: null })]);
    const first = await reportOf(month);
    expect(first).toMatchObject({ version: 1, provisional: false, month });
    // The whole month was the client's (no monitor data then: it shows as no-data time).
    expect(first.availability.periodSeconds).toBeGreaterThan(27 * 86_400);

    const amended = await session.json<Report>([
      'report',
      'amend',
      SLUG,
      '--month',
      month,
      '--reason',
      'Force majeure of the 3rd confirmed by the provider',
    ]);
    expect(amended).toMatchObject({
      version: 2,
      reason: 'Force majeure of the 3rd confirmed by the provider',
    });
    expect(await reportOf(month)).toMatchObject({ version: 2 });
    expect(await reportOf(month, ['--version', '1'])).toEqual(first);
    const html = await session.cli([
      'report',
      'sla',
      SLUG,
      '--month',
      month,
      '--format',
      'html',
      '--version',
      '2',
    ]);
    expect(html.stdout).toContain('Force majeure of the 3rd confirmed by the provider');
    await expect(sql`update sla_report set html = 'tampered'`.execute(db)).rejects.toThrow(/never changes/);
    await db.destroy();
    expect((await session.json<unknown[]>(['report', 'list', SLUG])).length).toBe(2);
  });

  it('bad requests get a clear message and change nothing', async () => {
    const cases: [string[], RegExp][] = [
      [['report', 'sla', SLUG, '--month', 'November'], /write the month as YYYY-MM/],
      [['report', 'sla', SLUG, '--month', '2999-01'], /has not started yet/],
      [['report', 'sla', SLUG, '--month', previousMonth(), '--version', '99'], /no version 99/],
      [['report', 'sla', 'nobody', '--month', THIS_MONTH], /no such client/],
      [['report', 'amend', SLUG, '--month', THIS_MONTH, '--reason', 'x'], /is not over/],
      [['report', 'amend', SLUG, '--month', previousMonth(), '--reason', ' '], /say why/],
    ];
    for (const [args, message] of cases) {
      const result = await session.cli(args);
      expect(result.code, args.join(' ')).not.toBe(0);
      expect(result.stderr, args.join(' ')).toMatch(message);
    }
    const byAdmin = await admin.call(`/api/clients/${SLUG}/reports/sla/${previousMonth()}/amendments`, {
      method: 'POST',
      body: { reason: 'we want a better one' },
    });
    expect(byAdmin.status).toBe(403);
    const format = await ops.call(`/api/clients/${SLUG}/reports/sla/${THIS_MONTH}?format=docx`);
    expect(format.status).toBe(400);
    expect((format.json as { message: string }).message).toMatch(/format is json, html or pdf/);
    expect((await session.json<unknown[]>(['report', 'list', SLUG])).length).toBe(2);
  });
});
