import { readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { CliError } from './errors.js';

export interface ApiTarget {
  url: string;
  token?: string | undefined;
  /** PEM of the CA to trust; undefined means the system's CAs. */
  ca?: string | undefined;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/**
 * The CA to trust for `url`: the given file; for a platform on this machine, the local CA in the
 * data directory (`oxygis start` generates it); otherwise the system's CAs.
 */
export function resolveCa(url: string, caFile: string | undefined, dataDir: string): string | undefined {
  const file =
    caFile ?? (LOCAL_HOSTS.has(new URL(url).hostname) ? path.join(dataDir, 'tls', 'ca.pem') : undefined);
  if (!file) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch {
    if (caFile)
      throw new CliError(`cannot read the CA certificate ${caFile}; check the path given to --ca`, 2);
    return undefined;
  }
}

export interface ApiResponse {
  status: number;
  body: unknown;
  /** The answer's bytes as received (a downloaded file). */
  raw: Buffer;
  headers: IncomingHttpHeaders;
}

/** A body sent as it is (a file), not as JSON. */
export class RawBody {
  constructor(
    readonly content: Buffer,
    readonly contentType: string,
  ) {}
}

export function apiRequest(
  target: ApiTarget,
  method: string,
  urlPath: string,
  body?: unknown,
): Promise<ApiResponse> {
  const url = new URL(urlPath, target.url);
  const payload =
    body === undefined ? undefined : body instanceof RawBody ? body.content : JSON.stringify(body);
  const contentType = body instanceof RawBody ? body.contentType : 'application/json';
  return new Promise((resolve, reject) => {
    const request = https.request(
      url,
      {
        method,
        ca: target.ca,
        headers: {
          accept: 'application/json',
          ...(payload ? { 'content-type': contentType } : {}),
          ...(target.token ? { authorization: `Bearer ${target.token}` } : {}),
        },
        timeout: 30_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const raw = Buffer.concat(chunks);
          const text = raw.toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: response.statusCode ?? 0, body: parsed, raw, headers: response.headers });
        });
      },
    );
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', (error: NodeJS.ErrnoException) => {
      const reason =
        error.code === 'ECONNREFUSED'
          ? 'nothing is listening there; is the platform running (oxygis start)?'
          : error.code?.startsWith('ERR_TLS') ||
              error.code === 'SELF_SIGNED_CERT_IN_CHAIN' ||
              error.code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'
            ? `its certificate is not trusted (${error.code}); pass the platform's CA with --ca FILE`
            : error.message;
      reject(new CliError(`cannot reach the platform at ${target.url}: ${reason}`));
    });
    if (payload) request.write(payload);
    request.end();
  });
}

/** The body of a 2xx answer; any other answer becomes the server's own message. */
export async function callApi<T>(
  target: ApiTarget,
  method: string,
  urlPath: string,
  body?: unknown,
  /** An answer already received for this request (so it is not sent twice). */
  answered?: ApiResponse,
): Promise<T> {
  const response = answered ?? (await apiRequest(target, method, urlPath, body));
  if (response.status >= 200 && response.status < 300) return response.body as T;
  const error = response.body as { error?: string; message?: string } | undefined;
  const message = error?.message ?? `the platform answered HTTP ${response.status}`;
  throw new CliError(`${message}${error?.error ? ` (${error.error})` : ''}`);
}
