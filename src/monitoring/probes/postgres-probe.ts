import net from 'node:net';
import pg from 'pg';
import {
  describeNetworkError,
  describeTlsError,
  type PostgresTarget,
  type ProbeResult,
  runCheck,
  shortText,
} from './probe.js';

/** Shown in pg_stat_activity, so an operator can tell the platform's checks from the client's sessions. */
export const PROBE_APPLICATION_NAME = 'oxygis-monitor';

/** Time given to a polite goodbye (Terminate) after a successful check before the socket is cut. */
const GOODBYE_MS = 1000;

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || (net.isIPv4(host) && host.startsWith('127.'));
}

/**
 * Client instances present a certificate signed by the platform CA naming `localhost` (and their
 * host names); on loopback the certificate is checked against `localhost`. SNI must not be an IP
 * address, so for an IP the certificate is checked against the address itself.
 */
function servername(host: string): string | undefined {
  if (isLoopback(host)) return 'localhost';
  return net.isIP(host) === 0 ? host : undefined;
}

/** PostgreSQL's SQLSTATEs that a monitor meets, as short texts. */
function describeSqlState(code: string, target: PostgresTarget): string | undefined {
  switch (code) {
    case '28P01':
      return 'authentication failed';
    case '28000':
      return 'login refused by the server (pg_hba.conf or role)';
    case '3D000':
      return `database "${target.database}" does not exist`;
    case '57P01':
    case '57P02':
      return 'connection terminated by the server (shutdown or administrator)';
    case '57P03':
      return 'database is starting up or shutting down';
    case '53300':
      return 'too many connections';
    default:
      return undefined;
  }
}

function describePostgresError(error: unknown, target: PostgresTarget): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const message = error instanceof Error ? error.message : String(error);
  const known = describeSqlState(code, target) ?? describeTlsError(code, { host: target.host });
  if (known) return known;
  if (code) return describeNetworkError(error, target.host);
  // pg's own errors carry no code; these are the ones a probe meets.
  if (message === 'timeout expired' || message === 'Query read timeout')
    return `timed out after ${target.timeoutMs} ms`;
  if (message.includes('does not support SSL')) return 'server does not accept TLS connections';
  if (message.includes('error establishing an SSL connection'))
    return 'not a PostgreSQL server (TLS request refused)';
  if (message.startsWith('Connection terminated')) return 'connection closed by the server';
  return shortText(`postgres: ${message}`);
}

/**
 * Logs in to a client's instance over verified TLS with the platform's probe role and runs
 * `select 1`. The connection is always closed; a connection dropped at any moment (even after
 * the check) is a failed check or nothing, never an unhandled 'error' event.
 */
export function probePostgres(target: PostgresTarget, signal?: AbortSignal): Promise<ProbeResult> {
  return runCheck(
    target,
    signal,
    async (stop) => {
      const name = servername(target.host);
      const client = new pg.Client({
        host: target.host,
        port: target.port,
        database: target.database,
        user: target.user,
        password: target.password,
        ssl: { ca: target.ca, ...(name ? { servername: name } : {}) },
        application_name: PROBE_APPLICATION_NAME,
        connectionTimeoutMillis: target.timeoutMs,
        query_timeout: target.timeoutMs,
      });
      // Without a listener, a connection the server drops emits an 'error' that ends the process.
      client.on('error', () => undefined);
      const cut = (): void => void client.connection.stream.destroy();
      stop.addEventListener('abort', cut, { once: true });
      try {
        await client.connect();
        await client.query('select 1');
      } catch (error) {
        cut();
        throw error;
      } finally {
        stop.removeEventListener('abort', cut);
      }
      // Terminate politely (no "connection reset" in the client's log every 30 s), but never wait
      // on a server that does not close its side.
      const goodbye = setTimeout(cut, GOODBYE_MS);
      const done = (): void => clearTimeout(goodbye);
      client.end().then(done, done);
      return { error: null, certificateExpiresAt: null };
    },
    (error) => describePostgresError(error, target),
  );
}
