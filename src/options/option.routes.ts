import { stringify } from 'csv-stringify/sync';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody } from '../identity/auth.schema.js';
import { calendarMonth } from '../monitoring/calendar-month.js';
import { monthAt } from '../monitoring/history.service.js';
import { badRequest } from '../server/errors.js';
import { requireAccount, signedInAccount } from '../server/plugins/auth.js';
import type { OptionService } from './option.service.js';
import { purchaseOrderHtml } from './purchase-order.html.js';

const tags = ['options'];
const actorOf = (request: FastifyRequest) => ({ account: signedInAccount(request), ip: request.ip });
const loose = z.record(z.string(), z.unknown());
const client = z.object({ key: z.string().min(1).max(100) });
const clientOption = client.extend({ option: z.string().min(1).max(60) });
const list = z.object({ options: z.array(loose) });

function instant(value: string | undefined, fallback: number, name: string): Date {
  if (value === undefined) return new Date(fallback);
  const at = new Date(value);
  if (Number.isNaN(at.getTime()))
    throw badRequest('invalid_period', `${name} is an ISO-8601 date or instant`);
  return at;
}

/** Route options: signed in, tagged, described; the schemas keep their types for the handler. */
function opts<S extends object>(summary: string, schema: S) {
  return { preHandler: requireAccount, schema: { tags, summary, ...schema } };
}

export function registerOptionRoutes(
  app: FastifyInstance,
  options: OptionService,
  print: (html: string) => Promise<Buffer>,
): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/options',
    opts('The catalogue of service options, with their prices and whether this platform can provide them', {
      response: { 200: list },
    }),
    async (request) => ({ options: await options.catalogue(actorOf(request)) }),
  );

  api.put(
    '/api/options/:option',
    opts("Operators: an option's price per unit", {
      params: z.object({ option: z.string().min(1).max(60) }),
      body: z.object({ unitPrice: z.number().nonnegative().max(1_000_000) }).strict(),
      response: { 200: z.object({ option: loose }), 400: errorBody, 403: errorBody, 404: errorBody },
    }),
    async (request) => ({
      option: (await options.setPrice(actorOf(request), request.params.option, request.body.unitPrice)) ?? {},
    }),
  );

  api.get(
    '/api/clients/:key/options',
    opts("A client's options: requested, active, rejected, deactivated", {
      params: client,
      response: { 200: list, 403: errorBody, 404: errorBody },
    }),
    async (request) => ({ options: await options.forClient(actorOf(request), request.params.key) }),
  );

  api.post(
    '/api/clients/:key/options',
    opts("A client's administrator requests an option (staff approve it)", {
      params: client,
      body: z.object({ option: z.string().min(1).max(60), note: z.string().max(1000).optional() }).strict(),
      response: { 201: list, 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
    }),
    async (request, reply) =>
      reply.status(201).send({
        options: await options.request(
          actorOf(request),
          request.params.key,
          request.body.option,
          request.body.note,
        ),
      }),
  );

  for (const action of ['approve', 'deactivate'] as const)
    api.post(
      `/api/clients/:key/options/:option/${action}`,
      opts(
        action === 'approve'
          ? 'Operators: activate a requested option (its effect applies and billing starts now)'
          : 'Operators: deactivate an option (its effect is reversed and billing stops now)',
        { params: clientOption, response: { 200: list, 403: errorBody, 404: errorBody } },
      ),
      async (request) => ({
        options: await options[action](actorOf(request), request.params.key, request.params.option),
      }),
    );

  api.post(
    '/api/clients/:key/options/:option/reject',
    opts('Operators: refuse a requested option, saying why', {
      params: clientOption,
      body: z.object({ note: z.string().max(1000) }).strict(),
      response: { 200: list, 400: errorBody, 403: errorBody, 404: errorBody },
    }),
    async (request) => ({
      options: await options.reject(
        actorOf(request),
        request.params.key,
        request.params.option,
        request.body.note,
      ),
    }),
  );

  api.get(
    '/api/clients/:key/purchase-order',
    opts(
      "The client's purchase order lines for its options over a period (default: this month), as json, csv, html or pdf",
      {
        params: client,
        querystring: z.object({
          from: z.string().max(40).optional(),
          to: z.string().max(40).optional(),
          format: z
            .enum(['json', 'csv', 'html', 'pdf'], { error: 'format is json, csv, html or pdf' })
            .default('json'),
        }),
        response: { 200: z.unknown(), 400: errorBody, 403: errorBody, 404: errorBody },
      },
    ),
    async (request, reply) => {
      const month = calendarMonth(monthAt(Date.now()));
      const period = {
        from: instant(request.query.from, month.start, 'from'),
        to: instant(request.query.to, month.end, 'to'),
      };
      const order = await options.purchaseOrder(actorOf(request), request.params.key, period);
      if (request.query.format === 'csv')
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="oxygis-order-${order.client}.csv"`)
          .send(
            stringify(
              order.lines.map((l) => ({
                ...l,
                quantity: l.quantity.toFixed(4),
                unitPrice: l.unitPrice.toFixed(2),
                total: l.total.toFixed(2),
              })),
              {
                header: true,
                columns: [
                  'option',
                  'name',
                  'from',
                  'to',
                  'quantity',
                  'unit',
                  'unitPrice',
                  'currency',
                  'total',
                ],
              },
            ),
          );
      if (request.query.format === 'pdf')
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', `attachment; filename="oxygis-order-${order.client}.pdf"`)
          .send(await print(purchaseOrderHtml(order)));
      if (request.query.format === 'html')
        return reply
          .header('content-type', 'text/html; charset=utf-8')
          .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
          .send(purchaseOrderHtml(order));
      return { order };
    },
  );
}
