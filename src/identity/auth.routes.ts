import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  clearSessionCookies,
  requireAccount,
  setSessionCookies,
  signedInAccount,
} from '../server/plugins/auth.js';
import type { Account } from './account.repository.js';
import {
  accountResponse,
  credentials,
  errorBody,
  setupRequest,
  setupState,
  tokenRequest,
  tokenResponse,
} from './auth.schema.js';
import type { AuthService, RequestMeta } from './auth.service.js';
import type { SetupService } from './setup.service.js';

const loginLimit = { rateLimit: { max: 20, timeWindow: '1 minute' } };

export function requestMeta(request: FastifyRequest): RequestMeta {
  return { ip: request.ip, userAgent: request.headers['user-agent'] ?? null };
}

const view = (account: Account) => ({
  account: {
    id: account.id,
    email: account.email,
    displayName: account.displayName,
    kind: account.kind,
    roles: account.roles,
  },
});

export function registerAuthRoutes(app: FastifyInstance, auth: AuthService, setup: SetupService): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];

  api.post(
    '/api/auth/login',
    {
      config: loginLimit,
      schema: {
        tags,
        summary: 'Sign in to the console; sets the session cookie',
        body: credentials,
        response: { 200: accountResponse, 401: errorBody },
      },
    },
    async (request, reply) => {
      const session = await auth.login(request.body.email, request.body.password, requestMeta(request));
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
      return reply.status(204).send();
    },
  );

  api.get(
    '/api/auth/session',
    {
      preHandler: requireAccount,
      schema: { tags, summary: 'The signed-in account', response: { 200: accountResponse, 401: errorBody } },
    },
    (request) => view(signedInAccount(request)),
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
      const { email, password, name } = request.body;
      const issued = await auth.issueApiToken(email, password, name, requestMeta(request));
      return reply.status(201).send({ id: issued.id, token: issued.token, ...view(issued.account) });
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
      const session = await auth.startSession(account, requestMeta(request));
      setSessionCookies(reply, session);
      return reply.status(201).send(view(account));
    },
  );
}
