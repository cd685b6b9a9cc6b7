import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireAccount, signedInAccount } from '../server/plugins/auth.js';
import type { AccountService } from './account.service.js';
import {
  accountDetailsResponse,
  accountListQuery,
  accountListResponse,
  createdAccountResponse,
  newAccount,
  rightsBody,
} from './accounts.schema.js';
import { errorBody, idParam, noContent } from './auth.schema.js';

export function registerAccountRoutes(app: FastifyInstance, accounts: AccountService): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['accounts'];
  const errors = { 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

  api.get(
    '/api/accounts',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: 'Accounts you may see',
        querystring: accountListQuery,
        response: { 200: accountListResponse, ...errors },
      },
    },
    async (request) => ({
      accounts: await accounts.list(
        { account: signedInAccount(request), ip: request.ip },
        request.query.client,
      ),
    }),
  );

  api.post(
    '/api/accounts',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: 'Create an account: an invitation is e-mailed (or import a pbkdf2-sha512 hash)',
        body: newAccount,
        response: { 201: createdAccountResponse, ...errors },
      },
    },
    async (request, reply) => {
      const created = await accounts.create(
        { account: signedInAccount(request), ip: request.ip },
        request.body,
      );
      return reply.status(201).send(created);
    },
  );

  api.get(
    '/api/accounts/:id',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: 'One account (by id or e-mail)',
        params: idParam,
        response: { 200: accountDetailsResponse, ...errors },
      },
    },
    async (request) => ({
      account: await accounts.get({ account: signedInAccount(request), ip: request.ip }, request.params.id),
    }),
  );

  for (const [action, status] of [
    ['disable', 'disabled'],
    ['enable', 'active'],
  ] as const) {
    api.post(
      `/api/accounts/:id/${action}`,
      {
        preHandler: requireAccount,
        schema: {
          tags,
          summary: `${action} an account`,
          params: idParam,
          response: { 200: accountDetailsResponse, ...errors },
        },
      },
      async (request) => ({
        account: await accounts.setStatus(
          { account: signedInAccount(request), ip: request.ip },
          request.params.id,
          status,
        ),
      }),
    );
  }

  api.put(
    '/api/accounts/:id/rights',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: "Set a client user's rights (the full list)",
        params: idParam,
        body: rightsBody,
        response: { 200: accountDetailsResponse, ...errors },
      },
    },
    async (request) => ({
      account: await accounts.setRights(
        { account: signedInAccount(request), ip: request.ip },
        request.params.id,
        request.body.rights,
      ),
    }),
  );

  api.post(
    '/api/accounts/:id/invitation',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: 'Send the invitation again',
        params: idParam,
        response: { 204: noContent, ...errors },
      },
    },
    async (request, reply) => {
      await accounts.resendInvitation(
        { account: signedInAccount(request), ip: request.ip },
        request.params.id,
      );
      return reply.status(204).send(null);
    },
  );
}
