import http from 'node:http';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import {
  type CheckOutcome,
  describeNetworkError,
  describeTlsError,
  type HttpTarget,
  type ProbeResult,
  runCheck,
} from './probe.js';

/** At most this much of a body is read (kept only when a keyword is searched); the rest is never downloaded. */
export const MAX_BODY_BYTES = 1024 * 1024;

// Many monitors check the same hosts (every client's application behind the platform's proxy):
// keep-alive agents shared by all checks, with caps so that a burst of checks or a host that
// hangs cannot take every file descriptor. Idle sockets close after 10 s (`timeout`, which does
// not touch a socket in use), or sooner when the server announces a shorter `Keep-Alive: timeout`.
// The probe's own deadline also counts the time a check waits for one of its host's sockets.
const AGENT_OPTIONS = {
  keepAlive: true,
  maxSockets: 64,
  maxTotalSockets: 1024,
  maxFreeSockets: 4,
  timeout: 10_000,
  scheduling: 'lifo',
} as const satisfies http.AgentOptions;

const agents = {
  http: new http.Agent(AGENT_OPTIONS),
  // Certificates are verified by the probe itself (see `tlsVerdict`), so the pool is shared by
  // monitors that ignore TLS errors and those that do not. No TLS session resumption: a resumed
  // session shows no peer certificate (no expiry date) and is not verified again.
  https: new https.Agent({ ...AGENT_OPTIONS, rejectUnauthorized: false, maxCachedSessions: 0 }),
};

const USER_AGENT = 'Oxygis-Monitor/1 (+availability check)';

function countSockets(pool: NodeJS.ReadOnlyDict<unknown[]>): number {
  return Object.values(pool).reduce((sum, list) => sum + (list?.length ?? 0), 0);
}

/** Sockets held by the HTTP probes: in use by a check, and idle in the keep-alive pools. */
export function probeSocketCounts(): { active: number; idle: number } {
  return {
    active: countSockets(agents.http.sockets) + countSockets(agents.https.sockets),
    idle: countSockets(agents.http.freeSockets) + countSockets(agents.https.freeSockets),
  };
}

/** Closes the idle keep-alive sockets (at shutdown; checks in progress are not touched). */
export function closeIdleProbeSockets(): void {
  for (const agent of [agents.http, agents.https]) {
    for (const list of Object.values(agent.freeSockets)) for (const socket of list ?? []) socket.destroy();
  }
}

function statusError(status: number, expected: number | null): string | null {
  if (expected === null) return status >= 200 && status < 400 ? null : `HTTP ${status} (expected 2xx or 3xx)`;
  return status === expected ? null : `HTTP ${status} (expected ${expected})`;
}

function certificateDates(socket: TLSSocket): { notBefore: Date | null; notAfter: Date | null } {
  const cert = socket.getPeerCertificate();
  const parse = (text: string | undefined): Date | null => {
    const date = text ? new Date(text) : null;
    return date && !Number.isNaN(date.getTime()) ? date : null;
  };
  return { notBefore: parse(cert.valid_from), notAfter: parse(cert.valid_to) };
}

/**
 * The connection is made without rejecting bad certificates so that their dates can still be
 * read ("expired 2026-01-02" says more than "not trusted"); the verdict Node reached is applied here.
 */
function tlsVerdict(socket: TLSSocket, target: HttpTarget, host: string): CheckOutcome {
  const { notBefore, notAfter } = certificateDates(socket);
  const code = socket.authorized ? null : String(socket.authorizationError);
  if (code === null || target.ignoreTlsErrors) return { error: null, certificateExpiresAt: notAfter };
  const error =
    describeTlsError(code, { host, notBefore, notAfter }) ?? `TLS certificate not trusted (${code})`;
  return { error, certificateExpiresAt: notAfter };
}

function isTls(socket: unknown): socket is TLSSocket {
  return typeof socket === 'object' && socket !== null && 'getPeerCertificate' in socket;
}

/** Thrown when a pooled keep-alive socket turns out closed before any answer: worth one more try. */
class StaleSocket extends Error {}

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
}

/** One request; resolves once the status is known and the body read (up to the cap) or refused. */
function attempt(url: URL, target: HttpTarget, signal: AbortSignal): Promise<CheckOutcome> {
  const secure = url.protocol === 'https:';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return new Promise<CheckOutcome>((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason as Error);
      return;
    }
    let tls: CheckOutcome | null = null;
    let answered = false;
    const request = (secure ? https : http).request(url, {
      method: 'GET',
      agent: secure ? agents.https : agents.http,
      headers: { 'user-agent': USER_AGENT, accept: '*/*' },
      ...(secure && target.ca ? { ca: target.ca } : {}),
    });
    const stop = (): void => void request.destroy();
    signal.addEventListener('abort', stop, { once: true });
    const settle = (outcome: CheckOutcome | Error): void => {
      signal.removeEventListener('abort', stop);
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    // A certificate that fails is reported before waiting for an answer that may never come.
    const checkTls = (socket: TLSSocket): CheckOutcome => {
      tls ??= tlsVerdict(socket, target, host);
      if (tls.error !== null) {
        request.destroy();
        settle(tls);
      }
      return tls;
    };
    request.once('socket', (socket) => {
      if (!isTls(socket)) return;
      if (request.reusedSocket) checkTls(socket);
      else socket.once('secureConnect', () => checkTls(socket));
    });
    request.on('error', (error) => {
      const stale = request.reusedSocket && !answered && ['ECONNRESET', 'EPIPE'].includes(errorCode(error));
      settle(stale ? new StaleSocket(error.message) : error);
    });
    request.once('response', (response) => {
      answered = true;
      const verdict = isTls(response.socket) ? checkTls(response.socket) : null;
      if (verdict?.error) return;
      const certificateExpiresAt = verdict?.certificateExpiresAt ?? null;
      const error = statusError(response.statusCode ?? 0, target.expectedStatus);
      const done = (outcome: CheckOutcome): void => settle({ ...outcome, certificateExpiresAt });
      const chunks: Buffer[] = [];
      let received = 0;
      const finishBody = (): void => {
        if (error !== null || target.keyword === null) return done({ error, certificateExpiresAt: null });
        const found = Buffer.concat(chunks).toString('utf8').includes(target.keyword);
        done({ error: found ? null : `keyword "${target.keyword}" not found`, certificateExpiresAt: null });
      };
      response.on('data', (chunk: Buffer) => {
        if (received >= MAX_BODY_BYTES) return;
        if (target.keyword !== null) chunks.push(chunk.subarray(0, MAX_BODY_BYTES - received));
        received += chunk.length;
        // Enough read: the rest of a large body is not downloaded (the socket is not reused).
        if (received >= MAX_BODY_BYTES) {
          response.destroy();
          finishBody();
        }
      });
      response.once('end', finishBody);
      response.once('error', (bodyError) => settle(bodyError));
      // Closed before the end of the body (and not by us at the cap): the connection was cut.
      response.once('close', () => {
        if (!response.complete && received < MAX_BODY_BYTES) {
          settle(Object.assign(new Error('response cut short'), { code: 'ECONNRESET' }));
        }
      });
    });
    request.end();
  });
}

function describeHttpError(error: unknown, host: string): string {
  if (errorCode(error).startsWith('HPE_')) return 'invalid HTTP response';
  return describeNetworkError(error, host);
}

/**
 * GET `url` and judge the answer: status (redirects are not followed, a 3xx is its status),
 * optional keyword in the first MiB of the body, certificate validity and expiry for HTTPS. The
 * timeout covers everything: waiting for a pooled socket, DNS, connect, TLS, headers and body.
 */
export function probeHttp(target: HttpTarget, signal?: AbortSignal): Promise<ProbeResult> {
  let host = target.url;
  return runCheck(
    target,
    signal,
    async (stop) => {
      let url: URL;
      try {
        url = new URL(target.url);
      } catch {
        return { error: 'invalid URL', certificateExpiresAt: null };
      }
      host = url.hostname;
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        return { error: `unsupported protocol ${url.protocol}`, certificateExpiresAt: null };
      }
      try {
        return await attempt(url, target, stop);
      } catch (error) {
        // The server closed an idle keep-alive socket just as it was reused: not the target's
        // fault, so one more try on a fresh connection (within the same deadline).
        if (error instanceof StaleSocket) return attempt(url, target, stop);
        throw error;
      }
    },
    (error) => describeHttpError(error, host),
  );
}
