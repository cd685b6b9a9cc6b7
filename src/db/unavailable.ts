/**
 * Whether an error means "the database cannot be reached right now" (restarting, refused, the
 * connection cut) rather than a bug: such requests get 503 and can simply be retried.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as Error & { code?: unknown }).code;
  if (typeof code === 'string') {
    if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(code)) return true;
    // SQLSTATE 57P01-57P03: admin/crash shutdown, cannot connect now; class 08: connection exception.
    if (/^57P0[1-3]$/.test(code) || code.startsWith('08')) return true;
  }
  return /Connection terminated|terminating connection|the database system is (starting up|shutting down|in recovery mode)/i.test(
    error.message,
  );
}
