import { z } from 'zod';

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[?::1\]?|0\.0\.0\.0|169\.254\.\d+\.\d+)$/i;

/** `host:port` (or `tcp://host:port`) of a TCP monitor. */
export const tcpTarget = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const match = /^(?:tcp:\/\/)?(\[[0-9a-f:]+\]|[a-z0-9.-]+):(\d{1,5})$/i.exec(value);
    const port = Number(match?.[2]);
    if (!match?.[1] || !Number.isInteger(port) || port < 1 || port > 65535) {
      ctx.addIssue({ code: 'custom', message: 'a TCP target is host:port, e.g. shop.example.be:443' });
      return z.NEVER;
    }
    return { host: match[1].replace(/^\[|\]$/g, ''), port };
  });

export const httpTarget = z
  .url({ protocol: /^https?$/, error: 'an HTTP monitor needs an http:// or https:// URL' })
  .max(2000);

export const monitorInput = z
  .object({
    name: z.string().trim().min(1).max(80).optional(),
    kind: z.enum(['http', 'tcp', 'postgres'], { error: 'kind is http, tcp or postgres' }),
    url: z.string().trim().max(2000).optional(),
    intervalSeconds: z
      .number()
      .int()
      .min(5, 'the interval is at least 5 seconds')
      .max(3600, 'the interval is at most 3600 seconds')
      .default(30),
    timeoutMs: z.number().int().min(100).max(60_000).optional(),
    expectedStatus: z.number().int().min(100).max(599).optional(),
    keyword: z.string().min(1).max(200).optional(),
    degradedAfterMs: z.number().int().min(1).max(60_000).optional(),
    failureThreshold: z.number().int().min(1).max(20).default(3),
    recoveryThreshold: z.number().int().min(1).max(20).default(2),
  })
  .strict();

export type MonitorInput = z.infer<typeof monitorInput>;

/** Addresses of the platform itself: only operators may point a monitor there. */
export function isInternalHost(host: string): boolean {
  return LOOPBACK.test(host);
}
