import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody } from '../identity/auth.schema.js';
import type { Services } from '../platform/services.js';
import { badRequest, notFound } from '../server/errors.js';
import { requireAccount } from '../server/plugins/auth.js';
import { backupAccess } from './backup-access.js';
import { clientKey, drill, restoreRequest, restoreRun, tags } from './backup.schema.js';

const restoreKey = clientKey.extend({ id: z.uuid({ error: 'not a restore id' }) });

export function registerRestoreRoutes(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const access = backupAccess(services.clients, services.rightsOf);

  api.post(
    '/api/clients/:key/restores',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary:
          "Start a restore of the client's database to an instant (`to`), a base backup (`backupId`) or its latest state; follow it with GET …/restores/:id. In place needs `confirm` = the client's slug",
        params: clientKey,
        body: restoreRequest,
        response: {
          202: z.object({ restore: restoreRun }),
          400: errorBody,
          403: errorBody,
          404: errorBody,
          409: errorBody,
        },
      },
    },
    async (request, reply) => {
      const { actor, client } = await access.administrator(request, request.params.key);
      const body = request.body;
      if (body.inPlace && body.confirm !== client.slug) {
        throw badRequest(
          'confirmation_required',
          `an in-place restore replaces ${client.slug}'s data without keeping it: confirm with the client's slug`,
        );
      }
      const restore = await services.restore.begin(actor, client.id, {
        to: body.to ? new Date(body.to) : undefined,
        backupId: body.backupId,
        inPlace: body.inPlace,
      });
      return reply.status(202).send({ restore });
    },
  );

  api.get(
    '/api/clients/:key/restores',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: "The client's restores, newest first",
        params: clientKey,
        response: { 200: z.object({ restores: z.array(restoreRun) }), 403: errorBody, 404: errorBody },
      },
    },
    async (request) => {
      const { client } = await access.viewer(request, request.params.key);
      return { restores: await services.restore.list(client.id) };
    },
  );

  api.get(
    '/api/clients/:key/restores/:id',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: 'One restore: its phase and progress while it runs, its result after',
        params: restoreKey,
        response: { 200: z.object({ restore: restoreRun }), 400: errorBody, 403: errorBody, 404: errorBody },
      },
    },
    async (request) => {
      const { client } = await access.viewer(request, request.params.key);
      const restore = await services.restore.get(client.id, request.params.id);
      if (!restore) throw notFound('restore_not_found', 'no such restore for this client');
      return { restore };
    },
  );

  api.post(
    '/api/clients/:key/restores/:id/confirm',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary:
          'Keep the restored data: the data it replaced is removed now instead of at the end of its keeping time',
        params: restoreKey,
        response: {
          200: z.object({ restore: restoreRun }),
          400: errorBody,
          403: errorBody,
          404: errorBody,
          409: errorBody,
        },
      },
    },
    async (request) => {
      const { actor, client } = await access.administrator(request, request.params.key);
      return { restore: await services.restore.confirm(actor, client.id, request.params.id) };
    },
  );

  api.post(
    '/api/clients/:key/backups/drill',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary:
          'Restore drill: the latest state restored into a scratch instance, checked, removed; the time is recorded',
        params: clientKey,
        response: { 200: drill, 403: errorBody, 404: errorBody },
      },
    },
    async (request) => {
      const { client } = await access.administrator(request, request.params.key);
      return services.restore.drill(client.id);
    },
  );

  api.get(
    '/api/clients/:key/backups/drills',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: 'Recent restore drills, newest first',
        params: clientKey,
        response: { 200: z.object({ drills: z.array(drill) }), 403: errorBody, 404: errorBody },
      },
    },
    async (request) => {
      const { client } = await access.viewer(request, request.params.key);
      return { drills: await services.restore.drills(client.id) };
    },
  );
}
