import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { forbidden } from '../errors.js';

export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'oxygis_' });
  return registry;
}

/** The metrics name the clients: this machine (loopback) may read them, others only with the token. */
export function metricsAllowed(
  address: string | undefined,
  authorization: string | undefined,
  token: string | undefined,
): boolean {
  return isLoopback(address) || hasToken(authorization, token);
}

function isLoopback(address: string | undefined): boolean {
  return (
    address !== undefined &&
    (/^127\./.test(address) || address === '::1' || address.startsWith('::ffff:127.'))
  );
}

function hasToken(header: string | undefined, token: string | undefined): boolean {
  if (!token || !header?.startsWith('Bearer ')) return false;
  const given = Buffer.from(header.slice(7));
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Request counts and latencies by route template (never by raw URL: no unbounded labels). */
export function registerMetrics(app: FastifyInstance, registry: Registry, token?: string): void {
  const requests = new Counter({
    name: 'oxygis_http_requests_total',
    help: 'HTTP requests answered, by method, route template and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'oxygis_http_request_duration_seconds',
    help: 'HTTP request duration, by method and route template',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (!metricsAllowed(request.socket.remoteAddress, request.headers.authorization, token))
      throw forbidden(
        'metrics_forbidden',
        'the metrics name the clients: they are served to this machine only, or with OXYGIS_METRICS_TOKEN sent as a bearer token',
      );
    reply.type(registry.contentType);
    return registry.metrics();
  });
}
