import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody } from '../identity/auth.schema.js';
import { requireAccount, signedInAccount } from '../server/plugins/auth.js';
import type { SlaReportService } from './sla-report.service.js';

const tags = ['reports'];
const actorOf = (request: FastifyRequest) => ({ account: signedInAccount(request), ip: request.ip });
const params = z.object({ key: z.string().min(1).max(100), month: z.string().max(10) });
const loose = z.record(z.string(), z.unknown());

export function registerSlaReportRoutes(app: FastifyInstance, reports: SlaReportService): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/clients/:key/reports/sla',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: "A client's archived monthly SLA reports, every version",
        params: z.object({ key: z.string().min(1).max(100) }),
        response: { 200: z.object({ reports: z.array(loose) }), 403: errorBody, 404: errorBody },
      },
    },
    async (request) => ({ reports: await reports.versions(actorOf(request), request.params.key) }),
  );

  api.get(
    '/api/clients/:key/reports/sla/:month',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary:
          'The monthly SLA evidence report (archived, latest version unless `version`; provisional for a month not closed) as json, html or pdf',
        params,
        querystring: z.object({
          format: z.enum(['json', 'html', 'pdf'], { error: 'format is json, html or pdf' }).default('json'),
          version: z.coerce.number().int().positive().max(10_000).optional(),
        }),
        response: {
          200: z.unknown().describe('the report: JSON, an HTML document, or a PDF file'),
          400: errorBody,
          403: errorBody,
          404: errorBody,
          503: errorBody,
        },
      },
    },
    async (request, reply) => {
      const { key, month } = request.params;
      const { format, version } = request.query;
      const name = `oxygis-sla-${key}-${month}${version ? `-v${version}` : ''}`;
      if (format === 'pdf') {
        const pdf = await reports.pdf(actorOf(request), key, month, version);
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', `attachment; filename="${name}.pdf"`)
          .send(pdf);
      }
      const { report, html } = await reports.get(actorOf(request), key, month, version);
      if (format === 'html')
        return reply
          .header('content-type', 'text/html; charset=utf-8')
          .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
          .send(html);
      return { report };
    },
  );

  api.post(
    '/api/clients/:key/reports/sla/:month/amendments',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: "Operators: a new version of a closed month's report, with the reason printed in it",
        params,
        body: z.object({ reason: z.string().max(500) }).strict(),
        response: {
          201: z.object({ report: loose }),
          400: errorBody,
          403: errorBody,
          404: errorBody,
          409: errorBody,
        },
      },
    },
    async (request, reply) => {
      const { report } = await reports.amend(
        actorOf(request),
        request.params.key,
        request.params.month,
        request.body.reason,
      );
      return reply.status(201).send({ report: report as unknown as Record<string, unknown> });
    },
  );
}
