import { describe, expect, it } from 'vitest';
import { metricsAllowed } from './metrics.js';

const TOKEN = 'prometheus-scraper-token-0123456789';

describe('who may read /metrics (they name the clients)', () => {
  it('this machine, over IPv4 or IPv6 loopback', () => {
    for (const address of ['127.0.0.1', '127.4.5.6', '::1', '::ffff:127.0.0.1'])
      expect(metricsAllowed(address, undefined, undefined), address).toBe(true);
  });

  it('another machine only with the configured token, sent as a bearer token', () => {
    expect(metricsAllowed('192.0.2.10', undefined, TOKEN)).toBe(false);
    expect(metricsAllowed('192.0.2.10', `Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(metricsAllowed('192.0.2.10', `Bearer ${TOKEN}x`, TOKEN)).toBe(false);
    expect(metricsAllowed('192.0.2.10', TOKEN, TOKEN)).toBe(false);
    expect(metricsAllowed('::ffff:192.0.2.10', `Bearer ${TOKEN}`, undefined)).toBe(false);
    expect(metricsAllowed(undefined, undefined, undefined)).toBe(false);
  });
});
