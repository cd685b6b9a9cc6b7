/**
 * One availability check of one monitor target: the shared result shape, the hard deadline every
 * probe runs under, and the short error texts operators read in the console.
 *
 * A probe never rejects: whatever the target does (hang, reset, send garbage, present a bad
 * certificate), the outcome is a `ProbeResult` within the target's timeout plus a few milliseconds.
 */

/** The outcome of one check. */
export interface ProbeResult {
  /** The check passed. */
  ok: boolean;
  /** Passed, but slower than the monitor's `degradedAfterMs` (when set). */
  degraded: boolean;
  /** Measured with a monotonic clock, rounded to 0.1 ms. */
  latencyMs: number;
  /** Short human reason when `!ok` (`HTTP 503 (expected 200)`, `timed out after 5000 ms`); else null. */
  error: string | null;
  /** HTTPS only: the notAfter of the certificate the server presented. */
  certificateExpiresAt: Date | null;
}

export interface HttpTarget {
  kind: 'http';
  url: string;
  /** null: any 2xx or 3xx passes. */
  expectedStatus: number | null;
  /** Text that must appear in the first MiB of the body; null: the body is not inspected. */
  keyword: string | null;
  timeoutMs: number;
  degradedAfterMs: number | null;
  /** Accept an invalid, expired or self-signed certificate (the expiry date is still reported). */
  ignoreTlsErrors?: boolean;
  /** PEM certificates to trust besides the system's (the platform's own CA, tests). */
  ca?: string;
}

export interface TcpTarget {
  kind: 'tcp';
  host: string;
  port: number;
  timeoutMs: number;
  degradedAfterMs: number | null;
}

export interface PostgresTarget {
  kind: 'postgres';
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
  /** PEM CA that signed the instance's certificate; the connection is always TLS and verified. */
  ca: string;
  timeoutMs: number;
  degradedAfterMs: number | null;
}

/** What a monitor checks. */
export type ProbeTarget = HttpTarget | TcpTarget | PostgresTarget;

/** What a probe's own work found out; thrown errors are turned into an `error` by the probe. */
export interface CheckOutcome {
  error: string | null;
  certificateExpiresAt: Date | null;
}

/** Thrown by a check when its deadline has passed (also the abort reason its signal carries). */
export class ProbeTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`timed out after ${timeoutMs} ms`);
    this.name = 'ProbeTimeout';
  }
}

const MAX_ERROR_LENGTH = 160;

/** A reason short enough for a table cell and an alert subject. */
export function shortText(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX_ERROR_LENGTH ? `${line.slice(0, MAX_ERROR_LENGTH - 1)}…` : line;
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `2026-01-02` */
function day(date: Date | null): string {
  return date && !Number.isNaN(date.getTime()) ? date.toISOString().slice(0, 10) : 'unknown date';
}

/**
 * A certificate verification failure (OpenSSL's or Node's code, as `authorizationError` or an
 * error's `code` carries it) as a sentence; undefined when the code is not a TLS one.
 */
export function describeTlsError(
  code: string,
  context: { host: string; notBefore?: Date | null; notAfter?: Date | null },
): string | undefined {
  switch (code) {
    case 'CERT_HAS_EXPIRED':
      return context.notAfter
        ? `TLS certificate expired ${day(context.notAfter)}`
        : 'TLS certificate expired';
    case 'CERT_NOT_YET_VALID':
      return context.notBefore
        ? `TLS certificate not valid before ${day(context.notBefore)}`
        : 'TLS certificate not yet valid';
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      return 'TLS certificate is self-signed (not trusted)';
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return 'TLS certificate chain ends in an untrusted root';
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      return 'TLS certificate issuer is not trusted';
    case 'CERT_SIGNATURE_FAILURE':
      return 'TLS certificate signature does not verify (signed by another CA?)';
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `TLS certificate is not valid for ${context.host}`;
    case 'CERT_REVOKED':
      return 'TLS certificate revoked';
    default:
      return /^(CERT_|ERR_TLS_|ERR_SSL_)/.test(code) ? `TLS error (${code})` : undefined;
  }
}

/** The common network failures as short texts; the error's own message otherwise. */
export function describeNetworkError(error: unknown, host: string): string {
  const code = errorCode(error);
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'connection reset';
    case 'ENOTFOUND':
      return `host ${host} not found`;
    case 'EAI_AGAIN':
      return `DNS lookup for ${host} failed (temporary)`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'host unreachable';
    case 'ETIMEDOUT':
      return 'connection timed out';
    case 'ERR_SOCKET_BAD_PORT':
      return 'invalid port';
    case 'EPROTO':
      return /wrong version number|packet length too long/.test(errorMessage(error))
        ? 'TLS handshake failed (the server does not speak TLS on this port)'
        : 'TLS handshake failed';
    case undefined:
      return shortText(errorMessage(error));
    default:
      return describeTlsError(code, { host }) ?? shortText(`${errorMessage(error)} (${code})`);
  }
}

const roundTenth = (ms: number): number => Math.round(ms * 10) / 10;

/**
 * Runs one check under a hard deadline and turns whatever happens into a `ProbeResult`.
 *
 * `work` gets a signal that aborts when the deadline passes or `signal` aborts; it must then
 * release what it holds (destroy its socket) — its own promise is no longer waited for. Errors it
 * throws are described by `describe`.
 */
export async function runCheck(
  target: ProbeTarget,
  signal: AbortSignal | undefined,
  work: (signal: AbortSignal) => Promise<CheckOutcome>,
  describe: (error: unknown) => string,
): Promise<ProbeResult> {
  const started = performance.now();
  const finish = (outcome: CheckOutcome): ProbeResult => {
    const latencyMs = roundTenth(performance.now() - started);
    const ok = outcome.error === null;
    const degraded = ok && target.degradedAfterMs !== null && latencyMs > target.degradedAfterMs;
    return {
      ok,
      degraded,
      latencyMs,
      error: outcome.error,
      certificateExpiresAt: outcome.certificateExpiresAt,
    };
  };
  if (signal?.aborted) return finish({ error: 'check cancelled', certificateExpiresAt: null });

  const timeout = new ProbeTimeout(target.timeoutMs);
  const controller = new AbortController();
  // Created before `work` runs, so its listener is the first to see the abort.
  const stopped = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason as Error), {
      once: true,
    });
  });
  const timer = setTimeout(() => controller.abort(timeout), target.timeoutMs);
  const cancel = (): void => controller.abort(new Error('check cancelled'));
  signal?.addEventListener('abort', cancel, { once: true });
  try {
    return finish(await Promise.race([work(controller.signal), stopped]));
  } catch (error) {
    // Once the deadline or the caller has stopped the check, its reason wins over the error that
    // the stop itself caused (a destroyed socket reports a reset).
    if (controller.signal.aborted) {
      const reason: unknown = controller.signal.reason;
      const text = reason === timeout ? timeout.message : 'check cancelled';
      return finish({ error: text, certificateExpiresAt: null });
    }
    return finish({ error: describe(error), certificateExpiresAt: null });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', cancel);
  }
}
