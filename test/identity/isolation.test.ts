import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invite, signIn, type Caller } from '../support/actors.js';
import { request } from '../support/https.js';
import { removeDir, startPlatform, type RunningPlatform } from '../support/platform.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';

const operator = { email: 'ops@host.test', password: 'isolation operator phrase 5' };
let platform: RunningPlatform;
let smtp: TestSmtp;
let ops: Caller;
let adminA: Caller;
let adminB: Caller;
let userB: { caller: Caller; id: string };
let adminBId: string;
let tokenOfB: string;

/** Routes with a path parameter that names no client resource (checked by their own tests). */
// Operator-only platform resources (no client owns them): a client account gets 403 there.
const NOT_CLIENT_SCOPED = [
  'POST /api/jobs/{name}/run',
  'DELETE /api/maintenance/{id}',
  'DELETE /api/helpdesk/absences/{id}',
  'PUT /api/options/{option}',
];

/** A valid body for each route that takes one, so that scope (not validation) decides the answer. */
const SAMPLE_BODIES: Record<string, unknown> = {
  'PUT /api/accounts/{id}/rights': { rights: ['tickets'] },
  'PUT /api/clients/{key}/settings': { requireMfa: true },
  'PUT /api/clients/{key}/credentials/{account}': { mode: 'read_write' },
  'POST /api/clients/{key}/restores': {},
  'PUT /api/clients/{key}/backups/policy': { pitrDays: 3 },
  'POST /api/clients/{key}/monitors': { kind: 'http', url: 'https://shop.example.test/' },
  'POST /api/clients/{key}/sla/{month}/amendments': { reason: 'probe' },
  'POST /api/incidents/{id}/updates': { status: 'investigating', message: 'probe' },
  'POST /api/tickets/{key}/replies': { body: 'probe' },
  'POST /api/tickets/{key}/callbacks': { note: 'probe' },
  'PUT /api/tickets/{key}/criticality': { criticality: 'minor' },
  'PUT /api/tickets/{key}/assignee': { email: 'ops@oxygis.test' },
  'PUT /api/tickets/{key}/status': { status: 'resolved' },
  'POST /api/clients/{key}/reports/sla/{month}/amendments': { reason: 'probe' },
  'POST /api/clients/{key}/options': { option: 'daily_base_backups' },
  'POST /api/clients/{key}/options/{option}/reject': { note: 'probe' },
  'POST /api/clients/{key}/standby/failover': { confirm: 'probe' },
};

beforeAll(async () => {
  smtp = await startSmtp();
  platform = await startPlatform({
    env: {
      OXYGIS_BOOTSTRAP_ADMIN_EMAIL: operator.email,
      OXYGIS_BOOTSTRAP_ADMIN_PASSWORD: operator.password,
      OXYGIS_SMTP_URL: smtp.url,
    },
  });
  ops = await signIn(platform, operator.email, operator.password);
  for (const name of ['Client Alpha', 'Client Bravo']) {
    expect((await ops.call('/api/clients', { method: 'POST', body: { name } })).status).toBe(201);
  }
  adminA = (
    await invite(
      platform,
      smtp,
      ops,
      { email: 'admin@alpha.test', role: 'client_admin', client: 'client-alpha' },
      'amber falcon quartz 11',
    )
  ).caller;
  const b = await invite(
    platform,
    smtp,
    ops,
    { email: 'admin@bravo.test', role: 'client_admin', client: 'client-bravo' },
    'cobalt meadow tiger 22',
  );
  adminB = b.caller;
  adminBId = b.id;
  userB = await invite(
    platform,
    smtp,
    adminB,
    { email: 'user@bravo.test', role: 'client_user', client: 'client-bravo' },
    'silver harbor pine 33',
  );
  const issued = await request(platform.url, platform.caFile, '/api/auth/tokens', {
    method: 'POST',
    body: { email: 'admin@bravo.test', password: 'cobalt meadow tiger 22', name: 'b token' },
  });
  tokenOfB = (issued.json as { id: string }).id;
}, 180_000);

afterAll(async () => {
  await platform.stop();
  await smtp.stop();
  await removeDir(platform.dataDir);
});

describe("client A's administrator against client B's resources", () => {
  it('gets 404 from every API route that names one of them, and changes nothing', async () => {
    const doc = (await ops.call('/api/openapi.json')).json as {
      paths: Record<string, Record<string, { requestBody?: unknown }>>;
    };
    const walked: string[] = [];
    for (const [template, methods] of Object.entries(doc.paths)) {
      if (!template.includes('{')) continue;
      for (const [method, operation] of Object.entries(methods)) {
        const label = `${method.toUpperCase()} ${template}`;
        if (NOT_CLIENT_SCOPED.includes(label)) continue;
        expect(template, `${label}: add it to NOT_CLIENT_SCOPED or give it a sample`).toMatch(
          /\{(key|id|account)\}/,
        );
        const urlPath = template
          .replace('{key}', 'client-bravo')
          .replace('{month}', '2026-10')
          .replace('{account}', userB.id)
          .replace('{id}', template.startsWith('/api/auth/tokens') ? tokenOfB : userB.id);
        const body = operation.requestBody ? SAMPLE_BODIES[label] : undefined;
        expect(
          operation.requestBody === undefined || body !== undefined,
          `add a sample body for ${label}`,
        ).toBe(true);
        const response = await adminA.call(urlPath, {
          method: method.toUpperCase(),
          ...(body === undefined ? {} : { body }),
        });
        expect(response.status, `${label} → ${response.text}`).toBe(404);
        expect(response.text).not.toContain('user@bravo.test');
        walked.push(label);
      }
    }
    // The walk covers at least these; new routes with ids join it automatically.
    expect(walked).toEqual(
      expect.arrayContaining([
        'GET /api/accounts/{id}',
        'POST /api/accounts/{id}/disable',
        'POST /api/accounts/{id}/enable',
        'PUT /api/accounts/{id}/rights',
        'POST /api/accounts/{id}/invitation',
        'GET /api/clients/{key}',
        'PUT /api/clients/{key}/settings',
        'POST /api/clients/{key}/suspend',
        'DELETE /api/clients/{key}',
        'PUT /api/clients/{key}/credentials/{account}',
        'DELETE /api/clients/{key}/credentials/{account}',
        'POST /api/clients/{key}/restores',
        'GET /api/clients/{key}/restores/{id}',
        'POST /api/clients/{key}/restores/{id}/confirm',
        'PUT /api/clients/{key}/backups/policy',
        'POST /api/clients/{key}/backups',
        'POST /api/clients/{key}/backups/verify',
        'DELETE /api/auth/tokens/{id}',
      ]),
    );
    // Alerts of B are not A's to read either.
    expect((await adminA.call('/api/alerts?client=client-bravo')).status).toBe(404);
    // Nothing changed for B.
    const still = await adminB.call(`/api/accounts/${userB.id}`);
    expect(still.json).toMatchObject({ account: { status: 'active', rights: [] } });
    expect((await adminB.call('/api/clients/client-bravo')).json).toMatchObject({
      client: { requireMfa: false },
    });
    const tokens = (await adminB.call('/api/auth/tokens')).json as {
      tokens: { id: string; revokedAt: string | null }[];
    };
    expect(tokens.tokens.find((t) => t.id === tokenOfB)?.revokedAt).toBeNull();
  });

  it("gets 404 when filtering lists by B, and never sees B's data in its own lists", async () => {
    for (const urlPath of ['/api/accounts?client=client-bravo', '/api/audit?client=client-bravo']) {
      expect((await adminA.call(urlPath)).status, urlPath).toBe(404);
    }
    const created = await adminA.call('/api/accounts', {
      method: 'POST',
      body: { email: 'intruder@alpha.test', role: 'client_user', client: 'client-bravo' },
    });
    expect(created.status).toBe(404);
    for (const urlPath of ['/api/accounts', '/api/clients', '/api/audit', '/api/audit?format=csv']) {
      const response = await adminA.call(urlPath);
      expect(response.status, urlPath).toBe(200);
      expect(response.text, urlPath).not.toMatch(/bravo/i);
      expect(response.text, urlPath).not.toContain(adminBId);
    }
  });

  it('a client user sees only itself and cannot administer anything', async () => {
    const list = (await userB.caller.call('/api/accounts')).json as { accounts: { email: string }[] };
    expect(list.accounts.map((a) => a.email)).toEqual(['user@bravo.test']);
    expect((await userB.caller.call(`/api/accounts/${adminBId}`)).status).toBe(404);
    expect((await userB.caller.call('/api/audit')).status).toBe(403);
    const create = await userB.caller.call('/api/accounts', {
      method: 'POST',
      body: { email: 'friend@bravo.test', role: 'client_user', client: 'client-bravo' },
    });
    expect(create.status).toBe(403);
    expect(
      (
        await userB.caller.call(`/api/accounts/${userB.id}/rights`, {
          method: 'PUT',
          body: { rights: ['backups'] },
        })
      ).status,
    ).toBe(403);
  });

  it('a client administrator cannot create administrators or staff, nor import password hashes', async () => {
    for (const body of [
      { email: 'boss@bravo.test', role: 'client_admin', client: 'client-bravo' },
      { email: 'staff@bravo.test', role: 'operator' },
      {
        email: 'import@bravo.test',
        role: 'client_user',
        client: 'client-bravo',
        passwordHash:
          '$pbkdf2-sha512$1212$RHY0Fr3IDMSVO/RSZyb5ow$eNLfBK.eVozomMr.1gYa17k9B7KIK25NOEshvhrSX.esqY3s.FvWZViXz4KoLlQI.BzY/YTNJOiKc5gBYFYGww',
      },
    ]) {
      const response = await adminB.call('/api/accounts', { method: 'POST', body });
      expect(response.status, body.email).toBe(403);
    }
  });
});
