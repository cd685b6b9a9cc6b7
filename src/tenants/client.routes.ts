import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody } from '../identity/auth.schema.js';
import { requireAccount, signedInAccount } from '../server/plugins/auth.js';
import {
  clientKey,
  clientView,
  connectionView,
  createdClient,
  eventsView,
  newClient,
} from './client.schema.js';
import type { ClientService } from './client.service.js';
import type { InstanceService } from './instance.service.js';

const errors = { 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 503: errorBody };

export function registerClientRoutes(
  app: FastifyInstance,
  clients: ClientService,
  instances: InstanceService,
  caFile: string,
): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['clients'];

  api.get(
    '/api/clients',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: 'Clients you may see',
        response: { 200: z.object({ clients: z.array(clientView) }) },
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
        summary:
          'Create a client and its dedicated PostgreSQL instance (operators); the password is shown once',
        body: newClient,
        response: { 201: createdClient, ...errors },
      },
    },
    async (request, reply) => {
      const created = await clients.create(
        { account: signedInAccount(request), ip: request.ip },
        request.body,
      );
      return reply.status(201).send(created);
    },
  );

  api.get(
    '/api/clients/:key',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: 'One client and its instance, by slug or id',
        params: clientKey,
        response: { 200: z.object({ client: clientView }), ...errors },
      },
    },
    async (request) => ({
      client: await clients.get({ account: signedInAccount(request), ip: request.ip }, request.params.key),
    }),
  );

  api.get(
    '/api/clients/:key/events',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: "What happened to the client's instance (starts, crashes, restarts)",
        params: clientKey,
        response: { 200: eventsView, ...errors },
      },
    },
    async (request) => {
      const client = await clients.find(
        { account: signedInAccount(request), ip: request.ip },
        request.params.key,
      );
      return { events: await instances.events(client.id) };
    },
  );

  api.put(
    '/api/clients/:key/settings',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: "A client's settings (operator or the client's administrator)",
        params: clientKey,
        body: z.object({ requireMfa: z.boolean() }),
        response: { 200: z.object({ client: clientView }), ...errors },
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

  for (const action of ['suspend', 'resume'] as const) {
    api.post(
      `/api/clients/:key/${action}`,
      {
        preHandler: requireAccount,
        schema: {
          tags,
          summary:
            action === 'suspend'
              ? 'Suspend: the instance stops, connections are refused, data is kept'
              : 'Resume a suspended client, or cancel its deletion',
          params: clientKey,
          response: { 200: z.object({ client: clientView }), ...errors },
        },
      },
      async (request) => ({
        client: await clients[action](
          { account: signedInAccount(request), ip: request.ip },
          request.params.key,
        ),
      }),
    );
  }

  api.post(
    '/api/clients/:key/owner-password',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary:
          "A new password for the client's database owner, shown once (operator or the client's administrator)",
        params: clientKey,
        response: { 200: z.object({ connection: connectionView }), ...errors },
      },
    },
    async (request) => ({
      connection: await clients.resetOwnerPassword(
        { account: signedInAccount(request), ip: request.ip },
        request.params.key,
      ),
    }),
  );

  app.get(
    '/api/ca.pem',
    {
      schema: {
        tags,
        summary: "The platform CA certificate: trust it to verify the databases' TLS (sslrootcert)",
      },
    },
    async (_request, reply) => reply.type('application/x-pem-file').send(await readFile(caFile, 'utf8')),
  );

  api.delete(
    '/api/clients/:key',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: 'Delete: the instance stops now and is removed after the grace period',
        params: clientKey,
        response: { 200: z.object({ client: clientView }), ...errors },
      },
    },
    async (request) => ({
      client: await clients.delete({ account: signedInAccount(request), ip: request.ip }, request.params.key),
    }),
  );
}
