import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody } from '../identity/auth.schema.js';
import { requireAccount } from '../server/plugins/auth.js';
import { DEPLOYMENT_MODELS, PARTIES, RESPONSIBILITY_MATRIX, matrixAsRows } from './responsibility-matrix.js';

const tags = ['reports'];
const party = z.enum(PARTIES);
// Read-only arrays, as the matrix constant is: the handler hands it out without copying.
const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();
const responsibility = z.object({ parties: list(party), detail: z.string().optional() });
const tableRow = z.object({
  area: z.string(),
  mark: z.string().nullable(),
  note: z.string().nullable(),
  parties: z.array(party),
  partyNames: z.array(z.string()),
  shared: z.boolean(),
  detail: z.string().nullable(),
});
const matrix = z.object({
  title: z.string(),
  reading: z.string(),
  parties: list(z.object({ id: party, name: z.string(), description: z.string() })),
  models: list(
    z.object({
      id: z.enum(DEPLOYMENT_MODELS),
      name: z.string(),
      mark: z.string().optional(),
      description: z.string(),
    }),
  ),
  rows: list(
    z.object({
      area: z.string(),
      mark: z.string().optional(),
      note: z.string().optional(),
      responsibility: z.object({ hosted: responsibility, self_hosted: responsibility }),
    }),
  ),
  footnotes: list(z.object({ mark: z.string(), text: z.string() })),
  tables: z.object({ hosted: z.array(tableRow), self_hosted: z.array(tableRow) }),
});

export function registerResponsibilityRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/responsibility-matrix',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary:
          'Who answers for what (any signed-in account): the shared responsibility matrix, hosted and self-hosted, with each model as table rows',
        response: { 200: matrix, 401: errorBody },
      },
    },
    () => ({
      ...RESPONSIBILITY_MATRIX,
      tables: { hosted: matrixAsRows('hosted'), self_hosted: matrixAsRows('self_hosted') },
    }),
  );
}
