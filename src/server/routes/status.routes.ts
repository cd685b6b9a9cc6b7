import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody } from '../../identity/auth.schema.js';
import { requireAccount } from '../plugins/auth.js';

const status = z.object({
  version: z.string(),
  startedAt: z.string(),
  uptimeSeconds: z.number(),
  database: z.object({
    mode: z.enum(['embedded', 'external']),
    ready: z.boolean(),
    serverVersion: z.string(),
  }),
  jobs: z.object({ running: z.boolean() }),
});

export interface PlatformStatusSource {
  version: string;
  startedAt: Date;
  database: () => Promise<{ mode: 'embedded' | 'external'; ready: boolean; serverVersion: string }>;
  jobsRunning: () => boolean;
}

export function registerStatusRoutes(app: FastifyInstance, source: PlatformStatusSource): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/status',
    {
      preHandler: requireAccount,
      schema: {
        tags: ['platform'],
        summary: 'Platform status for signed-in users',
        response: { 200: status, 401: errorBody },
      },
    },
    async () => ({
      version: source.version,
      startedAt: source.startedAt.toISOString(),
      uptimeSeconds: Math.round((Date.now() - source.startedAt.getTime()) / 1000),
      database: await source.database(),
      jobs: { running: source.jobsRunning() },
    }),
  );
}
