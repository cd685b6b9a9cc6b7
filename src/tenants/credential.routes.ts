import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody, noContent } from '../identity/auth.schema.js';
import { requireAccount, signedInAccount } from '../server/plugins/auth.js';
import { connectionView } from './client.schema.js';
import type { CredentialService } from './credential.service.js';

const credential = z.object({
  id: z.string(),
  accountEmail: z.string(),
  roleName: z.string(),
  mode: z.enum(['read_only', 'read_write']),
  createdAt: z.date(),
  rotatedAt: z.date().nullable(),
});
const withConnection = z.object({ credential, connection: connectionView });
const params = z.object({ key: z.string().min(1).max(100), account: z.string().min(1).max(320) });
const errors = { 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

export function registerCredentialRoutes(app: FastifyInstance, credentials: CredentialService): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['database credentials'];
  const actor = (request: { ip: string }, account: ReturnType<typeof signedInAccount>) => ({
    account,
    ip: request.ip,
  });

  api.get(
    '/api/clients/:key/credentials',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: 'Personal database credentials (never passwords)',
        params: z.object({ key: z.string().min(1).max(100) }),
        response: { 200: z.object({ credentials: z.array(credential) }), ...errors },
      },
    },
    async (request) => ({
      credentials: await credentials.list(actor(request, signedInAccount(request)), request.params.key),
    }),
  );

  api.put(
    '/api/clients/:key/credentials/:account',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: 'Grant a person database credentials (read_only or read_write); the password is shown once',
        params,
        body: z.object({
          mode: z.enum(['read_only', 'read_write'], { error: 'mode must be read_only or read_write' }),
        }),
        response: { 201: withConnection, ...errors },
      },
    },
    async (request, reply) => {
      const granted = await credentials.grant(
        actor(request, signedInAccount(request)),
        request.params.key,
        request.params.account,
        request.body.mode,
      );
      return reply.status(201).send(granted);
    },
  );

  api.post(
    '/api/clients/:key/credentials/:account/rotate',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: 'A new password (shown once); the old one stops working',
        params,
        response: { 200: withConnection, ...errors },
      },
    },
    async (request) =>
      credentials.rotate(
        actor(request, signedInAccount(request)),
        request.params.key,
        request.params.account,
      ),
  );

  api.delete(
    '/api/clients/:key/credentials/:account',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: 'Revoke: the role is dropped and its sessions end',
        params,
        response: { 204: noContent, ...errors },
      },
    },
    async (request, reply) => {
      await credentials.revoke(
        actor(request, signedInAccount(request)),
        request.params.key,
        request.params.account,
      );
      return reply.status(204).send(null);
    },
  );
}
