import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody } from '../identity/auth.schema.js';
import { requireAccount, signedInAccount } from '../server/plugins/auth.js';
import type { HistoryService } from './history.service.js';
import { clientKey, tags } from './monitoring.schema.js';

const actorOf = (request: FastifyRequest) => ({ account: signedInAccount(request), ip: request.ip });

const dailyQuery = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month is YYYY-MM, e.g. 2026-11')
    .optional(),
});

const dailyAvailability = z.object({
  client: z.string(),
  month: z.string(),
  timeZone: z.string(),
  target: z.number(),
  days: z.array(
    z.object({
      date: z.string(),
      availability: z.number().nullable(),
      downtimeSeconds: z.number(),
      noDataSeconds: z.number(),
      maintenanceSeconds: z.number(),
      forceMajeureSeconds: z.number(),
    }),
  ),
});

const latencyQuery = z.object({
  hours: z.coerce
    .number({ error: 'hours is a whole number from 1 to 720' })
    .int('hours is a whole number from 1 to 720')
    .min(1, 'hours is a whole number from 1 to 720')
    .max(720, 'hours is a whole number from 1 to 720 (30 days)')
    .default(24),
});

const latencySeries = z.object({
  monitorId: z.string(),
  hours: z.number(),
  points: z.array(
    z.object({
      minute: z.date(),
      checks: z.number(),
      failures: z.number(),
      latencyAvgMs: z.number(),
      latencyMaxMs: z.number(),
    }),
  ),
});

/** The data behind the console's charts: daily availability, and a monitor's latency. */
export function registerHistoryRoutes(app: FastifyInstance, history: HistoryService): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/clients/:key/availability/daily',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary:
          "The client's availability day by day over a month (`month=2026-11`, default this month; Europe/Brussels days, up to today): downtime, no data and exclusions in seconds",
        params: clientKey,
        querystring: dailyQuery,
        response: { 200: dailyAvailability, 400: errorBody, 404: errorBody },
      },
    },
    async (request) => history.daily(actorOf(request), request.params.key, request.query.month),
  );

  api.get(
    '/api/clients/:key/monitors/:id/latency',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary:
          "One of the client's monitors minute by minute over the last `hours` (1–720, default 24): checks, failures, average and maximum latency",
        params: clientKey.extend({ id: z.uuid({ error: 'not a monitor id' }) }),
        querystring: latencyQuery,
        response: { 200: latencySeries, 400: errorBody, 404: errorBody },
      },
    },
    async (request) =>
      history.latency(actorOf(request), request.params.key, request.params.id, request.query.hours),
  );
}
