import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invite, platformDb, signIn, type Caller } from '../support/actors.js';
import { request } from '../support/https.js';
import { removeDir, startPlatform, type RunningPlatform } from '../support/platform.js';
import { linkIn, startSmtp, type TestSmtp } from '../support/smtp.js';

const operator = { email: 'ops@host.test', password: 'accounts operator phrase 8' };
const PASSLIB_PASSWORD_HASH =
  '$pbkdf2-sha512$1212$RHY0Fr3IDMSVO/RSZyb5ow$eNLfBK.eVozomMr.1gYa17k9B7KIK25NOEshvhrSX.esqY3s.FvWZViXz4KoLlQI.BzY/YTNJOiKc5gBYFYGww';
let platform: RunningPlatform;
let smtp: TestSmtp;
let ops: Caller;

const anonymous = (urlPath: string, body: unknown, headers?: Record<string, string>) =>
  request(platform.url, platform.caFile, urlPath, { method: 'POST', body, ...(headers ? { headers } : {}) });

beforeAll(async () => {
  smtp = await startSmtp();
  platform = await startPlatform({
    env: {
      OXYGIS_BOOTSTRAP_ADMIN_EMAIL: operator.email,
      OXYGIS_BOOTSTRAP_ADMIN_PASSWORD: operator.password,
      OXYGIS_SMTP_URL: smtp.url,
      OXYGIS_TRUST_PROXY: 'true', // lets the throttling test speak from several client addresses
    },
  });
  ops = await signIn(platform, operator.email, operator.password);
  expect(
    (await ops.call('/api/clients', { method: 'POST', body: { name: 'Brasserie Dupont' } })).status,
  ).toBe(201);
}, 120_000);

afterAll(async () => {
  await platform.stop();
  await smtp.stop();
  await removeDir(platform.dataDir);
});

describe('clients', () => {
  it('refuses bad and duplicate slugs with a clear 4xx, and non-operators', async () => {
    const cases: [unknown, number, string][] = [
      [{ name: 'Bad Slug', slug: 'Bad_Slug' }, 400, 'invalid_slug'],
      [{ name: 'API', slug: 'api' }, 400, 'reserved_slug'],
      [{ name: 'x' }, 400, 'invalid_name'],
      [{ name: 'Brasserie Dupont' }, 409, 'slug_taken'],
      [{ slug: 'no-name' }, 400, 'invalid_request'],
    ];
    for (const [body, status, code] of cases) {
      const response = await ops.call('/api/clients', { method: 'POST', body });
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect(response.json).toMatchObject({ error: code });
    }
  });
});

describe('invitations and rights', () => {
  let admin: Caller;
  let user: { caller: Caller; id: string };

  it('an invited administrator chooses a password through the e-mailed link, which works once', async () => {
    const created = await ops.call('/api/accounts', {
      method: 'POST',
      body: {
        email: 'Jeanne@Brasserie.test',
        displayName: 'Jeanne',
        role: 'client_admin',
        client: 'brasserie-dupont',
      },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      invited: true,
      account: { email: 'jeanne@brasserie.test', status: 'invited' },
    });
    expect(created.text).not.toMatch(/token=/); // the link goes to the person only
    const mail = await smtp.waitFor((m) => m.to.includes('jeanne@brasserie.test'));
    const token = new URL(linkIn(mail, '/accept-invitation')).searchParams.get('token') ?? '';
    expect(linkIn(mail, '/accept-invitation').startsWith(platform.url)).toBe(true);

    const weak = await anonymous('/api/auth/invitation/accept', { token, password: 'password1234' });
    expect(weak.json).toMatchObject({ error: 'password_too_common' });
    const accepted = await anonymous('/api/auth/invitation/accept', {
      token,
      password: 'velvet lantern orchid 73',
    });
    expect(accepted.status).toBe(200);
    const again = await anonymous('/api/auth/invitation/accept', {
      token,
      password: 'another fine phrase 99',
    });
    expect(again.json).toMatchObject({ error: 'link_invalid' });
    admin = await signIn(platform, 'jeanne@brasserie.test', 'velvet lantern orchid 73');
  });

  it("the client's administrator invites a user and grants and revokes its rights", async () => {
    user = await invite(
      platform,
      smtp,
      admin,
      { email: 'marc@brasserie.test', role: 'client_user', client: 'brasserie-dupont' },
      'granite willow comet 41',
    );
    const granted = await admin.call(`/api/accounts/${user.id}/rights`, {
      method: 'PUT',
      body: { rights: ['tickets', 'reports'] },
    });
    expect(granted.json).toMatchObject({ account: { rights: ['reports', 'tickets'] } });
    expect((await user.caller.call('/api/auth/session')).json).toMatchObject({
      account: { rights: ['reports', 'tickets'] },
    });
    const revoked = await admin.call(`/api/accounts/${user.id}/rights`, {
      method: 'PUT',
      body: { rights: ['reports'] },
    });
    expect(revoked.json).toMatchObject({ account: { rights: ['reports'] } });
    const bad = await admin.call(`/api/accounts/${user.id}/rights`, {
      method: 'PUT',
      body: { rights: ['root'] },
    });
    expect(bad.status).toBe(400);
  });

  it('a disabled account loses its session at once and cannot sign in', async () => {
    expect((await user.caller.call('/api/auth/session')).status).toBe(200);
    expect((await admin.call(`/api/accounts/${user.id}/disable`, { method: 'POST' })).json).toMatchObject({
      account: { status: 'disabled' },
    });
    expect((await user.caller.call('/api/auth/session')).status).toBe(401);
    expect(
      (
        await anonymous('/api/auth/login', {
          email: 'marc@brasserie.test',
          password: 'granite willow comet 41',
        })
      ).status,
    ).toBe(401);
    await admin.call(`/api/accounts/${user.id}/enable`, { method: 'POST' });
    expect(
      (
        await anonymous('/api/auth/login', {
          email: 'marc@brasserie.test',
          password: 'granite willow comet 41',
        })
      ).status,
    ).toBe(200);
  });

  it('an invited account that is disabled and enabled again is still waiting for its password', async () => {
    const created = await ops.call('/api/accounts', {
      method: 'POST',
      body: { email: 'later@brasserie.test', role: 'client_user', client: 'brasserie-dupont' },
    });
    const id = (created.json as { account: { id: string } }).account.id;
    expect((await ops.call(`/api/accounts/${id}/disable`, { method: 'POST' })).json).toMatchObject({
      account: { status: 'disabled' },
    });
    expect((await ops.call(`/api/accounts/${id}/enable`, { method: 'POST' })).json).toMatchObject({
      account: { status: 'invited' },
    });
  });

  it('records every administrative action in an append-only audit log, exportable as CSV', async () => {
    const events = (
      (await admin.call('/api/audit')).json as { events: { action: string; actorEmail: string }[] }
    ).events;
    const actions = events.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'account.created',
        'account.rights_changed',
        'account.disabled',
        'account.enabled',
        'auth.invitation_accepted',
        'auth.login',
      ]),
    );
    const csv = await admin.call('/api/audit?format=csv');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.split('\n')[0]).toBe('id,at,actor,client,action,target,ip,detail');
    expect(csv.text).toContain('account.rights_changed');

    const db = await platformDb(platform);
    try {
      await expect(sql`update audit_event set action = 'nothing happened'`.execute(db)).rejects.toThrow(
        /append-only/,
      );
      await expect(sql`delete from audit_event`.execute(db)).rejects.toThrow(/append-only/);
    } finally {
      await db.destroy();
    }
  });

  it('refuses bad account requests with clear errors', async () => {
    const cases: [unknown, number, string][] = [
      [{ email: 'not-an-email', role: 'client_user', client: 'brasserie-dupont' }, 400, 'invalid_request'],
      [{ email: 'x@y.test', role: 'king', client: 'brasserie-dupont' }, 400, 'invalid_request'],
      [{ email: 'x@y.test', role: 'client_user' }, 400, 'client_required'],
      [{ email: 'x@y.test', role: 'operator', client: 'brasserie-dupont' }, 400, 'staff_without_client'],
      [{ email: 'x@y.test', role: 'client_user', client: 'nope' }, 404, 'client_not_found'],
      [
        { email: 'jeanne@brasserie.test', role: 'client_user', client: 'brasserie-dupont' },
        409,
        'email_taken',
      ],
      [
        { email: 'x@y.test', role: 'client_user', client: 'brasserie-dupont', passwordHash: '$1$md5$nope' },
        400,
        'invalid_password_hash',
      ],
    ];
    for (const [body, status, code] of cases) {
      const response = await ops.call('/api/accounts', { method: 'POST', body });
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect(response.json).toMatchObject({ error: code });
    }
  });
});

describe('passwords', () => {
  it('imports a passlib hash as it is, signs in with it, and re-hashes it to the current policy', async () => {
    const created = await ops.call('/api/accounts', {
      method: 'POST',
      body: {
        email: 'imported@brasserie.test',
        role: 'client_user',
        client: 'brasserie-dupont',
        passwordHash: PASSLIB_PASSWORD_HASH,
      },
    });
    expect(created.json).toMatchObject({ invited: false, account: { status: 'active' } });
    const db = await platformDb(platform);
    try {
      const stored = async () =>
        (
          await db
            .selectFrom('account')
            .select('password_hash')
            .where('email', '=', 'imported@brasserie.test')
            .executeTakeFirstOrThrow()
        ).password_hash;
      expect(await stored()).toBe(PASSLIB_PASSWORD_HASH);
      expect(
        (await anonymous('/api/auth/login', { email: 'imported@brasserie.test', password: 'password' }))
          .status,
      ).toBe(200);
      expect(await stored()).toMatch(/^\$pbkdf2-sha512\$210000\$/);
      expect(
        (await anonymous('/api/auth/login', { email: 'imported@brasserie.test', password: 'password' }))
          .status,
      ).toBe(200);
    } finally {
      await db.destroy();
    }
  });

  it('resets a forgotten password with a single-use e-mailed link, without telling who has an account', async () => {
    const unknown = await anonymous('/api/auth/password-reset', { email: 'nobody@nowhere.test' });
    const known = await anonymous('/api/auth/password-reset', { email: 'jeanne@brasserie.test' });
    expect(unknown.status).toBe(202);
    expect(known.status).toBe(202);
    expect(unknown.json).toEqual(known.json);
    const mail = await smtp.waitFor(
      (m) => m.to.includes('jeanne@brasserie.test') && m.subject.includes('Reset'),
    );
    const token = new URL(linkIn(mail, '/reset-password')).searchParams.get('token') ?? '';
    expect(
      (await anonymous('/api/auth/password-reset/complete', { token, password: 'saffron glacier violin 58' }))
        .status,
    ).toBe(204);
    expect(
      (await anonymous('/api/auth/password-reset/complete', { token, password: 'another one entirely 12' }))
        .status,
    ).toBe(400);
    expect(
      (
        await anonymous('/api/auth/login', {
          email: 'jeanne@brasserie.test',
          password: 'velvet lantern orchid 73',
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await anonymous('/api/auth/login', {
          email: 'jeanne@brasserie.test',
          password: 'saffron glacier violin 58',
        })
      ).status,
    ).toBe(200);
    expect(smtp.received.some((m) => m.to.includes('nobody@nowhere.test'))).toBe(false);
  });

  it('changing a password needs the current one and ends the other sessions', async () => {
    const first = await signIn(platform, 'marc@brasserie.test', 'granite willow comet 41');
    const second = await signIn(platform, 'marc@brasserie.test', 'granite willow comet 41');
    const wrong = await first.call('/api/auth/password', {
      method: 'POST',
      body: { currentPassword: 'guess', newPassword: 'maple orbit canyon 64' },
    });
    expect(wrong.json).toMatchObject({ error: 'reauthentication_failed' });
    const changed = await first.call('/api/auth/password', {
      method: 'POST',
      body: { currentPassword: 'granite willow comet 41', newPassword: 'maple orbit canyon 64' },
    });
    expect(changed.status).toBe(204);
    expect((await first.call('/api/auth/session')).status).toBe(200);
    expect((await second.call('/api/auth/session')).status).toBe(401);
  });
});

describe('e-mail address', () => {
  it('changes only with the current password, and the old address is told', async () => {
    const marc = await signIn(platform, 'marc@brasserie.test', 'maple orbit canyon 64');
    const refused = await marc.call('/api/auth/email', {
      method: 'POST',
      body: { password: 'wrong one', email: 'marc@new.test' },
    });
    expect(refused.json).toMatchObject({ error: 'reauthentication_failed' });
    const taken = await marc.call('/api/auth/email', {
      method: 'POST',
      body: { password: 'maple orbit canyon 64', email: 'jeanne@brasserie.test' },
    });
    expect(taken.status).toBe(409);
    const changed = await marc.call('/api/auth/email', {
      method: 'POST',
      body: { password: 'maple orbit canyon 64', email: 'Marc@New.test' },
    });
    expect(changed.status).toBe(204);
    await smtp.waitFor((m) => m.to.includes('marc@brasserie.test') && m.text.includes('marc@new.test'));
    expect(
      (await anonymous('/api/auth/login', { email: 'marc@new.test', password: 'maple orbit canyon 64' }))
        .status,
    ).toBe(200);
    await marc.call('/api/auth/email', {
      method: 'POST',
      body: { password: 'maple orbit canyon 64', email: 'marc@brasserie.test' },
    });
  });
});

describe('sign-in throttling', () => {
  it('slows an attack on an account from one address without locking out the real user elsewhere', async () => {
    const attacker = { 'x-forwarded-for': '203.0.113.7' };
    const owner = { 'x-forwarded-for': '198.51.100.20' };
    const attempt = (password: string, headers: Record<string, string>) =>
      anonymous('/api/auth/login', { email: 'marc@brasserie.test', password }, headers);
    for (let i = 0; i < 5; i++) expect((await attempt(`wrong guess number ${i}`, attacker)).status).toBe(401);
    // Now even the right password from the attacking address gets the same refusal…
    const throttled = await attempt('maple orbit canyon 64', attacker);
    expect(throttled.status).toBe(401);
    expect(throttled.json).toEqual((await attempt('still wrong 123456', owner)).json);
    // …while the real user, from another address, signs in.
    expect((await attempt('maple orbit canyon 64', owner)).status).toBe(200);
  });
});
