import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { generate } from 'selfsigned';
import { writeFileAtomic } from '../shared/files.js';

export interface TlsMaterial {
  cert: string;
  key: string;
  /** The file a client should trust: the local CA when generated, the given chain otherwise. */
  caFile: string;
  generated: boolean;
}

const RENEW_BEFORE_MS = 30 * 24 * 3600 * 1000;

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

function stillValid(certPem: string, hostnames: string[]): boolean {
  const cert = new X509Certificate(certPem);
  const fresh = new Date(cert.validTo).getTime() - Date.now() > RENEW_BEFORE_MS;
  return (
    fresh &&
    hostnames.every((name) => (net.isIP(name) ? cert.checkIP(name) : cert.checkHost(name)) !== undefined)
  );
}

/** The platform's local CA (10 years): signs the HTTPS and the client instances' certificates. */
export async function ensureCa(dir: string): Promise<{ cert: string; key: string }> {
  const certFile = path.join(dir, 'ca.pem');
  const keyFile = path.join(dir, 'ca-key.pem');
  const [cert, key] = await Promise.all([readIfExists(certFile), readIfExists(keyFile)]);
  // ECDSA P-256: instance certificates are made in milliseconds (RSA keys take ~0.4 s each).
  const isEc = cert ? new X509Certificate(cert).publicKey.asymmetricKeyType === 'ec' : false;
  if (cert && key && isEc && stillValid(cert, [])) return { cert, key };
  const now = new Date();
  const ca = await generate([{ name: 'commonName', value: `Oxygis Cloud local CA (${os.hostname()})` }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: now,
    notAfterDate: new Date(now.getTime() + 10 * 365 * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  await writeFileAtomic(keyFile, ca.private, 0o600);
  await writeFileAtomic(certFile, ca.cert, 0o644);
  return { cert: ca.cert, key: ca.private };
}

/**
 * HTTPS material: the operator's certificate when given, otherwise a certificate signed by a
 * local CA generated on first start and kept in `<data-dir>/tls` (renewed before it expires or
 * when a new host name appears). Clients trust `ca.pem`.
 */
export async function ensureTls(options: {
  dataDir: string;
  certFile?: string | undefined;
  keyFile?: string | undefined;
  hostnames: string[];
}): Promise<TlsMaterial> {
  if (options.certFile && options.keyFile) {
    // One after the other, so the message always names the first file that cannot be read.
    const read = (file: string, variable: string) =>
      readFile(file, 'utf8').catch((error: unknown) => {
        throw new Error(`cannot read ${file} (${variable}): ${(error as Error).message}`, { cause: error });
      });
    const cert = await read(options.certFile, 'OXYGIS_TLS_CERT');
    const key = await read(options.keyFile, 'OXYGIS_TLS_KEY');
    return { cert, key, caFile: options.certFile, generated: false };
  }
  const dir = path.join(options.dataDir, 'tls');
  const certFile = path.join(dir, 'server.pem');
  const keyFile = path.join(dir, 'server-key.pem');
  const ca = await ensureCa(dir);
  const [cert, key] = await Promise.all([readIfExists(certFile), readIfExists(keyFile)]);
  const caFile = path.join(dir, 'ca.pem');
  const signedByCa = cert ? new X509Certificate(cert).checkIssued(new X509Certificate(ca.cert)) : false;
  if (cert && key && signedByCa && stillValid(cert, options.hostnames))
    return { cert, key, caFile, generated: true };

  const names = [...new Set(['localhost', os.hostname(), ...options.hostnames])];
  const altNames = names.map((name) =>
    net.isIP(name) ? { type: 7 as const, ip: name } : { type: 2 as const, value: name },
  );
  altNames.push({ type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' });
  const now = new Date();
  const server = await generate([{ name: 'commonName', value: names[0] ?? 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: now,
    notAfterDate: new Date(now.getTime() + 397 * 24 * 3600 * 1000),
    ca,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  await writeFileAtomic(keyFile, server.private, 0o600);
  await writeFileAtomic(certFile, server.cert, 0o644);
  return { cert: server.cert, key: server.private, caFile, generated: true };
}
