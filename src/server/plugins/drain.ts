import type { FastifyInstance } from 'fastify';

/**
 * Graceful stop: requests already running finish, and their answers carry `Connection: close`
 * so that keep-alive connections (browsers, load balancers) end with them instead of holding the
 * stop until their idle timeout.
 */
export function registerDrain(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });
}
