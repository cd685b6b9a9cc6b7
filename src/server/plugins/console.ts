import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { packageRoot } from '../../shared/package-root.js';
import { notFound } from '../errors.js';

export const webRoot = path.join(packageRoot, 'dist', 'web');

/**
 * Serves the built console (Vite output) at `/`, with index.html for client-side routes. Unknown
 * API paths and non-GET requests get the JSON 404 instead.
 */
export async function registerConsole(app: FastifyInstance): Promise<void> {
  const built = existsSync(path.join(webRoot, 'index.html'));
  if (built) await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: 'index.html' });

  app.setNotFoundHandler(async (request, reply) => {
    const isPage =
      request.method === 'GET' &&
      !request.url.startsWith('/api/') &&
      !path.extname(request.url.split('?')[0] ?? '') &&
      (request.headers.accept ?? '').includes('text/html');
    if (isPage && built) return reply.type('text/html').sendFile('index.html');
    if (isPage) {
      return reply
        .status(503)
        .type('text/plain')
        .send('The console is not built. Run `npm run build` in the oxygis directory, then reload.');
    }
    throw notFound(
      'route_not_found',
      `there is no ${request.method} ${request.url.split('?')[0] ?? ''}; see /api/openapi.json`,
    );
  });
}
