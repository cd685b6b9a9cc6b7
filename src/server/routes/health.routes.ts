import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DatabaseHealth } from '../../db/database.js';

const health = z.object({ status: z.literal('ok') });
const ready = z.object({
  status: z.enum(['ready', 'not_ready']),
  database: z.object({ reachable: z.boolean(), migrated: z.boolean() }),
  jobs: z.object({ running: z.boolean() }),
});

export function registerHealthRoutes(
  app: FastifyInstance,
  checks: { database: () => Promise<DatabaseHealth>; jobsRunning: () => boolean },
): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/healthz',
    { schema: { tags: ['platform'], summary: 'The process is alive', response: { 200: health } } },
    () => ({ status: 'ok' as const }),
  );
  api.get(
    '/readyz',
    {
      schema: {
        tags: ['platform'],
        summary: 'Ready to serve: database reachable, migrations done, job runner running',
        response: { 200: ready, 503: ready },
      },
    },
    async (_request, reply) => {
      const database = await checks.database();
      const jobs = { running: checks.jobsRunning() };
      const isReady = database.reachable && database.migrated && jobs.running;
      return reply
        .status(isReady ? 200 : 503)
        .send({ status: isReady ? 'ready' : 'not_ready', database, jobs });
    },
  );
}
