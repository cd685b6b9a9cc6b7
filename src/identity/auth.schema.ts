import { z } from 'zod';

export const accountView = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  kind: z.enum(['staff', 'client_admin', 'client_user']),
  roles: z.array(z.string()),
});

export const accountResponse = z.object({ account: accountView });

export const credentials = z.object({
  email: z.string().trim().min(1, 'give the e-mail address of the account').max(320),
  password: z.string().min(1, 'give the password').max(1024),
});

export const tokenRequest = credentials.extend({
  name: z.string().trim().min(1).max(100).default('oxygis CLI'),
});

export const tokenResponse = z.object({ id: z.string(), token: z.string(), account: accountView });

export const setupState = z.object({ needed: z.boolean() });

export const setupRequest = z.object({
  token: z.string().min(1, 'open the setup link printed by `oxygis start`'),
  email: z.email('give a valid e-mail address'),
  displayName: z.string().trim().min(1, 'give your name').max(200),
  password: z.string().max(1024),
});

export const errorBody = z.object({ error: z.string(), message: z.string() });
