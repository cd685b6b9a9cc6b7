import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from './http-probe.js';
import { runProbe } from './index.js';
import type { HttpTarget } from './probe.js';

const hits = new Map<string, number>();
let base = '';
let garbageUrl = '';
let closedUrl = '';

// One real server per behaviour a monitored application can show.
const server = http.createServer((request, response) => {
  const path = request.url ?? '/';
  hits.set(path, (hits.get(path) ?? 0) + 1);
  switch (path) {
    case '/ok':
      return response.end('<h1>Welcome to Brasserie Dupont</h1>');
    case '/down':
      response.statusCode = 503;
      return response.end('maintenance');
    case '/slow':
      return void setTimeout(() => response.end('Welcome, slowly'), 250);
    case '/hang':
      return; // never answers
    case '/reset':
      return void request.socket.destroy();
    case '/cut':
      // Promises 100 bytes, sends 10, then the connection drops.
      response.writeHead(200, { 'content-length': '100' });
      response.write('Welcome...');
      return void setTimeout(() => request.socket.destroy(), 20);
    case '/moved':
      response.writeHead(301, { location: `${base}/redirected` });
      return response.end();
    case '/large':
      // 3 MiB of filler; the keyword sits after the first MiB.
      response.write(Buffer.alloc(MAX_BODY_BYTES - 10, 'a'));
      response.write('EARLY-MARK');
      response.write(Buffer.alloc(MAX_BODY_BYTES, 'b'));
      response.write('LATE-MARK');
      return response.end(Buffer.alloc(MAX_BODY_BYTES, 'c'));
    default:
      response.statusCode = 404;
      return response.end();
  }
});

// Answers every request with bytes that are not HTTP.
const garbage = net.createServer((socket) => {
  socket.on('error', () => undefined);
  socket.once('data', () => socket.end('\x00\x01garbage\xff\r\n\r\n'));
});

function listen(target: net.Server): Promise<number> {
  return new Promise((resolve) => {
    target.listen(0, '127.0.0.1', () => resolve((target.address() as AddressInfo).port));
  });
}

function connections(target: net.Server): Promise<number> {
  return new Promise((resolve, reject) =>
    target.getConnections((error, count) => (error ? reject(error) : resolve(count))),
  );
}

const http200 = (path: string, extra: Partial<HttpTarget> = {}): HttpTarget => ({
  kind: 'http',
  url: `${base}${path}`,
  expectedStatus: 200,
  keyword: null,
  timeoutMs: 2000,
  degradedAfterMs: null,
  ...extra,
});

beforeAll(async () => {
  base = `http://127.0.0.1:${await listen(server)}`;
  garbageUrl = `http://127.0.0.1:${await listen(garbage)}/`;
  const unused = net.createServer();
  closedUrl = `http://127.0.0.1:${await listen(unused)}/`;
  await new Promise((resolve) => unused.close(resolve));
});

afterAll(async () => {
  server.closeAllConnections();
  await Promise.all([server, garbage].map((s) => new Promise((resolve) => s.close(resolve))));
});

describe('HTTP probe', () => {
  it('passes on the expected status with the keyword in the body', async () => {
    const result = await runProbe(http200('/ok', { keyword: 'Welcome' }));
    expect(result).toMatchObject({ ok: true, degraded: false, error: null, certificateExpiresAt: null });
    expect(result.latencyMs).toBeGreaterThan(0);
    expect(Math.round(result.latencyMs * 10)).toBe(result.latencyMs * 10); // 0.1 ms resolution
  });

  it('fails when the keyword is missing', async () => {
    const result = await runProbe(http200('/ok', { keyword: 'Goodbye' }));
    expect(result).toMatchObject({ ok: false, error: 'keyword "Goodbye" not found' });
  });

  it('fails on another status, naming both', async () => {
    expect((await runProbe(http200('/down'))).error).toBe('HTTP 503 (expected 200)');
    const anySuccess = await runProbe(http200('/down', { expectedStatus: null }));
    expect(anySuccess).toMatchObject({ ok: false, error: 'HTTP 503 (expected 2xx or 3xx)' });
  });

  it('does not follow redirects: a 301 is its own status', async () => {
    expect(await runProbe(http200('/moved', { expectedStatus: null }))).toMatchObject({ ok: true });
    expect((await runProbe(http200('/moved'))).error).toBe('HTTP 301 (expected 200)');
    expect(await runProbe(http200('/moved', { expectedStatus: 301 }))).toMatchObject({ ok: true });
    expect(hits.get('/redirected')).toBeUndefined();
  });

  it('passes but is degraded when slower than degradedAfterMs', async () => {
    const result = await runProbe(http200('/slow', { keyword: 'Welcome', degradedAfterMs: 100 }));
    expect(result).toMatchObject({ ok: true, degraded: true, error: null });
    expect(result.latencyMs).toBeGreaterThanOrEqual(250);
    expect((await runProbe(http200('/slow', { degradedAfterMs: 1000 }))).degraded).toBe(false);
  });

  it('fails a server that never answers within the timeout, and lets go of its connection', async () => {
    const started = performance.now();
    const result = await runProbe(http200('/hang', { timeoutMs: 300 }));
    const elapsed = performance.now() - started;
    expect(result).toMatchObject({ ok: false, degraded: false, error: 'timed out after 300 ms' });
    expect(elapsed).toBeGreaterThanOrEqual(299);
    expect(elapsed).toBeLessThan(300 + 200);
    await expect.poll(() => connections(server)).toBeLessThanOrEqual(1); // only the idle keep-alive one
  });

  it('fails on a connection reset before the answer, or in the middle of the body', async () => {
    expect(await runProbe(http200('/reset'))).toMatchObject({ ok: false, error: 'connection reset' });
    expect(await runProbe(http200('/cut', { keyword: 'Welcome' }))).toMatchObject({
      ok: false,
      error: 'connection reset',
    });
  });

  it('fails on garbage instead of HTTP', async () => {
    const result = await runProbe(http200('', { url: garbageUrl }));
    expect(result).toMatchObject({ ok: false, error: 'invalid HTTP response' });
  });

  it('fails when nothing listens on the port', async () => {
    const result = await runProbe(http200('', { url: closedUrl }));
    expect(result).toMatchObject({ ok: false, error: 'connection refused' });
  });

  it('searches only the first MiB of the body, and downloads no more', async () => {
    expect(await runProbe(http200('/large', { keyword: 'EARLY-MARK' }))).toMatchObject({ ok: true });
    expect(await runProbe(http200('/large', { keyword: 'LATE-MARK' }))).toMatchObject({
      ok: false,
      error: 'keyword "LATE-MARK" not found',
    });
    expect(await runProbe(http200('/large'))).toMatchObject({ ok: true });
  });

  it('reports a URL it cannot check as a failed check', async () => {
    expect(await runProbe(http200('', { url: 'not a url' }))).toMatchObject({
      ok: false,
      error: 'invalid URL',
    });
    expect(await runProbe(http200('', { url: 'ftp://127.0.0.1/' }))).toMatchObject({
      ok: false,
      error: 'unsupported protocol ftp:',
    });
  });

  it('stops when its signal aborts', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = performance.now();
    const result = await runProbe(http200('/hang', { timeoutMs: 5000 }), controller.signal);
    expect(result).toMatchObject({ ok: false, error: 'check cancelled' });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await runProbe(http200('/ok'), controller.signal)).toMatchObject({ error: 'check cancelled' });
  });
});

describe('HTTP probe keep-alive', () => {
  it('reuses one connection for consecutive checks of the same host', async () => {
    let opened = 0;
    const counting = http.createServer((_request, response) => response.end('ok'));
    counting.on('connection', () => opened++);
    const port = await listen(counting);
    try {
      for (let i = 0; i < 5; i++) {
        expect(await runProbe(http200('', { url: `http://127.0.0.1:${port}/` }))).toMatchObject({ ok: true });
      }
      expect(opened).toBe(1);
    } finally {
      counting.closeAllConnections();
      counting.close();
    }
  });

  it('retries once on a fresh connection when a reused one was closed by the server', async () => {
    // Answers the first request of each connection; a second request on it gets the connection
    // dropped, as when a server's keep-alive timeout strikes just as the socket is reused.
    const served = new WeakSet<net.Socket>();
    let dropped = 0;
    const strict = http.createServer((request, response) => {
      if (served.has(request.socket)) {
        dropped++;
        return void request.socket.destroy();
      }
      served.add(request.socket);
      response.end('ok');
    });
    const port = await listen(strict);
    try {
      for (let i = 0; i < 3; i++) {
        expect(await runProbe(http200('', { url: `http://127.0.0.1:${port}/` }))).toMatchObject({ ok: true });
      }
      expect(dropped).toBe(2); // the second and third checks each met a dropped connection first
    } finally {
      strict.closeAllConnections();
      strict.close();
    }
  });
});
