import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody } from '../identity/auth.schema.js';
import { requireAccount, signedInAccount } from '../server/plugins/auth.js';
import type { ClientService } from '../tenants/client.service.js';
import type { ForceMajeureService } from './force-majeure.service.js';
import type { MaintenanceRow, MaintenanceService } from './maintenance.service.js';
import { maintenanceView, tags } from './monitoring.schema.js';
import type { SlaService } from './sla.service.js';

const actorOf = (request: FastifyRequest) => ({ account: signedInAccount(request), ip: request.ip });

/** A definition with its next occurrences (the status page announces them). */
export function maintenanceWithNext(
  row: MaintenanceRow,
  windowsOf: (row: MaintenanceRow) => { start: number; end: number }[],
) {
  return {
    id: row.id,
    scope: row.scope,
    clientId: row.client_id,
    monitorId: row.monitor_id,
    kind: row.kind,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    rrule: row.rrule,
    firstDate: row.first_date,
    localStart: row.local_start,
    durationMinutes: row.duration_minutes,
    timeZone: row.time_zone,
    reason: row.reason,
    createdBy: row.created_by,
    next: windowsOf(row)
      .slice(0, 3)
      .map((w) => ({ from: new Date(w.start), to: new Date(w.end) })),
  };
}

export function registerMaintenanceRoutes(
  app: FastifyInstance,
  maintenance: MaintenanceService,
  forceMajeure: ForceMajeureService,
  sla: SlaService,
  clients: ClientService,
): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const upcoming = (row: MaintenanceRow) => {
    const now = Date.now();
    return maintenance.expand(row, { start: now, end: now + 400 * 86_400_000 });
  };

  api.get(
    '/api/maintenance',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary:
          'Scheduled maintenance in force, with the next occurrences (`client` narrows to what concerns one client)',
        querystring: z.object({ client: z.string().min(1).max(100).optional() }),
        response: { 200: z.object({ maintenance: z.array(maintenanceView) }), 404: errorBody },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const clientId = request.query.client
        ? (await clients.find(actor, request.query.client)).id
        : actor.account.kind === 'staff'
          ? undefined
          : (actor.account.clientId ?? undefined);
      const rows = await maintenance.definitions(clientId);
      return { maintenance: rows.map((row) => maintenanceWithNext(row, upcoming)) };
    },
  );

  api.post(
    '/api/maintenance',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary:
          'Schedule maintenance (operators): one-off (`from`, `to` instants) or recurring (`rrule`, local `from` of the first occurrence, `durationMinutes`, `timeZone`), for the platform, a `client` or a `monitorId`',
        body: z
          .object({
            client: z.string().min(1).max(100).optional(),
            monitorId: z.uuid().optional(),
            from: z.string().min(1).max(40),
            to: z.string().max(40).optional(),
            rrule: z.string().max(300).optional(),
            durationMinutes: z
              .number()
              .int()
              .min(1)
              .max(7 * 24 * 60)
              .optional(),
            timeZone: z.string().max(60).optional(),
            reason: z.string().min(1).max(500),
          })
          .strict(),
        response: {
          201: z.object({ maintenance: maintenanceView }),
          400: errorBody,
          403: errorBody,
          404: errorBody,
          409: errorBody,
        },
      },
    },
    async (request, reply) => {
      const row = await maintenance.add(actorOf(request), request.body);
      return reply.status(201).send({ maintenance: maintenanceWithNext(row, upcoming) });
    },
  );

  api.delete(
    '/api/maintenance/:id',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: 'Cancel scheduled maintenance (operators; audited)',
        params: z.object({ id: z.uuid({ error: 'not a maintenance id' }) }),
        response: { 204: z.null(), 400: errorBody, 403: errorBody, 404: errorBody },
      },
    },
    async (request, reply) => {
      await maintenance.cancel(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  const period = z.object({
    id: z.string(),
    startsAt: z.date(),
    endsAt: z.date(),
    reason: z.string(),
    declaredBy: z.string(),
    declaredAt: z.date(),
  });

  api.get(
    '/api/force-majeure',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: 'Declared force-majeure periods, newest first',
        response: { 200: z.object({ periods: z.array(period) }) },
      },
    },
    async () => ({
      periods: (await forceMajeure.list()).map((r) => ({
        id: r.id,
        startsAt: r.starts_at,
        endsAt: r.ends_at,
        reason: r.reason,
        declaredBy: r.declared_by,
        declaredAt: r.declared_at,
      })),
    }),
  );

  api.post(
    '/api/force-majeure',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary:
          "Declare force majeure (operators; audited), possibly after the fact: the period leaves every client's eligible time; months already frozen get an amendment",
        body: z
          .object({
            from: z.string().min(1).max(40),
            to: z.string().min(1).max(40),
            reason: z.string().min(1).max(500),
          })
          .strict(),
        response: {
          201: z.object({ period, amended: z.array(z.object({ client: z.string(), month: z.string() })) }),
          400: errorBody,
          403: errorBody,
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const row = await forceMajeure.declare(actor, request.body);
      const touched = await sla.frozenMonthsOverlapping({
        start: row.starts_at.getTime(),
        end: row.ends_at.getTime(),
      });
      for (const { slug, month } of touched)
        await sla.amend(actor, slug, month, `force majeure: ${row.reason}`);
      return reply.status(201).send({
        period: {
          id: row.id,
          startsAt: row.starts_at,
          endsAt: row.ends_at,
          reason: row.reason,
          declaredBy: row.declared_by,
          declaredAt: row.declared_at,
        },
        amended: touched.map((t) => ({ client: t.slug, month: t.month })),
      });
    },
  );
}
