import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody } from '../identity/auth.schema.js';
import { requireAccount, signedInAccount } from '../server/plugins/auth.js';
import type { CalendarService } from './calendar.service.js';
import type { ComplianceService } from './compliance.service.js';
import type { TicketService } from './ticket.service.js';

const tags = ['helpdesk'];
const actorOf = (request: FastifyRequest) => ({ account: signedInAccount(request), ip: request.ip });
const key = z.object({ key: z.string().min(1).max(40) });
const criticality = z.enum(['critical', 'major', 'minor'], {
  error: 'criticality is critical, major or minor',
});
// The ticket's JSON is rich (thread, clock, explanation): described loosely, checked by tests.
const complianceRow = z.object({
  client: z.string(),
  criticality: z.enum(['critical', 'major', 'minor']),
  targetWorkingMs: z.number(),
  count: z.number(),
  met: z.number(),
  breached: z.number(),
  pending: z.number(),
  medianResponseWorkingMs: z.number().nullable(),
  worstResponseWorkingMs: z.number().nullable(),
  worstStillOpen: z.boolean(),
});
const ticket = z.object({ ticket: z.record(z.string(), z.unknown()) });

export function registerTicketRoutes(
  app: FastifyInstance,
  tickets: TicketService,
  calendars: CalendarService,
  compliance: ComplianceService,
): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/tickets',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: "Tickets, the one due soonest first: staff see all (the agents' queue), clients their own",
        querystring: z.object({
          client: z.string().min(1).max(100).optional(),
          open: z.enum(['true', 'false']).optional(),
        }),
        response: {
          200: z.object({ tickets: z.array(z.record(z.string(), z.unknown())) }),
          403: errorBody,
          404: errorBody,
        },
      },
    },
    async (request) => ({
      tickets: await tickets.list(actorOf(request), {
        client: request.query.client,
        open: request.query.open === 'true',
      }),
    }),
  );

  api.post(
    '/api/tickets',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary:
          'File a ticket (portal), or log one received by e-mail or phone (staff; `receivedAt` = when the call came in, which starts the clock)',
        body: z
          .object({
            client: z.string().min(1).max(100),
            subject: z.string().min(1).max(300),
            body: z.string().max(100_000).optional(),
            criticality,
            channel: z
              .enum(['portal', 'email', 'phone'], { error: 'channel is portal, email or phone' })
              .default('portal'),
            receivedAt: z.string().max(40).optional(),
            requesterEmail: z.email().optional(),
          })
          .strict(),
        response: { 201: ticket, 400: errorBody, 403: errorBody, 404: errorBody },
      },
    },
    async (request, reply) =>
      reply.status(201).send({ ticket: await tickets.create(actorOf(request), request.body) }),
  );

  api.get(
    '/api/tickets/:key',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: 'One ticket (by number or id): thread, clock timeline, deadline in words',
        params: key,
        response: { 200: ticket, 403: errorBody, 404: errorBody },
      },
    },
    async (request) => ({ ticket: await tickets.show(actorOf(request), request.params.key) }),
  );

  api.post(
    '/api/tickets/:key/replies',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary:
          "Reply: staff's first public reply is the response (and is e-mailed); `internal` notes stay with staff",
        params: key,
        body: z.object({ body: z.string().min(1).max(100_000), internal: z.boolean().optional() }).strict(),
        response: { 200: ticket, 400: errorBody, 403: errorBody, 404: errorBody },
      },
    },
    async (request) => ({ ticket: await tickets.reply(actorOf(request), request.params.key, request.body) }),
  );

  api.post(
    '/api/tickets/:key/callbacks',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: 'Log a call-back to the client (staff): counts as the response, at the time of the call',
        params: key,
        body: z.object({ at: z.string().max(40).optional(), note: z.string().min(1).max(5000) }).strict(),
        response: { 200: ticket, 400: errorBody, 403: errorBody, 404: errorBody },
      },
    },
    async (request) => ({
      ticket: await tickets.logCallback(actorOf(request), request.params.key, request.body),
    }),
  );

  api.put(
    '/api/tickets/:key/criticality',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: 'Change the criticality (staff): the deadline is re-targeted from the original reception',
        params: key,
        body: z.object({ criticality }).strict(),
        response: { 200: ticket, 400: errorBody, 403: errorBody, 404: errorBody },
      },
    },
    async (request) => ({
      ticket: await tickets.setCriticality(actorOf(request), request.params.key, request.body.criticality),
    }),
  );

  api.put(
    '/api/tickets/:key/status',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary:
          'Set the status (staff): open, waiting (for the client), resolved, closed; a client reply reopens a waiting or resolved ticket',
        params: key,
        body: z
          .object({
            status: z.enum(['open', 'waiting', 'resolved', 'closed'], {
              error: 'status is open, waiting, resolved or closed',
            }),
          })
          .strict(),
        response: { 200: ticket, 400: errorBody, 403: errorBody, 404: errorBody },
      },
    },
    async (request) => ({
      ticket: await tickets.setStatus(actorOf(request), request.params.key, request.body.status),
    }),
  );

  api.put(
    '/api/tickets/:key/assignee',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: 'Assign the ticket to an agent (staff)',
        params: key,
        body: z.object({ email: z.email() }).strict(),
        response: { 200: ticket, 400: errorBody, 403: errorBody, 404: errorBody },
      },
    },
    async (request) => ({
      ticket: await tickets.assign(actorOf(request), request.params.key, request.body.email),
    }),
  );

  api.get(
    '/api/helpdesk/compliance',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary:
          "A month's response targets per client and criticality: count, met, breached, median and worst response in working time",
        querystring: z.object({
          month: z.string().max(10),
          client: z.string().min(1).max(100).optional(),
        }),
        response: {
          200: z.object({
            month: z.string(),
            zone: z.string(),
            rows: z.array(complianceRow),
          }),
          400: errorBody,
          403: errorBody,
          404: errorBody,
        },
      },
    },
    async (request) => compliance.month(actorOf(request), request.query.month, request.query.client),
  );

  api.get(
    '/api/helpdesk/calendar',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: "The helpdesk's business calendar: its versions, each effective from an instant",
        response: { 200: z.object({ versions: z.array(z.record(z.string(), z.unknown())) }) },
      },
    },
    async () => ({ versions: (await calendars.calendar()).versions }),
  );

  api.post(
    '/api/helpdesk/calendar/versions',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary:
          'A new calendar version (operators): opening hours, holidays, closure days, effective from now or later',
        body: z.record(z.string(), z.unknown()),
        response: {
          201: z.object({ versions: z.array(z.record(z.string(), z.unknown())) }),
          400: errorBody,
          403: errorBody,
          409: errorBody,
        },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send({ versions: (await calendars.addVersion(actorOf(request), request.body)).versions }),
  );
}
