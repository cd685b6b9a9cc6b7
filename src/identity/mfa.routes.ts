import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireAccount, signedInAccount } from '../server/plugins/auth.js';
import {
  enrollmentResponse,
  errorBody,
  mfaConfirm,
  reauth,
  noContent,
  recoveryCodesResponse,
} from './auth.schema.js';
import type { AuthService } from './auth.service.js';
import type { MfaService } from './mfa.service.js';

export function registerMfaRoutes(app: FastifyInstance, auth: AuthService, mfa: MfaService): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];

  api.post(
    '/api/auth/mfa/enroll',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: 'Start TOTP enrolment (password required): secret and QR code',
        body: reauth,
        response: { 200: enrollmentResponse, 403: errorBody },
      },
    },
    async (request) => {
      const account = signedInAccount(request);
      await auth.reauthenticate(account, request.body.password);
      return mfa.begin({ account, ip: request.ip });
    },
  );

  api.post(
    '/api/auth/mfa/confirm',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: 'Confirm with a code; returns the recovery codes once',
        body: mfaConfirm,
        response: { 200: recoveryCodesResponse, 400: errorBody },
      },
    },
    async (request) => ({
      recoveryCodes: await mfa.confirm(
        { account: signedInAccount(request), ip: request.ip },
        request.body.code,
      ),
    }),
  );

  api.post(
    '/api/auth/mfa/disable',
    {
      preHandler: requireAccount,
      schema: {
        tags,
        summary: 'Turn the second factor off (password required)',
        body: reauth,
        response: { 204: noContent, 403: errorBody },
      },
    },
    async (request, reply) => {
      const account = signedInAccount(request);
      await auth.reauthenticate(account, request.body.password);
      await mfa.disable({ account, ip: request.ip });
      return reply.status(204).send(null);
    },
  );
}
