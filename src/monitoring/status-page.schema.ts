import { z } from 'zod';

/**
 * What the public status page publishes. Response schemas strip every key not listed here, so a
 * field added to a query by mistake can never reach the public.
 */

export const tags = ['status page'];

const componentState = z.enum([
  'operational',
  'degraded_performance',
  'partial_outage',
  'major_outage',
  'no_data',
]);

export const statusView = z.object({
  generatedAt: z.date(),
  timeZone: z.string(),
  overall: componentState,
  components: z.array(
    z.object({
      id: z.enum(['platform', 'databases', 'applications']),
      name: z.string(),
      description: z.string(),
      state: componentState,
      /** Oldest first; `uptime` is the share of the day up, null without data. */
      days: z.array(z.object({ date: z.string(), uptime: z.number().nullable() })),
    }),
  ),
  incidents: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      component: z.enum(['databases', 'applications']).nullable(),
      status: z.enum(['investigating', 'identified', 'monitoring', 'resolved']),
      startedAt: z.date(),
      resolvedAt: z.date().nullable(),
      durationSeconds: z.number().nullable(),
      updates: z.array(
        z.object({
          at: z.date(),
          status: z.enum(['investigating', 'identified', 'monitoring', 'resolved']),
          /** Only what the hosting team wrote for the public; null for automatic updates. */
          message: z.string().nullable(),
        }),
      ),
    }),
  ),
  maintenance: z.array(
    z.object({
      id: z.string(),
      reason: z.string(),
      announcedAt: z.date(),
      startsAt: z.date(),
      endsAt: z.date(),
      inProgress: z.boolean(),
    }),
  ),
});

export type StatusView = z.infer<typeof statusView>;
export type PublicIncident = StatusView['incidents'][number];
export type PublicMaintenance = StatusView['maintenance'][number];

export const subscriptionRequest = z
  .object({
    email: z
      .email({ error: 'give a valid e-mail address, such as name@example.com' })
      .max(320, 'an e-mail address has at most 320 characters'),
  })
  .strict();

export const subscriptionLink = z.object({
  token: z.string().min(1, 'the link has no token; open it exactly as it arrived').max(200),
});

export const messageBody = z.object({ message: z.string() });

export const linkOutcome = z.object({
  status: z.enum(['confirmed', 'unsubscribed']),
  message: z.string(),
});
