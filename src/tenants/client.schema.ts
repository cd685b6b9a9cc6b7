import { z } from 'zod';

export const connectionView = z.object({
  host: z.string(),
  port: z.number(),
  database: z.string(),
  user: z.string(),
  password: z.string().optional(),
  uri: z.string(),
  caFile: z.string(),
});

export const instanceView = z.object({
  status: z.string(),
  running: z.boolean(),
  host: z.string(),
  port: z.number(),
  database: z.string(),
  user: z.string(),
  uri: z.string(),
  caFile: z.string(),
  diskUsageBytes: z.number().nullable(),
});

export const contact = z.object({
  name: z.string().trim().min(1).max(200),
  email: z.email(),
  phone: z.string().max(50).optional(),
});

export const clientView = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  plan: z.string(),
  status: z.enum(['active', 'suspended', 'deleting']),
  contacts: z.array(contact),
  requireMfa: z.boolean(),
  deleteAfter: z.date().nullable(),
  createdAt: z.date(),
  instance: instanceView.nullable(),
});

export const clientKey = z.object({ key: z.string().min(1).max(100) });

export const newClient = z.object({
  name: z.string().max(200),
  slug: z.string().max(100).optional(),
  plan: z.string().max(50).optional(),
  contacts: z.array(contact).max(20).optional(),
});

export const createdClient = z.object({ client: clientView, connection: connectionView });

export const eventsView = z.object({
  events: z.array(z.object({ at: z.date(), kind: z.string(), detail: z.record(z.string(), z.unknown()) })),
});
