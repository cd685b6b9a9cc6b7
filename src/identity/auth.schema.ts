import { z } from 'zod';
import { RIGHTS } from './access.js';

export const errorBody = z.object({ error: z.string(), message: z.string() });

export const accountView = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  kind: z.enum(['staff', 'client_admin', 'client_user']),
  roles: z.array(z.string()),
});

export const accountResponse = z.object({ account: accountView });

export const sessionResponse = z.object({
  account: accountView.extend({
    clientId: z.string().nullable(),
    clientSlug: z.string().nullable(),
    status: z.enum(['invited', 'active', 'disabled']),
    rights: z.array(z.enum(RIGHTS)),
    mfa: z.object({ enabled: z.boolean(), required: z.boolean() }),
  }),
});

const email = z.string().trim().min(1, 'give the e-mail address of the account').max(320);
const password = z.string().min(1, 'give the password').max(1024);
const code = z.string().trim().max(32).optional();

export const credentials = z.object({ email, password, code });

export const tokenRequest = credentials.extend({
  name: z.string().trim().min(1).max(100).default('oxygis CLI'),
});

export const tokenResponse = z.object({ id: z.string(), token: z.string(), account: accountView });

export const tokenList = z.object({
  tokens: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      createdAt: z.date(),
      lastUsedAt: z.date().nullable(),
      revokedAt: z.date().nullable(),
    }),
  ),
});

export const idParam = z.object({ id: z.string().min(1).max(320) });

export const setupState = z.object({ needed: z.boolean() });

export const setupRequest = z.object({
  token: z.string().min(1, 'open the setup link printed by `oxygis start`'),
  email: z.email('give a valid e-mail address'),
  displayName: z.string().trim().min(1, 'give your name').max(200),
  password: z.string().max(1024),
});

export const passwordChange = z.object({ currentPassword: password, newPassword: z.string().max(1024) });

export const linkCompletion = z.object({ token: z.string().min(1).max(200), password: z.string().max(1024) });

export const resetRequest = z.object({ email });

export const reauth = z.object({ password });

export const mfaConfirm = z.object({ code: z.string().trim().min(6).max(32) });

export const enrollmentResponse = z.object({ secret: z.string(), otpauthUri: z.string(), qrSvg: z.string() });

export const recoveryCodesResponse = z.object({ recoveryCodes: z.array(z.string()) });

export const messageResponse = z.object({ message: z.string() });

/** 204 answers carry no body. */
export const noContent = z.null();

export const emailChange = z.object({ password, email: z.email('give a valid e-mail address').max(320) });
