import { z } from 'zod';
import { RIGHTS } from './access.js';

export const accountDetails = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  kind: z.enum(['staff', 'client_admin', 'client_user']),
  roles: z.array(z.string()),
  clientId: z.string().nullable(),
  clientSlug: z.string().nullable(),
  status: z.enum(['invited', 'active', 'disabled']),
  rights: z.array(z.string()),
  mfaEnabled: z.boolean(),
  createdAt: z.date(),
});

export const accountDetailsResponse = z.object({ account: accountDetails });

export const accountListResponse = z.object({ accounts: z.array(accountDetails) });

export const accountListQuery = z.object({ client: z.string().min(1).max(100).optional() });

export const newAccount = z.object({
  email: z.email('give a valid e-mail address').max(320),
  displayName: z.string().trim().max(200).default(''),
  role: z.enum(['operator', 'support_agent', 'client_admin', 'client_user'], {
    error: 'role must be operator, support_agent, client_admin or client_user',
  }),
  client: z.string().min(1).max(100).optional(),
  passwordHash: z.string().min(1).max(512).optional(),
});

export const createdAccountResponse = z.object({ account: accountDetails, invited: z.boolean() });

export const rightsBody = z.object({
  rights: z.array(z.enum(RIGHTS, { error: `rights are ${RIGHTS.join(', ')}` })).max(RIGHTS.length * 2),
});
