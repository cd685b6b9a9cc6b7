import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invite, signIn, type Caller } from '../support/actors.js';
import { request } from '../support/https.js';
import { removeDir, runCli, startPlatform, tempDir, type RunningPlatform } from '../support/platform.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';

const operator = { email: 'ops@host.test', password: 'second factor phrase 6' };
let platform: RunningPlatform;
let smtp: TestSmtp;
let ops: Caller;
let secret = '';
let recoveryCodes: string[] = [];

const login = (body: Record<string, string>) =>
  request(platform.url, platform.caFile, '/api/auth/login', { method: 'POST', body });
/** A code for the time step `offset` steps from now (each step is used once). */
const codeAt = (offset: number) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + offset * 30 });

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
}, 120_000);

afterAll(async () => {
  await platform.stop();
  await smtp.stop();
  await removeDir(platform.dataDir);
});

describe('TOTP second factor', () => {
  it('enrols after re-authentication, with a QR code, and shows recovery codes once', async () => {
    expect(
      (await ops.call('/api/auth/mfa/enroll', { method: 'POST', body: { password: 'not mine' } })).json,
    ).toMatchObject({
      error: 'reauthentication_failed',
    });
    const enrolment = await ops.call('/api/auth/mfa/enroll', {
      method: 'POST',
      body: { password: operator.password },
    });
    const body = enrolment.json as { secret: string; otpauthUri: string; qrSvg: string };
    expect(body.otpauthUri).toMatch(/^otpauth:\/\/totp\/Oxygis%20Cloud:ops%40host\.test\?secret=/);
    expect(body.qrSvg).toMatch(/^<svg/);
    secret = body.secret;
    expect(
      (await ops.call('/api/auth/mfa/confirm', { method: 'POST', body: { code: '000000' } })).json,
    ).toMatchObject({ error: 'invalid_code' });
    const confirmed = await ops.call('/api/auth/mfa/confirm', {
      method: 'POST',
      body: { code: await codeAt(0) },
    });
    recoveryCodes = (confirmed.json as { recoveryCodes: string[] }).recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect((await ops.call('/api/auth/session')).json).toMatchObject({ account: { mfa: { enabled: true } } });
  });

  it('then asks for the code at sign-in, accepts each code once, and a recovery code once', async () => {
    const credentials = { email: operator.email, password: operator.password };
    expect((await login(credentials)).json).toMatchObject({ error: 'mfa_required' });
    expect((await login({ ...credentials, code: '123456' })).json).toMatchObject({
      error: 'invalid_credentials',
    });
    const code = await codeAt(1);
    expect((await login({ ...credentials, code })).status).toBe(200);
    expect((await login({ ...credentials, code })).status).toBe(401); // replay
    const recovery = recoveryCodes[0] ?? '';
    expect((await login({ ...credentials, code: recovery.toUpperCase() })).status).toBe(200);
    expect((await login({ ...credentials, code: recovery })).status).toBe(401);
  });

  it('the CLI asks for it too: `oxygis login --code`', async () => {
    const configDir = await tempDir('oxygis-cli-');
    const env = { OXYGIS_CONFIG_DIR: configDir, OXYGIS_DATA_DIR: platform.dataDir };
    const args = ['login', '--url', platform.url, '--email', operator.email, '--password-stdin'];
    const without = await runCli(args, { env, input: operator.password });
    expect(without.code).not.toBe(0);
    expect(without.stderr).toMatch(/no terminal to ask on/);
    // The TOTP steps of this minute are used up above; a recovery code is a second factor too.
    const withCode = await runCli([...args, '--code', recoveryCodes[1] ?? '', '--json'], {
      env,
      input: operator.password,
    });
    expect(withCode.code).toBe(0);
    await removeDir(configDir);
  });
});

describe("a client's administrator can require a second factor for its users", () => {
  it('users must enrol before anything else works, and cannot turn it off', async () => {
    await ops.call('/api/clients', { method: 'POST', body: { name: 'Atelier Martin' } });
    const admin = await invite(
      platform,
      smtp,
      ops,
      { email: 'claire@atelier.test', role: 'client_admin', client: 'atelier-martin' },
      'ochre bramble kettle 27',
    );
    const user = await invite(
      platform,
      smtp,
      admin.caller,
      { email: 'paul@atelier.test', role: 'client_user', client: 'atelier-martin' },
      'thistle cobalt lagoon 35',
    );
    expect((await user.caller.call('/api/accounts')).status).toBe(200);

    const required = await admin.caller.call('/api/clients/atelier-martin/settings', {
      method: 'PUT',
      body: { requireMfa: true },
    });
    expect(required.json).toMatchObject({ client: { requireMfa: true } });

    const blocked = await user.caller.call('/api/accounts');
    expect(blocked.status).toBe(403);
    expect(blocked.json).toMatchObject({ error: 'mfa_enrollment_required' });
    expect((await user.caller.call('/api/auth/session')).json).toMatchObject({
      account: { mfa: { enabled: false, required: true } },
    });

    const enrolment = await user.caller.call('/api/auth/mfa/enroll', {
      method: 'POST',
      body: { password: 'thistle cobalt lagoon 35' },
    });
    const userSecret = (enrolment.json as { secret: string }).secret;
    const confirmed = await user.caller.call('/api/auth/mfa/confirm', {
      method: 'POST',
      body: { code: await generate({ secret: userSecret }) },
    });
    expect(confirmed.status).toBe(200);
    expect((await user.caller.call('/api/accounts')).status).toBe(200);
    const disable = await user.caller.call('/api/auth/mfa/disable', {
      method: 'POST',
      body: { password: 'thistle cobalt lagoon 35' },
    });
    expect(disable.json).toMatchObject({ error: 'mfa_required_by_policy' });
  });
});
