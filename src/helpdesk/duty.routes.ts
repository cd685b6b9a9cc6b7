import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody } from '../identity/auth.schema.js';
import { requireAccount, signedInAccount } from '../server/plugins/auth.js';
import type { DutyRosterService } from './duty-roster.service.js';
import type { EscalationChain } from './escalation-chain.js';

const tags = ['helpdesk'];
const actorOf = (request: FastifyRequest) => ({ account: signedInAccount(request), ip: request.ip });
const date = z.string().max(20);
const loose = z.record(z.string(), z.unknown());
const dutyDay = z.object({
  date: z.string(),
  working: z.boolean(),
  closed: loose.nullable(),
  people: z.array(z.object({ slot: z.number(), email: z.string(), absent: z.boolean() })),
  onDuty: z.array(z.string()),
  covered: z.boolean(),
});

export function registerDutyRoutes(
  app: FastifyInstance,
  roster: DutyRosterService,
  chain: EscalationChain,
): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/helpdesk/roster',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: 'The duty roster (staff): who is on duty each day from `from` to `to`, absences, gaps',
        querystring: z.object({ from: date, to: date }),
        response: {
          200: z.object({ days: z.array(dutyDay), absences: z.array(loose) }),
          400: errorBody,
          403: errorBody,
        },
      },
    },
    async (request) => roster.roster(actorOf(request), request.query.from, request.query.to),
  );

  api.put(
    '/api/helpdesk/roster',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary:
          'Put people on duty (operators): up to two, every working day from `from` to `to` (or the one day), replacing who was there',
        body: z
          .object({
            from: date,
            to: date.optional(),
            people: z.array(z.string().max(320)).max(10),
          })
          .strict(),
        response: {
          200: z.object({ days: z.array(dutyDay) }),
          400: errorBody,
          403: errorBody,
          404: errorBody,
        },
      },
    },
    async (request) => roster.assign(actorOf(request), request.body),
  );

  api.post(
    '/api/helpdesk/absences',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: 'Record an absence (operators, or staff for themselves): they are not on duty those days',
        body: z
          .object({ email: z.string().max(320), from: date, to: date, reason: z.string().max(300) })
          .strict(),
        response: { 201: z.object({ absence: loose }), 400: errorBody, 403: errorBody, 404: errorBody },
      },
    },
    async (request, reply) =>
      reply.status(201).send({ absence: (await roster.addAbsence(actorOf(request), request.body)) ?? {} }),
  );

  api.delete(
    '/api/helpdesk/absences/:id',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: 'Remove an absence (operators, or staff their own)',
        params: z.object({ id: z.string().max(40) }),
        response: { 204: z.null(), 403: errorBody, 404: errorBody },
      },
    },
    async (request, reply) => {
      await roster.removeAbsence(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  api.get(
    '/api/helpdesk/escalation',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: 'The escalation chain (staff): its steps in order, and the latest steps taken',
        response: { 200: z.object({ steps: z.array(loose), records: z.array(loose) }), 403: errorBody },
      },
    },
    async (request) => chain.show(actorOf(request)),
  );

  api.put(
    '/api/helpdesk/escalation',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary:
          'Replace the escalation chain (operators): steps {name, kind duty_pair|team, members, triggers} in order',
        body: loose,
        response: {
          200: z.object({ steps: z.array(loose), records: z.array(loose) }),
          400: errorBody,
          403: errorBody,
        },
      },
    },
    async (request) => chain.replace(actorOf(request), request.body),
  );
}
