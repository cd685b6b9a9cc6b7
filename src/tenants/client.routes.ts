import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody } from '../identity/auth.schema.js';
import { requireAccount, signedInAccount } from '../server/plugins/auth.js';
import type { ClientService } from './client.service.js';

const client = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  requireMfa: z.boolean(),
  createdAt: z.date(),
});
const key = z.object({ key: z.string().min(1).max(100) });
const errors = { 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

export function registerClientRoutes(app: FastifyInstance, clients: ClientService): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['clients'];

  api.get(
    '/api/clients',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: 'Clients you may see',
        response: { 200: z.object({ clients: z.array(client) }) },
      },
    },
    async (request) => ({
      clients: await clients.list({ account: signedInAccount(request), ip: request.ip }),
    }),
  );

  api.post(
    '/api/clients',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: 'Create a client (operators)',
        body: z.object({ name: z.string().max(200), slug: z.string().max(100).optional() }),
        response: { 201: z.object({ client }), ...errors },
      },
    },
    async (request, reply) => {
      const created = await clients.create(
        { account: signedInAccount(request), ip: request.ip },
        request.body,
      );
      return reply.status(201).send({ client: created });
    },
  );

  api.get(
    '/api/clients/:key',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: 'One client, by slug or id',
        params: key,
        response: { 200: z.object({ client }), ...errors },
      },
    },
    async (request) => ({
      client: await clients.get({ account: signedInAccount(request), ip: request.ip }, request.params.key),
    }),
  );

  api.put(
    '/api/clients/:key/settings',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: "A client's settings (operator or the client's administrator)",
        params: key,
        body: z.object({ requireMfa: z.boolean() }),
        response: { 200: z.object({ client }), ...errors },
      },
    },
    async (request) => ({
      client: await clients.setRequireMfa(
        { account: signedInAccount(request), ip: request.ip },
        request.params.key,
        request.body.requireMfa,
      ),
    }),
  );
}
