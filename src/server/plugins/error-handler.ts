import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isDatabaseUnavailable } from '../../db/unavailable.js';
import { AppError, type ErrorBody } from '../errors.js';

interface Mapped {
  status: number;
  body: ErrorBody;
}

function describeValidation(error: FastifyError): string {
  if (!hasZodFastifySchemaValidationErrors(error)) return error.message;
  const where = error.validationContext ?? 'request';
  const problems = error.validation.map((v) => {
    const field = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
    return field ? `${field}: ${v.message}` : v.message;
  });
  return `invalid ${where}: ${problems.join('; ')}. Fix the request and send it again.`;
}

/** Fastify's own error codes for requests it cannot even parse, mapped to a clear 4xx. */
function mapFastifyError(error: FastifyError): Mapped | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return {
        status: 400,
        body: { error: 'malformed_json', message: 'the request body is not valid JSON' },
      };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return {
        status: 400,
        body: { error: 'malformed_json', message: 'the request says it carries JSON but the body is empty' },
      };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        status: 413,
        body: { error: 'payload_too_large', message: 'the request body is larger than this server accepts' },
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415,
        body: { error: 'unsupported_media_type', message: 'send the request body as application/json' },
      };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return {
        status: 400,
        body: { error: 'bad_content_length', message: 'the Content-Length header does not match the body' },
      };
    default:
      return undefined;
  }
}

function mapError(error: FastifyError): Mapped {
  if (error instanceof AppError) {
    return { status: error.statusCode, body: { error: error.code, message: error.message } };
  }
  if (error.validation) {
    return { status: 400, body: { error: 'invalid_request', message: describeValidation(error) } };
  }
  if (isDatabaseUnavailable(error)) {
    return {
      status: 503,
      body: {
        error: 'database_unavailable',
        message: 'the platform database is not reachable right now (restarting?); try again in a few seconds',
      },
    };
  }
  const known = mapFastifyError(error);
  if (known) return known;
  if (error.statusCode === 429) {
    return {
      status: 429,
      body: { error: 'too_many_requests', message: 'too many requests; wait and try again' },
    };
  }
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return { status: error.statusCode, body: { error: 'bad_request', message: error.message } };
  }
  return {
    status: 500,
    body: {
      error: 'internal_error',
      message:
        'something went wrong on the server; it has been logged. Try again, and tell the operator if it persists',
    },
  };
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { status, body } = mapError(error);
    const limit = request.routeOptions.bodyLimit;
    if (body.error === 'payload_too_large' && limit)
      body.message = `${body.message}: at most ${limit >= 1048576 ? `${Math.floor(limit / 1048576)} MB` : `${Math.floor(limit / 1024)} KB`} here`;
    if (status === 503) request.log.warn({ err: error }, 'database unavailable');
    else if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: body.error }, 'request refused');
    return reply.status(status).send(body);
  });
}
