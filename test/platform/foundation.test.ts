import { existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, type Response } from '../support/https.js';
import { removeDir, startPlatform, type RunningPlatform } from '../support/platform.js';
import { pidsMatching } from '../support/processes.js';

let platform: RunningPlatform;
const get = (urlPath: string, options?: Parameters<typeof request>[3]): Promise<Response> =>
  request(platform.url, platform.caFile, urlPath, options);

function expectErrorShape(response: Response, status: number, code: string): void {
  expect(response.status).toBe(status);
  expect(response.json).toEqual({ error: code, message: expect.any(String) as string });
  expect((response.json as { message: string }).message.length).toBeGreaterThan(10);
  expect(response.text).not.toMatch(/at .*\.(ts|js):\d+/); // no stack trace
}

beforeAll(async () => {
  platform = await startPlatform();
});

afterAll(async () => {
  await platform.stop();
  await removeDir(platform.dataDir);
});

describe('the platform started by `oxygis start`', () => {
  it('runs its control-plane database on a real embedded PostgreSQL in the data directory', async () => {
    expect(existsSync(path.join(platform.dataDir, 'control-plane', 'pgdata', 'PG_VERSION'))).toBe(true);
    expect(await pidsMatching(path.join(platform.dataDir, 'control-plane', 'pgdata'))).not.toHaveLength(0);
  });

  it('answers /healthz and /readyz over HTTPS with a certificate from its own CA', async () => {
    expect((await get('/healthz')).json).toEqual({ status: 'ok' });
    const ready = await get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.json).toEqual({
      status: 'ready',
      database: { reachable: true, migrated: true },
      jobs: { running: true },
    });
  });

  it('sends HSTS and the usual security headers', async () => {
    const { headers } = await get('/healthz');
    expect(headers['strict-transport-security']).toMatch(/max-age=31536000/);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('redirects plain HTTP to HTTPS, keeping the path', async () => {
    expect(platform.httpPort).toBeDefined();
    const answer = await new Promise<http.IncomingMessage>((resolve, reject) => {
      http
        .get(
          { host: '127.0.0.1', port: platform.httpPort, path: '/readyz?x=1', headers: { host: 'localhost' } },
          resolve,
        )
        .on('error', reject);
    });
    expect(answer.statusCode).toBe(308);
    expect(answer.headers.location).toBe(`https://localhost:${platform.port}/readyz?x=1`);
  });

  it('exposes Prometheus metrics, including its own request counters', async () => {
    await get('/healthz');
    const metrics = await get('/metrics');
    expect(metrics.headers['content-type']).toMatch(/text\/plain/);
    expect(metrics.text).toMatch(
      /oxygis_http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/,
    );
    expect(metrics.text).toMatch(/oxygis_process_resident_memory_bytes/);
  });

  it('publishes an OpenAPI 3 document generated from the route schemas', async () => {
    const doc = (await get('/api/openapi.json')).json as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/healthz', '/readyz', '/api/auth/login', '/api/status']),
    );
    const login = doc.paths['/api/auth/login']?.post as {
      requestBody?: { content?: Record<string, { schema?: { required?: string[] } }> };
    };
    expect(login.requestBody?.content?.['application/json']?.schema?.required).toEqual(['email', 'password']);
  });

  it('serves the console at / and its client-side routes', async () => {
    const page = await get('/', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<div id="root">/);
    const deep = await get('/sign-in', { headers: { accept: 'text/html' } });
    expect(deep.status).toBe(200);
    expect(deep.text).toBe(page.text);
  });
});

describe('bad requests get one clear JSON error shape, never a 500', () => {
  it('malformed JSON → 400 malformed_json', async () => {
    expectErrorShape(
      await get('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        rawBody: '{"email": ',
      }),
      400,
      'malformed_json',
    );
  });

  it('wrong types → 400 invalid_request naming the fields', async () => {
    const response = await get('/api/auth/login', { method: 'POST', body: { email: 42 } });
    expectErrorShape(response, 400, 'invalid_request');
    expect((response.json as { message: string }).message).toMatch(/email/);
    expect((response.json as { message: string }).message).toMatch(/password/);
  });

  it('oversized body → 413 payload_too_large', async () => {
    const big = JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(2 * 1024 * 1024) });
    expectErrorShape(
      await get('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        rawBody: big,
      }),
      413,
      'payload_too_large',
    );
  });

  it('a body that is not JSON → 415 unsupported_media_type', async () => {
    expectErrorShape(
      await get('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'text/xml' },
        rawBody: '<a/>',
      }),
      415,
      'unsupported_media_type',
    );
  });

  it('unknown API route → 404 route_not_found', async () => {
    expectErrorShape(await get('/api/does-not-exist'), 404, 'route_not_found');
    expectErrorShape(await get('/api/auth/login', { method: 'DELETE' }), 404, 'route_not_found');
  });

  it('the server keeps answering after all of that', async () => {
    expect((await get('/readyz')).status).toBe(200);
  });

  it('protected routes refuse anonymous callers with 401 not_signed_in', async () => {
    expectErrorShape(await get('/api/status'), 401, 'not_signed_in');
    expectErrorShape(
      await get('/api/status', { headers: { authorization: 'Bearer oxy_nope' } }),
      401,
      'invalid_token',
    );
  });
});
