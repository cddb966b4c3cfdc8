// The database: PostgreSQL, always (DESIGN §3) — the server in DATABASE_URL, or the
// embedded one Capstone runs itself (store/embedded-postgres.ts), reached the same way.
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PreparedClient } from './prepared-client.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

export type DatabaseHandle = { db: Db; url: string; close(): Promise<void> };

// Dates stay calendar dates (YYYY-MM-DD), as the rules take them.
pg.types.setTypeParser(1082, (value: string) => value);
// bigint counters fit in a JS number here (audit sequence numbers).
pg.types.setTypeParser(20, (value: string) => Number(value));

/**
 * How long a request waits for a connection (a new one, or a free one from a busy pool)
 * before it is answered 503: during an outage requests fail fast instead of hanging.
 */
export const CONNECT_TIMEOUT_MS = 5_000;

export type DatabaseOptions = { url: string; poolSize?: number; connectTimeoutMs?: number };

export function openDatabase(options: DatabaseOptions): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
    Client: PreparedClient,
  });
  // An idle connection the server ends (a restart, a failover, a dropped database) is
  // discarded by the pool; without a listener its error would crash the process. One in
  // use is covered by PreparedClient's own listener.
  pool.on('error', (error: Error & { code?: string }) => {
    if (error.code !== '57P01') console.error(`database connection lost: ${error.message}`);
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
  return { db, url: options.url, close: () => db.destroy() };
}
