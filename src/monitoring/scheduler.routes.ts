import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isStaff } from '../identity/access.js';
import { errorBody } from '../identity/auth.schema.js';
import { forbidden } from '../server/errors.js';
import { requireAccount, signedInAccount } from '../server/plugins/auth.js';
import { tags } from './monitoring.schema.js';
import type { Prober } from './prober.js';

const schedulerStats = z.object({
  monitors: z.number(),
  checksRun: z.number(),
  inFlight: z.number(),
  latenessP50Ms: z.number(),
  latenessP99Ms: z.number(),
});

/** The prober's scheduler as it runs now (staff; read-only): how many monitors, how late. */
export function registerSchedulerRoutes(app: FastifyInstance, prober: Prober): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/monitoring/scheduler',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary:
          "The prober's scheduler: monitors scheduled, checks run and in flight, lateness (start − due) p50/p99 of the last 10,000 checks (staff)",
        response: { 200: schedulerStats, 403: errorBody },
      },
    },
    (request) => {
      if (!isStaff(signedInAccount(request)))
        throw forbidden('staff_only', "only the hosting team sees the prober's scheduler");
      return prober.stats();
    },
  );
}
