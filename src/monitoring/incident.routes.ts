import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody } from '../identity/auth.schema.js';
import { requireAccount, signedInAccount } from '../server/plugins/auth.js';
import type { ClientService } from '../tenants/client.service.js';
import type { IncidentRow, IncidentService } from './incident.service.js';
import { incidentView, tags } from './monitoring.schema.js';

const actorOf = (request: FastifyRequest) => ({ account: signedInAccount(request), ip: request.ip });

type Updates = { at: Date; status: string; message: string; author: string | null }[];

export const incidentOut = (i: IncidentRow & { updates?: Updates }) => ({
  id: i.id,
  clientSlug: i.clientSlug,
  monitorName: i.monitorName,
  title: i.title,
  status: i.status,
  openedAt: i.opened_at,
  resolvedAt: i.resolved_at,
  acknowledgedAt: i.acknowledged_at,
  acknowledgedBy: i.acknowledged_by,
  postmortem: i.postmortem,
  ...(i.updates ? { updates: i.updates } : {}),
});

export function registerIncidentRoutes(
  app: FastifyInstance,
  incidents: IncidentService,
  clients: ClientService,
): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const id = z.object({ id: z.uuid({ error: 'not an incident id' }) });

  api.get(
    '/api/incidents',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: "Incidents, newest first: staff see all, client accounts their own client's",
        querystring: z.object({
          client: z.string().min(1).max(100).optional(),
          open: z.enum(['true', 'false']).optional(),
        }),
        response: { 200: z.object({ incidents: z.array(incidentView) }), 404: errorBody },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const client = request.query.client ? await clients.find(actor, request.query.client) : undefined;
      const rows = await incidents.list(actor, {
        ...(client ? { clientId: client.id } : {}),
        openOnly: request.query.open === 'true',
      });
      return { incidents: rows.map(incidentOut) };
    },
  );

  api.get(
    '/api/incidents/:id',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: 'One incident with its updates',
        params: id,
        response: { 200: z.object({ incident: incidentView }), 400: errorBody, 404: errorBody },
      },
    },
    async (request) => ({ incident: incidentOut(await incidents.get(actorOf(request), request.params.id)) }),
  );

  api.post(
    '/api/incidents/:id/acknowledge',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: 'Acknowledge an incident: someone of the hosting team is on it (staff)',
        params: id,
        response: {
          200: z.object({ incident: incidentView }),
          400: errorBody,
          403: errorBody,
          404: errorBody,
          409: errorBody,
        },
      },
    },
    async (request) => ({
      incident: incidentOut(await incidents.acknowledge(actorOf(request), request.params.id)),
    }),
  );

  api.post(
    '/api/incidents/:id/updates',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary:
          'Post an update (investigating / identified / monitoring / resolved), optionally the postmortem (staff)',
        params: id,
        body: z
          .object({
            status: z.enum(['investigating', 'identified', 'monitoring', 'resolved'], {
              error: 'status is investigating, identified, monitoring or resolved',
            }),
            message: z.string().trim().min(1).max(5000),
            postmortem: z.string().max(100_000).optional(),
          })
          .strict(),
        response: {
          200: z.object({ incident: incidentView }),
          400: errorBody,
          403: errorBody,
          404: errorBody,
        },
      },
    },
    async (request) => ({
      incident: incidentOut(await incidents.update(actorOf(request), request.params.id, request.body)),
    }),
  );
}
