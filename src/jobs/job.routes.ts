import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertOperator } from '../identity/access.js';
import { errorBody } from '../identity/auth.schema.js';
import { notFound } from '../server/errors.js';
import { requireAccount, signedInAccount } from '../server/plugins/auth.js';
import type { JobRunner } from './job-runner.js';

export function registerJobRoutes(app: FastifyInstance, jobs: () => JobRunner): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/jobs',
    {
      preHandler: requireAccount,
      schema: {
        tags: ['platform'],
        summary: 'Scheduled jobs (operators)',
        response: { 200: z.object({ jobs: z.array(z.string()) }), 403: errorBody },
      },
    },
    (request) => {
      assertOperator(signedInAccount(request));
      return { jobs: jobs().names };
    },
  );
  api.post(
    '/api/jobs/:name/run',
    {
      preHandler: requireAccount,
      schema: {
        tags: ['platform'],
        summary: 'Run a scheduled job now, e.g. backups.due-base-backups (operators)',
        params: z.object({ name: z.string().min(1).max(100) }),
        response: { 202: z.object({ queued: z.string() }), 403: errorBody, 404: errorBody },
      },
    },
    async (request, reply) => {
      assertOperator(signedInAccount(request));
      if (!jobs().names.includes(request.params.name)) {
        throw notFound('job_not_found', `there is no job "${request.params.name}"; see GET /api/jobs`);
      }
      await jobs().runNow(request.params.name);
      return reply.status(202).send({ queued: request.params.name });
    },
  );
}
