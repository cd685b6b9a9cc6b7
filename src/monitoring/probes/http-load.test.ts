import http from 'node:http';
import type { AddressInfo, Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeIdleProbeSockets, probeSocketCounts, runProbe } from './index.js';
import type { HttpTarget } from './probe.js';

// Its own file (and so its own agents): the socket counts below start from zero.
let base = '';
let opened = 0;
const server = http.createServer((request, response) => {
  if (request.url === '/hang') return;
  response.end('Welcome');
});
server.on('connection', () => opened++);

function connections(target: Server): Promise<number> {
  return new Promise((resolve, reject) =>
    target.getConnections((error, count) => (error ? reject(error) : resolve(count))),
  );
}

const target = (path: string, timeoutMs: number): HttpTarget => ({
  kind: 'http',
  url: `${base}${path}`,
  expectedStatus: 200,
  keyword: 'Welcome',
  timeoutMs,
  degradedAfterMs: null,
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', 1024, resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('HTTP probes under load', () => {
  it('completes 500 concurrent checks of one host and leaves only a few idle sockets, closed on demand', async () => {
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: 500 }, () => runProbe(target('/', 10_000))));
    const elapsed = performance.now() - started;
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(elapsed).toBeLessThan(5000);
    // Connections are capped per host and reused: far fewer than one per check.
    expect(opened).toBeLessThanOrEqual(64);
    // The agent files a socket back into its pool a tick after the answer has been read.
    await expect.poll(() => probeSocketCounts().active).toBe(0);
    const { idle } = probeSocketCounts();
    expect(idle).toBeGreaterThan(0);
    expect(idle).toBeLessThanOrEqual(4);
    expect(await connections(server)).toBe(idle);

    closeIdleProbeSockets();
    await expect.poll(() => probeSocketCounts()).toEqual({ active: 0, idle: 0 });
    await expect.poll(() => connections(server)).toBe(0);
  });

  it('fails 200 concurrent checks of a host that hangs on time, and keeps no socket afterwards', async () => {
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: 200 }, () => runProbe(target('/hang', 500))));
    const elapsed = performance.now() - started;
    expect(new Set(results.map((r) => r.error))).toEqual(new Set(['timed out after 500 ms']));
    // Every check, including those still queued for one of the host's 64 sockets, ends on time.
    expect(elapsed).toBeLessThan(500 + 300);
    await expect.poll(() => probeSocketCounts()).toEqual({ active: 0, idle: 0 });
    await expect.poll(() => connections(server)).toBe(0);
    // The host answers again: checks pass at once.
    expect(await runProbe(target('/', 2000))).toMatchObject({ ok: true });
  });
});
