import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody } from '../identity/auth.schema.js';
import { requireAccount, signedInAccount } from '../server/plugins/auth.js';
import type { ClientService } from '../tenants/client.service.js';
import type { WalService } from './wal.service.js';

const archiveStatus = z.object({
  targets: z.array(z.string()),
  latestSegment: z.string().nullable(),
  latestArchivedAt: z.date().nullable(),
  latestCompleteAt: z.date().nullable(),
  lagSeconds: z.number().nullable(),
  segmentsMissingCopies: z.number(),
});

export function registerBackupRoutes(
  app: FastifyInstance,
  clients: ClientService,
  wal: WalService,
  targetNames: string[],
): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/clients/:key/backups/archive',
    {
      preHandler: requireAccount,
      schema: {
        tags: ['backups'],
        summary:
          "Continuous WAL archiving of the client's database: newest segment on every target and the lag",
        params: z.object({ key: z.string().min(1).max(100) }),
        response: { 200: archiveStatus, 404: errorBody },
      },
    },
    async (request) => {
      const client = await clients.find(
        { account: signedInAccount(request), ip: request.ip },
        request.params.key,
      );
      return { targets: targetNames, ...(await wal.status(client.id)) };
    },
  );
}
