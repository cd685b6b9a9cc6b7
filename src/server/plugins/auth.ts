import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Account } from '../../identity/account.repository.js';
import type { AuthService, NewSession } from '../../identity/auth.service.js';
import type { MfaService } from '../../identity/mfa.service.js';
import { forbidden, unauthorized } from '../errors.js';

export const SESSION_COOKIE = '__Host-oxygis-session';
export const CSRF_COOKIE = '__Host-oxygis-csrf';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyRequest {
    account: Account | null;
    /** How the request proved who it is; cookie-authenticated changes need the CSRF header. */
    authenticatedBy: 'session' | 'token' | null;
    sessionToken: string | null;
  }
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function setSessionCookies(reply: FastifyReply, session: NewSession): void {
  const common = { path: '/', secure: true, sameSite: 'strict' as const, expires: session.expiresAt };
  reply.setCookie(SESSION_COOKIE, session.sessionToken, { ...common, httpOnly: true });
  reply.setCookie(CSRF_COOKIE, session.csrfToken, { ...common, httpOnly: false });
}

export function clearSessionCookies(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', secure: true, sameSite: 'strict', httpOnly: true });
  reply.clearCookie(CSRF_COOKIE, { path: '/', secure: true, sameSite: 'strict' });
}

/**
 * Resolves who is calling: `Authorization: Bearer <api token>` (CLI, automation) or the session
 * cookie (console). A cookie-authenticated POST/PUT/PATCH/DELETE must echo the CSRF cookie in
 * the `x-csrf-token` header, which a cross-site page cannot do.
 */
/** What a signed-in account may still reach while it must enrol a second factor first. */
const ENROLMENT_ROUTES = ['/api/auth/session', '/api/auth/logout', '/api/auth/mfa/'];

export function registerAuth(app: FastifyInstance, auth: AuthService, mfa: MfaService): void {
  app.decorateRequest('account', null);
  app.decorateRequest('authenticatedBy', null);
  app.decorateRequest('sessionToken', null);

  app.addHook('preHandler', async (request) => {
    const account = request.account;
    if (!account || ENROLMENT_ROUTES.some((route) => request.url.startsWith(route))) return;
    if ((await mfa.isRequired(account)) && !(await mfa.isEnabled(account.id))) {
      throw forbidden(
        'mfa_enrollment_required',
        'this account must set up a second factor first: open your profile in the console and enrol an authenticator app',
      );
    }
  });

  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const account = await auth.tokenAccount(header.slice('Bearer '.length).trim());
      if (!account)
        throw unauthorized('invalid_token', 'the API token is unknown or revoked; run `oxygis login` again');
      request.account = account;
      request.authenticatedBy = 'token';
      return;
    }
    const sessionToken = request.cookies[SESSION_COOKIE];
    if (!sessionToken) return;
    const session = await auth.sessionAccount(sessionToken);
    if (!session) return;
    if (
      UNSAFE.has(request.method) &&
      !sameSecret(String(request.headers['x-csrf-token'] ?? ''), session.csrfToken)
    ) {
      throw forbidden('csrf_failed', 'this change must come from the console; reload the page and try again');
    }
    request.account = session.account;
    request.authenticatedBy = 'session';
    request.sessionToken = sessionToken;
  });
}

/** preHandler for routes that need a signed-in caller. */
export function requireAccount(request: FastifyRequest): Promise<void> {
  if (!request.account) {
    return Promise.reject(
      unauthorized('not_signed_in', 'sign in first (console) or run `oxygis login` (CLI)'),
    );
  }
  return Promise.resolve();
}

export function signedInAccount(request: FastifyRequest): Account {
  if (!request.account)
    throw unauthorized('not_signed_in', 'sign in first (console) or run `oxygis login` (CLI)');
  return request.account;
}
