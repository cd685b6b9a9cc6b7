import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody } from '../identity/auth.schema.js';
import { badRequest } from '../server/errors.js';
import { requireAccount, signedInAccount } from '../server/plugins/auth.js';
import { MAX_ATTACHMENT_BYTES, type AttachmentService } from './attachment.service.js';

const tags = ['helpdesk'];
const actorOf = (request: FastifyRequest) => ({ account: signedInAccount(request), ip: request.ip });
const key = z.object({ key: z.string().min(1).max(40) });
const attachment = z.record(z.string(), z.unknown());

/** `filename*` of RFC 6266, so any name survives the header. */
const disposition = (filename: string) =>
  `attachment; filename="${filename.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(filename)}`;

export async function registerAttachmentRoutes(
  app: FastifyInstance,
  attachments: AttachmentService,
): Promise<void> {
  await app.register((scope, _options, done) => {
    // Files are uploaded as the raw request body, whatever their type, JSON included (only here).
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, next) => {
      next(null, body);
    });
    const api = scope.withTypeProvider<ZodTypeProvider>();

    api.get(
      '/api/tickets/:key/attachments',
      {
        preHandler: requireAccount,
        schema: {
          tags,
          summary: "A ticket's attached files",
          params: key,
          response: { 200: z.object({ attachments: z.array(attachment) }), 403: errorBody, 404: errorBody },
        },
      },
      async (request) => ({ attachments: await attachments.list(actorOf(request), request.params.key) }),
    );

    api.post(
      '/api/tickets/:key/attachments',
      {
        preHandler: requireAccount,
        bodyLimit: MAX_ATTACHMENT_BYTES,
        schema: {
          tags,
          summary: `Attach a file (the raw request body, at most ${MAX_ATTACHMENT_BYTES / 1048576} MB; its name in ?filename=)`,
          params: key,
          querystring: z.object({ filename: z.string().max(500).optional() }),
          response: {
            201: z.object({ attachment }),
            400: errorBody,
            403: errorBody,
            404: errorBody,
            413: errorBody,
          },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const added = await attachments.add(actorOf(request), request.params.key, {
          filename: request.query.filename ?? '',
          contentType: request.headers['content-type'] ?? 'application/octet-stream',
          content: Buffer.isBuffer(body) ? body : Buffer.alloc(0),
        });
        if (!added) throw badRequest('not_attached', 'the file was not attached; try again');
        return reply.status(201).send({ attachment: added });
      },
    );

    api.get(
      '/api/tickets/:key/attachments/:id',
      {
        preHandler: requireAccount,
        schema: {
          tags,
          summary: 'Download an attached file',
          params: key.extend({ id: z.string().max(40) }),
          response: {
            200: z.unknown().describe('the file, as it was attached'),
            403: errorBody,
            404: errorBody,
          },
        },
      },
      async (request, reply) => {
        const file = await attachments.download(actorOf(request), request.params.key, request.params.id);
        return reply
          .header('content-type', file.contentType)
          .header('content-disposition', disposition(file.filename))
          .header('content-security-policy', "sandbox; default-src 'none'")
          .header('cache-control', 'private, no-store')
          .send(file.content);
      },
    );
    done();
  });
}
