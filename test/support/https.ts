import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';

export interface Response {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: unknown;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** Sent as is, for malformed and oversized bodies. */
  rawBody?: string | Buffer;
  /** A keep-alive agent, to send a request over an already open connection. */
  agent?: https.Agent;
}

/** An HTTPS request that verifies the platform's certificate against its CA (no insecure mode). */
export function request(
  baseUrl: string,
  caFile: string,
  urlPath: string,
  options: RequestOptions = {},
): Promise<Response> {
  const ca = readFileSync(caFile, 'utf8');
  const payload = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  return new Promise((resolve, reject) => {
    const req = https.request(
      new URL(urlPath, baseUrl),
      {
        method: options.method ?? 'GET',
        ca,
        ...(options.agent ? { agent: options.agent } : {}),
        headers: {
          ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/** Cookies set by a response, as a Cookie header value, plus each raw Set-Cookie line. */
export function cookiesOf(response: Response): {
  header: string;
  lines: string[];
  values: Record<string, string>;
} {
  const lines = response.headers['set-cookie'] ?? [];
  const values: Record<string, string> = {};
  for (const line of lines) {
    const [pair] = line.split(';');
    const index = pair?.indexOf('=') ?? -1;
    if (pair && index > 0) values[pair.slice(0, index)] = pair.slice(index + 1);
  }
  return {
    header: Object.entries(values)
      .map(([k, v]) => `${k}=${v}`)
      .join('; '),
    lines,
    values,
  };
}
