import { generate } from 'selfsigned';

/** A certificate for one instance, signed by the platform CA (EC P-256: fast to make). */
export async function instanceCertificate(
  ca: { cert: string; key: string },
  hostnames: string[],
): Promise<{ cert: string; key: string }> {
  const names = [...new Set(['localhost', ...hostnames])];
  const now = new Date();
  const result = await generate([{ name: 'commonName', value: names[0] ?? 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: now,
    notAfterDate: new Date(now.getTime() + 825 * 24 * 3600 * 1000),
    ca,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          ...names.map((value) => ({ type: 2 as const, value })),
          { type: 7 as const, ip: '127.0.0.1' },
          { type: 7 as const, ip: '::1' },
        ],
      },
    ],
  });
  return { cert: result.cert, key: result.private };
}
