import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platformDb } from '../support/actors.js';
import { cookiesOf, request, type Response } from '../support/https.js';
import { removeDir, startPlatform, type RunningPlatform } from '../support/platform.js';

let platform: RunningPlatform;
const call = (urlPath: string, options?: Parameters<typeof request>[3]): Promise<Response> =>
  request(platform.url, platform.caFile, urlPath, options);

function setupToken(stdout: string): string {
  const match = /\/setup\?token=([\w-]+)/.exec(stdout);
  if (!match?.[1]) throw new Error(`no setup link printed:\n${stdout}`);
  return match[1];
}

const operator = {
  email: 'first@example.test',
  displayName: 'First Operator',
  password: 'first operator pass 99',
};

beforeAll(async () => {
  platform = await startPlatform(); // no bootstrap admin: a one-time setup link is printed
});

afterAll(async () => {
  await platform.stop();
  await removeDir(platform.dataDir);
});

describe('first operator through the one-time setup link', () => {
  it('says setup is needed while no account exists', async () => {
    expect((await call('/api/setup')).json).toEqual({ needed: true });
  });

  it('refuses a wrong token and a short password, and changes nothing', async () => {
    const wrong = await call('/api/setup', { method: 'POST', body: { ...operator, token: 'guessed' } });
    expect(wrong.status).toBe(403);
    expect(wrong.json).toMatchObject({ error: 'setup_link_invalid' });
    const short = await call('/api/setup', {
      method: 'POST',
      body: { ...operator, password: 'short', token: setupToken(platform.stdout()) },
    });
    expect(short.status).toBe(400);
    expect(short.json).toMatchObject({ error: 'password_too_short' });
    expect((await call('/api/setup')).json).toEqual({ needed: true });
  });

  it('creates the operator, signs them in, and cannot be used twice', async () => {
    const token = setupToken(platform.stdout());
    const created = await call('/api/setup', { method: 'POST', body: { ...operator, token } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      account: { email: operator.email, kind: 'staff', roles: ['operator'] },
    });
    const cookies = cookiesOf(created);
    const session = await call('/api/auth/session', { headers: { cookie: cookies.header } });
    expect(session.json).toMatchObject({ account: { email: operator.email } });

    const again = await call('/api/setup', {
      method: 'POST',
      body: { ...operator, email: 'second@example.test', token },
    });
    expect(again.status).toBe(403);
    expect((await call('/api/setup')).json).toEqual({ needed: false });
  });
});

describe('console sessions', () => {
  const login = (email: string, password: string) =>
    call('/api/auth/login', { method: 'POST', body: { email, password } });

  it('sets a __Host- session cookie that is Secure, HttpOnly and SameSite=Strict', async () => {
    const response = await login(operator.email, operator.password);
    expect(response.status).toBe(200);
    const line = cookiesOf(response).lines.find((l) => l.startsWith('__Host-oxygis-session='));
    expect(line).toMatch(/; Path=\//);
    expect(line).toMatch(/; Secure/);
    expect(line).toMatch(/; HttpOnly/);
    expect(line).toMatch(/; SameSite=Strict/);
    expect(line).not.toMatch(/Domain=/);
  });

  it('gives a new session id at every sign-in', async () => {
    const a = cookiesOf(await login(operator.email, operator.password)).values['__Host-oxygis-session'];
    const b = cookiesOf(await login(operator.email, operator.password)).values['__Host-oxygis-session'];
    expect(a).toBeTruthy();
    expect(a).not.toBe(b);
  });

  it('answers an unknown account and a wrong password the same way', async () => {
    const unknown = await login('nobody@example.test', 'whatever password 1');
    const wrong = await login(operator.email, 'wrong password here 1');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.json).toEqual(wrong.json);
  });

  it('needs the CSRF header for cookie-authenticated changes, and sign-out ends the session on the server', async () => {
    const cookies = cookiesOf(await login(operator.email, operator.password));
    const withoutCsrf = await call('/api/auth/logout', {
      method: 'POST',
      headers: { cookie: cookies.header },
    });
    expect(withoutCsrf.status).toBe(403);
    expect(withoutCsrf.json).toMatchObject({ error: 'csrf_failed' });
    expect((await call('/api/auth/session', { headers: { cookie: cookies.header } })).status).toBe(200);

    const csrf = cookies.values['__Host-oxygis-csrf'] ?? '';
    const out = await call('/api/auth/logout', {
      method: 'POST',
      headers: { cookie: cookies.header, 'x-csrf-token': csrf },
    });
    expect(out.status).toBe(204);
    // The old cookie no longer works, even when replayed.
    expect((await call('/api/auth/session', { headers: { cookie: cookies.header } })).status).toBe(401);
  });

  it('ends sessions idle for more than an hour, or older than twelve hours', async () => {
    const idle = cookiesOf(await login(operator.email, operator.password));
    const old = cookiesOf(await login(operator.email, operator.password));
    const db = await platformDb(platform);
    try {
      const hashOf = (token: string | undefined) =>
        createHash('sha256')
          .update(token ?? '')
          .digest();
      await db
        .updateTable('session')
        .set({ last_seen_at: new Date(Date.now() - 61 * 60 * 1000) })
        .where('id_hash', '=', hashOf(idle.values['__Host-oxygis-session']))
        .execute();
      await db
        .updateTable('session')
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where('id_hash', '=', hashOf(old.values['__Host-oxygis-session']))
        .execute();
    } finally {
      await db.destroy();
    }
    expect((await call('/api/auth/session', { headers: { cookie: idle.header } })).status).toBe(401);
    expect((await call('/api/auth/session', { headers: { cookie: old.header } })).status).toBe(401);
  });

  it('API tokens authenticate with a Bearer header and need no CSRF header', async () => {
    const issued = await call('/api/auth/tokens', {
      method: 'POST',
      body: { email: operator.email, password: operator.password, name: 'test' },
    });
    expect(issued.status).toBe(201);
    const { token } = issued.json as { token: string };
    const status = await call('/api/status', { headers: { authorization: `Bearer ${token}` } });
    expect(status.status).toBe(200);
    expect(status.json).toMatchObject({
      database: { mode: 'embedded', ready: true },
      jobs: { running: true },
    });
  });
});
