import { X509Certificate } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import tls from 'node:tls';
import { generate } from 'selfsigned';
import { afterAll, describe, expect, it } from 'vitest';
import { request } from '../support/https.js';
import { removeDir, startPlatform, tempDir } from '../support/platform.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await removeDir(dir);
});

/** The certificate the server presents on `port`. */
function servedCertificate(port: number): Promise<X509Certificate> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect(
      { host: '127.0.0.1', port, servername: 'localhost', rejectUnauthorized: false },
      () => {
        const raw = socket.getPeerCertificate().raw;
        socket.end();
        resolve(new X509Certificate(raw));
      },
    );
    socket.on('error', reject);
  });
}

describe('HTTPS certificates', () => {
  it('generates a certificate from a local CA on first start and keeps it across restarts', async () => {
    const dataDir = await tempDir();
    dirs.push(dataDir);
    const first = await startPlatform({ dataDir });
    const served = await servedCertificate(first.port);
    const ca = new X509Certificate(await readFile(first.caFile));
    expect(served.checkIssued(ca)).toBe(true);
    expect(served.checkHost('localhost')).toBe('localhost');
    expect(served.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect((await import('node:fs')).statSync(path.join(dataDir, 'tls', 'server-key.pem')).mode & 0o777).toBe(
      0o600,
    );
    await first.stop();

    const second = await startPlatform({ dataDir });
    expect((await servedCertificate(second.port)).fingerprint256).toBe(served.fingerprint256);
    await second.stop();
  });

  it('serves the operator’s own certificate from OXYGIS_TLS_CERT and OXYGIS_TLS_KEY', async () => {
    const dir = await tempDir('oxygis-cert-');
    dirs.push(dir);
    const own = await generate([{ name: 'commonName', value: 'localhost' }], {
      keySize: 2048,
      algorithm: 'sha256',
      extensions: [
        {
          name: 'subjectAltName',
          altNames: [
            { type: 2, value: 'localhost' },
            { type: 7, ip: '127.0.0.1' },
          ],
        },
      ],
    });
    const certFile = path.join(dir, 'cert.pem');
    const keyFile = path.join(dir, 'key.pem');
    await writeFile(certFile, own.cert);
    await writeFile(keyFile, own.private, { mode: 0o600 });
    const platform = await startPlatform({ env: { OXYGIS_TLS_CERT: certFile, OXYGIS_TLS_KEY: keyFile } });
    dirs.push(platform.dataDir);
    expect((await servedCertificate(platform.port)).fingerprint256).toBe(
      new X509Certificate(own.cert).fingerprint256,
    );
    expect((await request(platform.url, certFile, '/healthz')).status).toBe(200);
    await platform.stop();
  });

  it('refuses to start with a certificate file that does not exist, saying which', async () => {
    const { runCli } = await import('../support/platform.js');
    const dataDir = await tempDir();
    dirs.push(dataDir);
    const result = await runCli(['start', '--data-dir', dataDir, '--port', '0', '--http-port', 'off'], {
      env: { OXYGIS_TLS_CERT: '/nonexistent/cert.pem', OXYGIS_TLS_KEY: '/nonexistent/key.pem' },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/\/nonexistent\/cert\.pem/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
