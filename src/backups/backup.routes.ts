import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody } from '../identity/auth.schema.js';
import type { Services } from '../platform/services.js';
import { isStaff } from '../identity/access.js';
import { requireAccount, signedInAccount } from '../server/plugins/auth.js';
import { backupAccess } from './backup-access.js';
import {
  archiveStatus,
  backupPolicy,
  backupPolicyChange,
  baseBackup,
  clientKey,
  recoverableWindow,
  tags,
  verifyReport,
} from './backup.schema.js';

export function registerBackupRoutes(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const access = backupAccess(services.clients, services.rightsOf);
  const targetNames = services.backups.targets.map((t) => t.name);

  api.get(
    '/api/clients/:key/backups',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary:
          "The client's catalogue: base backups newest first (sizes, targets, last verification), the recoverable window and the retention policy",
        params: clientKey,
        response: {
          200: z.object({ backups: z.array(baseBackup), window: recoverableWindow, policy: backupPolicy }),
          403: errorBody,
          404: errorBody,
        },
      },
    },
    async (request) => {
      const { client } = await access.viewer(request, request.params.key);
      const [backups, window, policy] = await Promise.all([
        services.baseBackups.list(client.id),
        services.catalogue.window(client.id),
        services.policies.get(client.id),
      ]);
      return { backups, window, policy };
    },
  );

  api.post(
    '/api/clients/:key/backups',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: "Take a base backup of the client's database now (operator or the client's administrator)",
        params: clientKey,
        response: { 201: z.object({ backup: baseBackup }), 403: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (request, reply) => {
      const { actor, client } = await access.administrator(request, request.params.key);
      return reply.status(201).send({ backup: await services.baseBackups.run(client.id, actor) });
    },
  );

  api.get(
    '/api/backups/targets',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: 'Every backup target and whether it can be written to now (checked on each call)',
        response: {
          200: z.object({
            targets: z.array(
              z.object({
                name: z.string(),
                description: z.string().nullable(),
                ok: z.boolean(),
                problem: z.string().nullable(),
                checkedAt: z.date(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const staff = isStaff(signedInAccount(request));
      const states = await services.targetHealth.checkAll();
      // Where a target lives is the hosting team's business; clients see names and states.
      return {
        targets: states.map((t) => ({
          ...t,
          description: staff ? t.description : null,
          problem: staff || !t.problem ? t.problem : 'unavailable',
        })),
      };
    },
  );

  api.get(
    '/api/clients/:key/backups/archive',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary:
          "Continuous WAL archiving of the client's database: newest segment on every target and the lag",
        params: clientKey,
        response: { 200: archiveStatus, 403: errorBody, 404: errorBody },
      },
    },
    async (request) => {
      const { client } = await access.viewer(request, request.params.key);
      return { targets: targetNames, ...(await services.backups.wal.status(client.id)) };
    },
  );

  api.post(
    '/api/clients/:key/backups/verify',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: 'Re-read every backup object on every target: checksums and WAL continuity',
        params: clientKey,
        response: { 200: verifyReport, 403: errorBody, 404: errorBody },
      },
    },
    async (request) => {
      const { client } = await access.administrator(request, request.params.key);
      return services.verify.verify(client.id);
    },
  );

  api.get(
    '/api/clients/:key/backups/policy',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: "The client's backup cadence and retention (platform defaults unless its own)",
        params: clientKey,
        response: { 200: backupPolicy, 403: errorBody, 404: errorBody },
      },
    },
    async (request) => {
      const { client } = await access.viewer(request, request.params.key);
      return services.policies.get(client.id);
    },
  );

  api.put(
    '/api/clients/:key/backups/policy',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary:
          "Change the client's backup cadence and retention, or `reset` to the platform defaults (operators; audited)",
        params: clientKey,
        body: backupPolicyChange,
        response: { 200: backupPolicy, 400: errorBody, 403: errorBody, 404: errorBody },
      },
    },
    async (request) => {
      const { actor, client } = await access.administrator(request, request.params.key);
      const { reset, ...change } = request.body;
      return reset
        ? services.policies.reset(actor, client.id)
        : services.policies.set(actor, client.id, change);
    },
  );
}
