import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Mailer } from '../mail/mailer.js';
import {
  clearSessionCookies,
  requireAccount,
  setSessionCookies,
  signedInAccount,
} from '../server/plugins/auth.js';
import type { Account } from './account.repository.js';
import type { AccountService } from './account.service.js';
import {
  accountResponse,
  credentials,
  emailChange,
  errorBody,
  idParam,
  linkCompletion,
  messageResponse,
  passwordChange,
  resetRequest,
  sessionResponse,
  setupRequest,
  setupState,
  tokenList,
  tokenRequest,
  tokenResponse,
  noContent,
} from './auth.schema.js';
import type { AuthService, RequestMeta } from './auth.service.js';
import type { LinkService } from './link.service.js';
import type { MfaService } from './mfa.service.js';
import type { SetupService } from './setup.service.js';

const loginLimit = { rateLimit: { max: 20, timeWindow: '1 minute' } };

export function requestMeta(request: FastifyRequest): RequestMeta {
  return { ip: request.ip, userAgent: request.headers['user-agent'] ?? null };
}

export const view = (account: Account) => ({
  account: {
    id: account.id,
    email: account.email,
    displayName: account.displayName,
    kind: account.kind,
    roles: account.roles,
  },
});

export interface AuthRouteDeps {
  auth: AuthService;
  setup: SetupService;
  links: LinkService;
  mfa: MfaService;
  accounts: AccountService;
  mailer: Mailer;
}

export function registerAuthRoutes(
  app: FastifyInstance,
  { auth, setup, links, mfa, accounts, mailer }: AuthRouteDeps,
): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];

  api.post(
    '/api/auth/login',
    {
      config: loginLimit,
      schema: {
        tags,
        summary:
          'Sign in to the console (password, then the second factor when enrolled); sets the session cookie',
        body: credentials,
        response: { 200: accountResponse, 401: errorBody },
      },
    },
    async (request, reply) => {
      const { email, password, code } = request.body;
      const session = await auth.login(email, password, code, requestMeta(request));
      setSessionCookies(reply, session);
      return view(session.account);
    },
  );

  api.post(
    '/api/auth/logout',
    { schema: { tags, summary: 'Sign out: ends the session on the server' } },
    async (request, reply) => {
      if (request.sessionToken && request.account) {
        await auth.logout(request.sessionToken, request.account, requestMeta(request));
      }
      clearSessionCookies(reply);
      return reply.status(204).send(null);
    },
  );

  api.get(
    '/api/auth/session',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: 'The signed-in account, its rights and second-factor state',
        response: { 200: sessionResponse, 401: errorBody },
      },
    },
    async (request) => {
      const account = signedInAccount(request);
      const details = await accounts.get({ account, ip: request.ip }, account.id);
      return {
        account: {
          ...view(account).account,
          clientId: details.clientId,
          clientSlug: details.clientSlug,
          status: details.status,
          rights: details.rights as ('tickets' | 'backups' | 'reports' | 'database_credentials')[],
          mfa: { enabled: details.mfaEnabled, required: await mfa.isRequired(account) },
        },
      };
    },
  );

  api.post(
    '/api/auth/tokens',
    {
      config: loginLimit,
      schema: {
        tags,
        summary: 'Exchange credentials for an API token (shown once)',
        body: tokenRequest,
        response: { 201: tokenResponse, 401: errorBody },
      },
    },
    async (request, reply) => {
      const { email, password, code, name } = request.body;
      const issued = await auth.issueApiToken(email, password, code, name, requestMeta(request));
      return reply.status(201).send({ id: issued.id, token: issued.token, ...view(issued.account) });
    },
  );

  api.get(
    '/api/auth/tokens',
    {
      preHandler: requireAccount,
      schema: { tags, summary: 'Your API tokens (never their secrets)', response: { 200: tokenList } },
    },
    async (request) => ({ tokens: await auth.listApiTokens(signedInAccount(request).id) }),
  );

  api.delete(
    '/api/auth/tokens/:id',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: 'Revoke one of your API tokens',
        params: idParam,
        response: { 204: noContent, 404: errorBody },
      },
    },
    async (request, reply) => {
      await auth.revokeApiToken(signedInAccount(request), request.params.id, requestMeta(request));
      return reply.status(204).send(null);
    },
  );

  api.post(
    '/api/auth/password',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: 'Change your password (current password required)',
        body: passwordChange,
        response: { 204: noContent, 400: errorBody, 403: errorBody },
      },
    },
    async (request, reply) => {
      const { currentPassword, newPassword } = request.body;
      await auth.changePassword(
        signedInAccount(request),
        currentPassword,
        newPassword,
        request.sessionToken,
        requestMeta(request),
      );
      return reply.status(204).send(null);
    },
  );

  api.post(
    '/api/auth/email',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: 'Change your e-mail address (current password required)',
        body: emailChange,
        response: { 204: noContent, 403: errorBody, 409: errorBody },
      },
    },
    async (request, reply) => {
      const account = signedInAccount(request);
      await auth.changeEmail(
        account,
        request.body.password,
        request.body.email,
        requestMeta(request),
        async (to, text) => {
          await mailer.send({ to, subject: 'Your Oxygis Cloud e-mail address changed', text });
        },
      );
      return reply.status(204).send(null);
    },
  );

  api.post(
    '/api/auth/invitation/accept',
    {
      config: loginLimit,
      schema: {
        tags,
        summary: 'Accept an invitation: choose your password, get signed in',
        body: linkCompletion,
        response: { 200: accountResponse, 400: errorBody },
      },
    },
    async (request, reply) => {
      const account = await links.acceptInvitation(request.body.token, request.body.password, request.ip);
      setSessionCookies(reply, await auth.startSession(account, requestMeta(request)));
      return view(account);
    },
  );

  api.post(
    '/api/auth/password-reset',
    {
      config: loginLimit,
      schema: {
        tags,
        summary: 'E-mail a single-use password reset link',
        body: resetRequest,
        response: { 202: messageResponse },
      },
    },
    async (request, reply) => {
      await links.requestPasswordReset(request.body.email, request.ip);
      return reply.status(202).send({
        message:
          'if an active account has this address, a reset link is on its way; it works once, for 1 hour',
      });
    },
  );

  api.post(
    '/api/auth/password-reset/complete',
    {
      config: loginLimit,
      schema: {
        tags,
        summary: 'Choose a new password with a reset link',
        body: linkCompletion,
        response: { 204: noContent, 400: errorBody },
      },
    },
    async (request, reply) => {
      await links.completePasswordReset(request.body.token, request.body.password, request.ip);
      return reply.status(204).send(null);
    },
  );

  api.get(
    '/api/setup',
    {
      schema: {
        tags,
        summary: 'Whether the first operator account still has to be created',
        response: { 200: setupState },
      },
    },
    async () => ({ needed: await setup.needed() }),
  );

  api.post(
    '/api/setup',
    {
      config: loginLimit,
      schema: {
        tags,
        summary: 'Create the first operator account with the one-time setup link',
        body: setupRequest,
        response: { 201: accountResponse, 400: errorBody, 403: errorBody },
      },
    },
    async (request, reply) => {
      const { token, ...operator } = request.body;
      const account = await setup.complete(token, operator, request.ip);
      setSessionCookies(reply, await auth.startSession(account, requestMeta(request)));
      return reply.status(201).send(view(account));
    },
  );
}
