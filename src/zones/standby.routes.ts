import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody } from '../identity/auth.schema.js';
import { requireAccount, signedInAccount } from '../server/plugins/auth.js';
import type { StandbyService } from './standby.service.js';

const tags = ['standby'];
const actorOf = (request: FastifyRequest) => ({ account: signedInAccount(request), ip: request.ip });
const client = z.object({ key: z.string().min(1).max(100) });
const status = z.object({
  client: z.string(),
  primaryZone: z.string().nullable(),
  standby: z.record(z.string(), z.unknown()).nullable(),
});

function opts<S extends object>(summary: string, schema: S) {
  return { preHandler: requireAccount, schema: { tags, summary, ...schema } };
}

/** The multi-zone option's standby: where it runs, how far behind, failover and rebuild. */
export function registerStandbyRoutes(app: FastifyInstance, standbys: StandbyService): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/clients/:key/standby',
    opts("The client's standby in the other zone (multi-zone option): state and replication lag", {
      params: client,
      response: { 200: status, 403: errorBody, 404: errorBody },
    }),
    async (request) => standbys.status(actorOf(request), request.params.key),
  );

  api.post(
    '/api/clients/:key/standby/failover',
    opts(
      "Operators: the standby becomes the client's database (same host, port and credentials); a new standby is built in the other zone",
      {
        params: client,
        body: z.object({ confirm: z.string().max(100).optional() }).strict(),
        response: { 200: status, 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
      },
    ),
    async (request) => standbys.failover(actorOf(request), request.params.key, request.body.confirm),
  );

  api.post(
    '/api/clients/:key/standby/rebuild',
    opts('Operators: the standby is thrown away and built again from a fresh base backup', {
      params: client,
      response: { 202: status, 403: errorBody, 404: errorBody },
    }),
    async (request, reply) => {
      await standbys.rebuild(actorOf(request), request.params.key);
      return reply.status(202).send(await standbys.status(actorOf(request), request.params.key));
    },
  );
}
