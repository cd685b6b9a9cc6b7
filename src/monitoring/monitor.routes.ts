import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody } from '../identity/auth.schema.js';
import { requireAccount, signedInAccount } from '../server/plugins/auth.js';
import type { MonitorRow } from './monitor.repository.js';
import { monitorInput } from './monitor.schema.js';
import type { MonitorService } from './monitor.service.js';
import { clientKey, monitorView, slaFigures, tags } from './monitoring.schema.js';
import type { Prober } from './prober.js';
import type { SlaService } from './sla.service.js';

const actorOf = (request: FastifyRequest) => ({ account: signedInAccount(request), ip: request.ip });

export function registerMonitorRoutes(
  app: FastifyInstance,
  monitors: MonitorService,
  prober: Prober,
  sla: SlaService,
): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  const view = (m: MonitorRow, stored: { state: string; since: Date } | undefined) => {
    const live = prober.live(m.id);
    return {
      id: m.id,
      name: m.name,
      kind: m.kind,
      role: m.role,
      target: m.target,
      intervalSeconds: m.interval_seconds,
      timeoutMs: m.timeout_ms,
      expectedStatus: m.expected_status,
      keyword: m.keyword,
      degradedAfterMs: m.degraded_after_ms,
      failureThreshold: m.failure_threshold,
      recoveryThreshold: m.recovery_threshold,
      status: {
        state: (live?.state ?? stored?.state ?? 'no_data') as 'up' | 'down' | 'degraded' | 'no_data',
        since: stored?.since ?? null,
        lastCheckAt: live?.lastCheckAt ?? null,
        lastLatencyMs: live?.lastLatencyMs ?? null,
        lastError: live?.lastError ?? null,
        certificateExpiresAt: live?.certificateExpiresAt ?? null,
      },
    };
  };

  api.get(
    '/api/clients/:key/monitors',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: "The client's monitors (its database, its application endpoints) with their current state",
        params: clientKey,
        response: { 200: z.object({ monitors: z.array(monitorView) }), 404: errorBody },
      },
    },
    async (request) => {
      const rows = await monitors.list(actorOf(request), request.params.key);
      const stored = await monitors.states(rows.map((r) => r.id));
      return { monitors: rows.map((m) => view(m, stored.get(m.id))) };
    },
  );

  api.post(
    '/api/clients/:key/monitors',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary:
          "Watch an endpoint of the client's application: http(s), tcp (operators and the client's administrators)",
        params: clientKey,
        body: monitorInput,
        response: {
          201: z.object({ monitor: monitorView }),
          400: errorBody,
          403: errorBody,
          404: errorBody,
          409: errorBody,
        },
      },
    },
    async (request, reply) => {
      const monitor = await monitors.add(actorOf(request), request.params.key, request.body);
      return reply
        .status(201)
        .send({ monitor: view(monitor, { state: 'no_data', since: monitor.created_at }) });
    },
  );

  api.delete(
    '/api/clients/:key/monitors/:id',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: 'Stop watching an endpoint (its history stays in the figures already frozen)',
        params: clientKey.extend({ id: z.uuid({ error: 'not a monitor id' }) }),
        response: { 204: z.null(), 400: errorBody, 403: errorBody, 404: errorBody },
      },
    },
    async (request, reply) => {
      await monitors.remove(actorOf(request), request.params.key, request.params.id);
      return reply.status(204).send(null);
    },
  );

  api.get(
    '/api/clients/:key/sla',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary:
          'Availability of the client over a calendar month (`month=2026-11`, Europe/Brussels) or any interval (`from`, `to`): eligible time, downtime, exclusions, no data, error budget',
        params: clientKey,
        querystring: z.object({
          month: z
            .string()
            .regex(/^\d{4}-\d{2}$/, 'month is YYYY-MM')
            .optional(),
          from: z.string().max(40).optional(),
          to: z.string().max(40).optional(),
        }),
        response: { 200: slaFigures, 400: errorBody, 404: errorBody },
      },
    },
    async (request) => sla.availability(actorOf(request), request.params.key, request.query),
  );

  api.post(
    '/api/clients/:key/sla/:month/amendments',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary:
          'Correct the frozen figures of a closed month: recomputed, stored as a new version with the reason (operators; audited)',
        params: clientKey.extend({ month: z.string().regex(/^\d{4}-\d{2}$/, 'month is YYYY-MM') }),
        body: z.object({ reason: z.string().min(1).max(500) }).strict(),
        response: { 200: slaFigures, 400: errorBody, 403: errorBody, 404: errorBody },
      },
    },
    async (request) =>
      sla.amend(actorOf(request), request.params.key, request.params.month, request.body.reason),
  );
}
