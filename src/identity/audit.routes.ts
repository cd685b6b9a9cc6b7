import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAccount, signedInAccount } from '../server/plugins/auth.js';
import { AuditService } from './audit.service.js';
import { errorBody } from './auth.schema.js';

const query = z.object({
  client: z.string().min(1).max(100).optional(),
  from: z.iso
    .datetime({ offset: true, error: 'from must be an ISO-8601 date-time, e.g. 2026-11-01T00:00:00Z' })
    .optional(),
  to: z.iso
    .datetime({ offset: true, error: 'to must be an ISO-8601 date-time, e.g. 2026-12-01T00:00:00Z' })
    .optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(500),
  format: z.enum(['json', 'csv']).default('json'),
});

const event = z.object({
  id: z.string(),
  at: z.date(),
  actorEmail: z.string().nullable(),
  clientSlug: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  ip: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});

export function registerAuditRoutes(app: FastifyInstance, audit: AuditService): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/audit',
    {
      preHandler: requireAccount,
      schema: {
        tags: ['audit'],
        summary: 'The audit log (staff: all; client administrators: their client), as JSON or CSV',
        querystring: query,
        response: {
          200: z.union([z.object({ events: z.array(event) }), z.string()]),
          403: errorBody,
          404: errorBody,
        },
      },
    },
    async (request, reply) => {
      const { client, from, to, limit, format } = request.query;
      const events = await audit.list(
        { account: signedInAccount(request), ip: request.ip },
        { client, limit, from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined },
      );
      if (format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="oxygis-audit.csv"')
          .send(AuditService.toCsv(events));
      }
      return { events };
    },
  );
}
