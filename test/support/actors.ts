import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../../src/db/schema.js';
import { cookiesOf, request, type RequestOptions, type Response } from './https.js';
import type { RunningPlatform } from './platform.js';
import { linkIn, type TestSmtp } from './smtp.js';

/** Someone using the API with a console session (cookie + CSRF header) or an API token. */
export interface Caller {
  email: string;
  call(urlPath: string, options?: RequestOptions): Promise<Response>;
}

export async function signIn(
  platform: RunningPlatform,
  email: string,
  password: string,
  extra: { code?: string; headers?: Record<string, string> } = {},
): Promise<Caller> {
  const response = await request(platform.url, platform.caFile, '/api/auth/login', {
    method: 'POST',
    body: { email, password, ...(extra.code ? { code: extra.code } : {}) },
    ...(extra.headers ? { headers: extra.headers } : {}),
  });
  if (response.status !== 200)
    throw new Error(`sign-in of ${email} failed: ${response.status} ${response.text}`);
  return sessionCaller(platform, email, response);
}

export function sessionCaller(platform: RunningPlatform, email: string, signedIn: Response): Caller {
  const cookies = cookiesOf(signedIn);
  const csrf = cookies.values['__Host-oxygis-csrf'] ?? '';
  return {
    email,
    call: (urlPath, options = {}) =>
      request(platform.url, platform.caFile, urlPath, {
        ...options,
        headers: { cookie: cookies.header, 'x-csrf-token': csrf, ...options.headers },
      }),
  };
}

export function tokenCaller(platform: RunningPlatform, email: string, token: string): Caller {
  return {
    email,
    call: (urlPath, options = {}) =>
      request(platform.url, platform.caFile, urlPath, {
        ...options,
        headers: { authorization: `Bearer ${token}`, ...options.headers },
      }),
  };
}

/** Creates an account through `by`, then accepts the e-mailed invitation as that person. */
export async function invite(
  platform: RunningPlatform,
  smtp: TestSmtp,
  by: Caller,
  account: { email: string; role: string; client?: string; displayName?: string },
  password: string,
): Promise<{ caller: Caller; id: string }> {
  const created = await by.call('/api/accounts', {
    method: 'POST',
    body: { displayName: account.email, ...account },
  });
  if (created.status !== 201) throw new Error(`create ${account.email}: ${created.status} ${created.text}`);
  const mail = await smtp.waitFor((m) => m.to.includes(account.email) && m.subject.includes('account'));
  const token = new URL(linkIn(mail, '/accept-invitation')).searchParams.get('token') ?? '';
  const accepted = await request(platform.url, platform.caFile, '/api/auth/invitation/accept', {
    method: 'POST',
    body: { token, password },
  });
  if (accepted.status !== 200)
    throw new Error(`accept ${account.email}: ${accepted.status} ${accepted.text}`);
  return {
    caller: sessionCaller(platform, account.email, accepted),
    id: (created.json as { account: { id: string } }).account.id,
  };
}

/** A direct connection to the platform's embedded control-plane database, to check what is stored. */
export async function platformDb(platform: RunningPlatform): Promise<Kysely<Database>> {
  const password = (
    await readFile(path.join(platform.dataDir, 'secrets', 'control-plane-db.password'), 'utf8')
  ).trim();
  const pid = await readFile(
    path.join(platform.dataDir, 'control-plane', 'pgdata', 'postmaster.pid'),
    'utf8',
  );
  const port = Number(pid.split('\n')[3]);
  const pool = new pg.Pool({ host: '127.0.0.1', port, user: 'oxygis', password, database: 'oxygis', max: 2 });
  // A test that kills the platform ends these connections: not an error of the test run.
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
