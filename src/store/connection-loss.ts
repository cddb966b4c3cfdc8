// Whether an error means the database cannot be reached right now (a restart, a failover,
// a network fault) rather than that the request or the code is wrong. Such a request gets
// 503 DATABASE_UNAVAILABLE with Retry-After: its transaction did not commit, and the pool
// connects afresh once the server is back.

/** Socket errors on the way to the server or from it. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * SQLSTATEs of a server that ends or refuses sessions: 57P01 admin_shutdown (a fast or smart
 * shutdown, pg_terminate_backend), 57P02 crash_shutdown, 57P03 cannot_connect_now (starting
 * up, shutting down, in recovery), 53300 too_many_connections. Class 08 (connection
 * exceptions) is matched by its prefix.
 */
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '53300']);

/** What pg and pg-pool say when a connection ends, cannot be made in time, or was lost earlier. */
const MESSAGES = [
  /^Connection terminated( unexpectedly)?$/, // the socket ended under a client
  /^timeout exceeded when trying to connect$/, // pg-pool: no connection within connectionTimeoutMillis
  /^timeout expired$/, // pg's client: the same timeout, met while connecting
  /^Client has encountered a connection error and is not queryable$/, // the ROLLBACK after a lost connection
];

/** Errors inside errors: `cause` (an error wrapped by a use-case) and AggregateError (one per address tried). */
const MAX_INNER = 8;

export function isConnectionLoss(error: unknown): boolean {
  const seen: unknown[] = [error];
  for (let i = 0; i < seen.length && i < MAX_INNER; i++) {
    const e = seen[i] as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown } | null;
    if (e === null || typeof e !== 'object') continue;
    const code = typeof e.code === 'string' ? e.code : '';
    if (SOCKET_CODES.has(code) || SERVER_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
    if (typeof e.message === 'string' && MESSAGES.some((m) => m.test(e.message as string))) return true;
    if (e.cause !== undefined) seen.push(e.cause);
    if (Array.isArray(e.errors)) seen.push(...e.errors);
  }
  return false;
}
