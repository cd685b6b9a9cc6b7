import { z } from 'zod';

export const tags = ['monitoring'];
export const clientKey = z.object({ key: z.string().min(1).max(100) });

export const liveStatus = z.object({
  state: z.enum(['up', 'down', 'degraded', 'no_data']),
  since: z.date().nullable(),
  lastCheckAt: z.date().nullable(),
  lastLatencyMs: z.number().nullable(),
  lastError: z.string().nullable(),
  certificateExpiresAt: z.date().nullable(),
});

export const monitorView = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['http', 'tcp', 'postgres']),
  role: z.enum(['application', 'database']),
  target: z.string(),
  intervalSeconds: z.number(),
  timeoutMs: z.number(),
  expectedStatus: z.number().nullable(),
  keyword: z.string().nullable(),
  degradedAfterMs: z.number().nullable(),
  failureThreshold: z.number(),
  recoveryThreshold: z.number(),
  status: liveStatus,
});

const period = z.object({ from: z.string(), to: z.string() });

export const slaFigures = z.object({
  client: z.string(),
  month: z.string().optional(),
  frozen: z
    .object({
      version: z.number(),
      frozenAt: z.coerce.date(),
      reason: z.string().nullable(),
      author: z.string().nullable(),
    })
    .nullable(),
  from: z.string(),
  to: z.string(),
  partial: z.boolean().optional(),
  periodSeconds: z.number(),
  eligibleSeconds: z.number(),
  downtimeSeconds: z.number(),
  excludedSeconds: z.object({ maintenance: z.number(), forceMajeure: z.number() }),
  noDataSeconds: z.number(),
  availability: z.number().nullable(),
  target: z.number(),
  errorBudgetSeconds: z.number(),
  met: z.boolean().nullable(),
  excludedPeriods: z.array(period.extend({ kind: z.string(), reason: z.string() })),
  downPeriods: z.array(period.extend({ monitorIds: z.array(z.string()) })),
  noDataPeriods: z.array(period),
});

export const maintenanceView = z.object({
  id: z.string(),
  scope: z.enum(['platform', 'client', 'monitor']),
  clientId: z.string().nullable(),
  monitorId: z.string().nullable(),
  kind: z.enum(['one_off', 'recurring']),
  startsAt: z.date().nullable(),
  endsAt: z.date().nullable(),
  rrule: z.string().nullable(),
  firstDate: z.string().nullable(),
  localStart: z.string().nullable(),
  durationMinutes: z.number().nullable(),
  timeZone: z.string(),
  reason: z.string(),
  createdBy: z.string(),
  next: z.array(z.object({ from: z.date(), to: z.date() })),
});

export const incidentView = z.object({
  id: z.string(),
  clientSlug: z.string(),
  monitorName: z.string().nullable(),
  title: z.string(),
  status: z.enum(['investigating', 'identified', 'monitoring', 'resolved']),
  openedAt: z.date(),
  resolvedAt: z.date().nullable(),
  acknowledgedAt: z.date().nullable(),
  acknowledgedBy: z.string().nullable(),
  postmortem: z.string().nullable(),
  updates: z
    .array(z.object({ at: z.date(), status: z.string(), message: z.string(), author: z.string().nullable() }))
    .optional(),
});
