import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody } from '../identity/auth.schema.js';
import type { ClientService } from '../tenants/client.service.js';
import { requireAccount, signedInAccount } from '../server/plugins/auth.js';
import type { AlertService } from './alert.service.js';

const alert = z.object({
  id: z.string(),
  kind: z.string(),
  clientId: z.string().nullable(),
  clientSlug: z.string().nullable(),
  message: z.string(),
  openedAt: z.date(),
  resolvedAt: z.date().nullable(),
});

export function registerAlertRoutes(
  app: FastifyInstance,
  alerts: AlertService,
  clients: ClientService,
): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/alerts',
    {
      preHandler: requireAccount,
      schema: {
        tags: ['alerts'],
        summary:
          "Alerts, newest first: staff see all, client accounts their client's; `open=true` only the open ones",
        querystring: z.object({
          open: z.enum(['true', 'false']).optional(),
          client: z.string().min(1).max(100).optional(),
        }),
        response: { 200: z.object({ alerts: z.array(alert) }), 404: errorBody },
      },
    },
    async (request) => {
      const actor = { account: signedInAccount(request), ip: request.ip };
      const client = request.query.client ? await clients.find(actor, request.query.client) : undefined;
      return {
        alerts: await alerts.list(actor, {
          ...(client ? { clientId: client.id } : {}),
          openOnly: request.query.open === 'true',
        }),
      };
    },
  );
}
