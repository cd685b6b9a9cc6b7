import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBody } from '../identity/auth.schema.js';
import { notFound } from '../server/errors.js';
import {
  linkOutcome,
  messageBody,
  statusView,
  subscriptionLink,
  subscriptionRequest,
  tags,
} from './status-page.schema.js';
import type { StatusPageService } from './status-page.service.js';
import type { StatusSubscribers } from './status-subscribers.js';

/** Public: no session, no CSRF (no cookie is needed or read), nothing that names a client. */
const open = { security: [] };
const subscribeLimit = { rateLimit: { max: 5, timeWindow: '1 minute' } };

const OUTCOMES = {
  confirmed:
    'Your subscription is confirmed: you will get an e-mail when an incident starts or ends and when maintenance is planned.',
  unsubscribed: 'You are unsubscribed: no more status notices will be sent to this address.',
} as const;

const linkInvalid = () =>
  notFound(
    'subscription_link_invalid',
    'this link is unknown, already used or expired (confirmation links work for 24 hours); subscribe again on the status page',
  );

/** A person following a mailed link lands on the status page with a note; programs get JSON. */
function answer(
  request: FastifyRequest,
  reply: FastifyReply,
  outcome: keyof typeof OUTCOMES | 'link-invalid',
) {
  if ((request.headers.accept ?? '').includes('text/html'))
    return reply.redirect(`/status?subscription=${outcome}`, 303);
  if (outcome === 'link-invalid') throw linkInvalid();
  return reply.send({ status: outcome, message: OUTCOMES[outcome] });
}

export function registerStatusPageRoutes(
  app: FastifyInstance,
  page: StatusPageService,
  subscribers: StatusSubscribers,
): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/public/status',
    {
      schema: {
        ...open,
        tags,
        summary:
          'The public status page: components with their state and 90 days of uptime, incidents of the last 90 days, platform maintenance of the next 30 (no sign-in)',
        response: { 200: statusView },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=5');
      return page.snapshot();
    },
  );

  for (const [format, type] of [
    ['atom', 'application/atom+xml'],
    ['rss', 'application/rss+xml'],
  ] as const) {
    app.get(
      `/status/feed.${format}`,
      {
        schema: {
          ...open,
          tags,
          summary: `Incidents and planned maintenance as ${format.toUpperCase()} (no sign-in)`,
        },
      },
      async (_request, reply) => {
        const feed = await page.feed();
        return reply
          .type(`${type}; charset=utf-8`)
          .header('cache-control', 'public, max-age=60')
          .send(format === 'atom' ? feed.atom1() : feed.rss2());
      },
    );
  }

  api.post(
    '/api/public/status/subscriptions',
    {
      config: subscribeLimit,
      schema: {
        ...open,
        tags,
        summary:
          'Subscribe an e-mail address to status notices: a confirmation link is mailed; the answer is the same whether or not the address was known',
        body: subscriptionRequest,
        response: { 202: messageBody, 400: errorBody, 429: errorBody },
      },
    },
    async (request, reply) => {
      await subscribers.subscribe(request.body.email);
      return reply.status(202).send({
        message: `Check the inbox of ${request.body.email}: follow the link we sent to confirm (it works for 24 hours). Nothing is sent before you confirm.`,
      });
    },
  );

  api.get(
    '/api/public/status/subscriptions/confirm',
    {
      schema: {
        ...open,
        tags,
        summary: 'Confirm a subscription with the mailed link (a browser is sent on to the status page)',
        querystring: subscriptionLink,
        response: { 200: linkOutcome, 400: errorBody, 404: errorBody },
      },
    },
    async (request, reply) =>
      answer(request, reply, (await subscribers.confirm(request.query.token)) ? 'confirmed' : 'link-invalid'),
  );

  api.get(
    '/api/public/status/subscriptions/unsubscribe',
    {
      schema: {
        ...open,
        tags,
        summary: 'Stop the status notices with the link at the end of every mail',
        querystring: subscriptionLink,
        response: { 200: linkOutcome, 400: errorBody, 404: errorBody },
      },
    },
    async (request, reply) =>
      answer(
        request,
        reply,
        (await subscribers.unsubscribe(request.query.token)) ? 'unsubscribed' : 'link-invalid',
      ),
  );
}
