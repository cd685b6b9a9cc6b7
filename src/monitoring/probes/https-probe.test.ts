import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Server } from 'node:net';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProbe } from './index.js';
import type { HttpTarget } from './probe.js';

interface TestCertificate {
  cert: string;
  key: string;
  notAfter: Date;
}

/** A self-signed EC certificate (fast to make) for the given names and dates. */
async function certificate(
  names: { dns: string[]; ip: string[] },
  from: Date,
  to: Date,
): Promise<TestCertificate> {
  const made = await generate([{ name: 'commonName', value: names.dns[0] ?? 'test' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: from,
    notAfterDate: to,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          ...names.dns.map((value) => ({ type: 2 as const, value })),
          ...names.ip.map((ip) => ({ type: 7 as const, ip })),
        ],
      },
    ],
  });
  return { cert: made.cert, key: made.private, notAfter: to };
}

const handler: http.RequestListener = (request, response) => {
  if (request.url === '/hang') return;
  response.end('Welcome to Brasserie Dupont');
};

const servers: Server[] = [];
async function serve(tls: TestCertificate | null): Promise<string> {
  const server = tls
    ? https.createServer({ cert: tls.cert, key: tls.key }, handler)
    : http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `${tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

// Certificates carry whole seconds: the expected dates must too.
const inDays = (days: number): Date => new Date(Math.floor(Date.now() / 1000) * 1000 + days * 86_400_000);
const loopback = { dns: ['localhost'], ip: ['127.0.0.1'] };
let good: TestCertificate;
let expired: TestCertificate;
let goodUrl = '';
let expiredUrl = '';
let wrongHostUrl = '';
let plainUrl = '';
let wrongHostCa = '';

const target = (url: string, extra: Partial<HttpTarget> = {}): HttpTarget => ({
  kind: 'http',
  url,
  expectedStatus: 200,
  keyword: 'Welcome',
  timeoutMs: 3000,
  degradedAfterMs: null,
  ...extra,
});

beforeAll(async () => {
  good = await certificate(loopback, inDays(-1), inDays(90));
  expired = await certificate(loopback, new Date('2024-01-01T00:00:00Z'), new Date('2025-01-02T00:00:00Z'));
  const wrongHost = await certificate({ dns: ['other.example'], ip: [] }, inDays(-1), inDays(90));
  wrongHostCa = wrongHost.cert;
  goodUrl = await serve(good);
  expiredUrl = await serve(expired);
  wrongHostUrl = await serve(wrongHost);
  plainUrl = (await serve(null)).replace('http:', 'https:');
});

afterAll(async () => {
  for (const server of servers) {
    if (server instanceof http.Server) server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe('HTTPS probe', () => {
  it('fails on a self-signed certificate it was not told to trust, still reporting its expiry', async () => {
    const result = await runProbe(target(`${goodUrl}/`));
    expect(result).toMatchObject({ ok: false, error: 'TLS certificate is self-signed (not trusted)' });
    expect(result.certificateExpiresAt).toEqual(good.notAfter);
  });

  it('passes with the certificate as CA, and reports its notAfter', async () => {
    const result = await runProbe(target(`${goodUrl}/`, { ca: good.cert }));
    expect(result).toMatchObject({ ok: true, error: null });
    expect(result.certificateExpiresAt).toEqual(good.notAfter);
  });

  it('passes with ignoreTlsErrors', async () => {
    const result = await runProbe(target(`${goodUrl}/`, { ignoreTlsErrors: true }));
    expect(result).toMatchObject({ ok: true, error: null });
    expect(result.certificateExpiresAt).toEqual(good.notAfter);
  });

  it('fails on an expired certificate, saying since when; ignoreTlsErrors still reports the date', async () => {
    const result = await runProbe(target(`${expiredUrl}/`, { ca: expired.cert }));
    expect(result).toMatchObject({ ok: false, error: 'TLS certificate expired 2025-01-02' });
    expect(result.certificateExpiresAt).toEqual(expired.notAfter);
    const ignored = await runProbe(target(`${expiredUrl}/`, { ignoreTlsErrors: true }));
    expect(ignored).toMatchObject({ ok: true, certificateExpiresAt: expired.notAfter });
  });

  it('fails on a trusted certificate that names another host', async () => {
    const result = await runProbe(target(`${wrongHostUrl}/`, { ca: wrongHostCa }));
    expect(result).toMatchObject({ ok: false, error: 'TLS certificate is not valid for 127.0.0.1' });
  });

  it('reports a bad certificate at once, without waiting for an answer that never comes', async () => {
    const started = performance.now();
    const result = await runProbe(target(`${goodUrl}/hang`, { timeoutMs: 5000 }));
    expect(result).toMatchObject({ ok: false, error: 'TLS certificate is self-signed (not trusted)' });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('times out on a trusted server that never answers', async () => {
    const result = await runProbe(target(`${goodUrl}/hang`, { ca: good.cert, timeoutMs: 300 }));
    expect(result).toMatchObject({ ok: false, error: 'timed out after 300 ms' });
  });

  it('checks the certificate again on a reused keep-alive connection', async () => {
    for (let i = 0; i < 3; i++) {
      const trusted = await runProbe(target(`${goodUrl}/`, { ca: good.cert }));
      expect(trusted).toMatchObject({ ok: true, certificateExpiresAt: good.notAfter });
      const ignoring = await runProbe(target(`${goodUrl}/`, { ignoreTlsErrors: true }));
      expect(ignoring).toMatchObject({ ok: true, certificateExpiresAt: good.notAfter });
      const strict = await runProbe(target(`${goodUrl}/`));
      expect(strict).toMatchObject({ ok: false, error: 'TLS certificate is self-signed (not trusted)' });
    }
  });

  it('fails on a server that does not speak TLS', async () => {
    const result = await runProbe(target(`${plainUrl}/`));
    expect(result).toMatchObject({
      ok: false,
      error: 'TLS handshake failed (the server does not speak TLS on this port)',
    });
  });
});
