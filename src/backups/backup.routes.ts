import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertCanAdministerClient } from '../identity/access.js';
import { errorBody } from '../identity/auth.schema.js';
import { requireAccount, signedInAccount } from '../server/plugins/auth.js';
import type { ClientService } from '../tenants/client.service.js';
import type { BaseBackupService } from './base-backup.service.js';
import type { RestoreService } from './restore.service.js';
import type { VerifyService } from './verify.service.js';
import type { WalService } from './wal.service.js';

const archiveStatus = z.object({
  targets: z.array(z.string()),
  latestSegment: z.string().nullable(),
  latestArchivedAt: z.date().nullable(),
  latestCompleteAt: z.date().nullable(),
  lagSeconds: z.number().nullable(),
  segmentsMissingCopies: z.number(),
});

const baseBackup = z.object({
  id: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  startedAt: z.date(),
  finishedAt: z.date().nullable(),
  startLsn: z.string().nullable(),
  stopLsn: z.string().nullable(),
  files: z.number().nullable(),
  plainBytes: z.number().nullable(),
  storedBytes: z.number().nullable(),
  targets: z.array(z.string()),
  missing: z.array(z.string()),
  error: z.string().nullable(),
});

const key = z.object({ key: z.string().min(1).max(100) });
const tags = ['backups'];

const verifyReport = z.object({
  checkedObjects: z.number(),
  problems: z.array(
    z.object({
      target: z.string(),
      object: z.string(),
      problem: z.enum(['missing', 'corrupt', 'unreadable']),
    }),
  ),
  walGaps: z.array(z.string()),
  ok: z.boolean(),
});

export function registerBackupRoutes(
  app: FastifyInstance,
  clients: ClientService,
  wal: WalService,
  baseBackups: BaseBackupService,
  verify: VerifyService,
  restore: RestoreService,
  targetNames: string[],
): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  /** The client named in the path, when the caller may administer it (another client's: 404). */
  const administered = async (request: FastifyRequest, clientKey: string) => {
    const actor = { account: signedInAccount(request), ip: request.ip };
    const client = await clients.find(actor, clientKey);
    assertCanAdministerClient(actor.account, client.id);
    return { actor, client };
  };

  const drill = z.object({
    at: z.date().optional(),
    ok: z.boolean(),
    baseBackupId: z.string().nullable(),
    durationMs: z.number().nullable(),
    recoveredUpTo: z.date().nullable(),
    tables: z.number().nullable(),
    error: z.string().nullable(),
  });

  api.post(
    '/api/clients/:key/backups/drill',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary:
          'Restore drill: the latest state restored into a scratch instance, checked, removed; the time is recorded',
        params: key,
        response: { 200: drill, 403: errorBody, 404: errorBody },
      },
    },
    async (request) => {
      const { client } = await administered(request, request.params.key);
      return restore.drill(client.id);
    },
  );

  api.get(
    '/api/clients/:key/backups/drills',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: 'Recent restore drills, newest first',
        params: key,
        response: { 200: z.object({ drills: z.array(drill) }), 404: errorBody },
      },
    },
    async (request) => {
      const client = await clients.find(
        { account: signedInAccount(request), ip: request.ip },
        request.params.key,
      );
      return { drills: await restore.drills(client.id) };
    },
  );

  api.post(
    '/api/clients/:key/restore',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary:
          "Restore the client's database to an instant (or the latest state) into a new data directory, check it, switch over; host, port and credentials stay the same",
        params: key,
        body: z.object({
          to: z.iso
            .datetime({ offset: true, error: 'to must be an ISO-8601 instant, e.g. 2026-11-29T10:15:00Z' })
            .optional(),
        }),
        response: {
          200: z.object({
            baseBackupId: z.string(),
            recoveredTo: z.string().nullable(),
            durationMs: z.number(),
            previousDataDir: z.string().nullable(),
          }),
          400: errorBody,
          403: errorBody,
          404: errorBody,
          409: errorBody,
        },
      },
    },
    async (request) => {
      const { actor, client } = await administered(request, request.params.key);
      return restore.restore(client.id, request.body.to ? new Date(request.body.to) : undefined, actor);
    },
  );

  api.post(
    '/api/clients/:key/backups/verify',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: 'Re-read every backup object on every target: checksums and WAL continuity (staff)',
        params: key,
        response: { 200: verifyReport, 403: errorBody, 404: errorBody },
      },
    },
    async (request) => {
      const { client } = await administered(request, request.params.key);
      return verify.verify(client.id);
    },
  );

  api.post(
    '/api/clients/:key/backups',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: "Take a base backup of the client's database now (operator or the client's administrator)",
        params: key,
        response: { 201: z.object({ backup: baseBackup }), 403: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (request, reply) => {
      const { actor, client } = await administered(request, request.params.key);
      return reply.status(201).send({ backup: await baseBackups.run(client.id, actor) });
    },
  );

  api.get(
    '/api/clients/:key/backups',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: "The client's base backups, newest first",
        params: key,
        response: { 200: z.object({ backups: z.array(baseBackup) }), 404: errorBody },
      },
    },
    async (request) => {
      const client = await clients.find(
        { account: signedInAccount(request), ip: request.ip },
        request.params.key,
      );
      return { backups: await baseBackups.list(client.id) };
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
        params: key,
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
