// The database: embedded PGlite (data in DATA_DIR, default ./data) unless DATABASE_URL
// names a PostgreSQL server. One schema and one SQL dialect for both (DESIGN §3).
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGlitePool } from './pglite-pool.ts';
import { PreparedClient } from './prepared-client.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

/** `pglite` is the embedded instance itself, for pg-boss's executeSql (multi-statement text). */
export type DatabaseHandle = { db: Db; kind: 'pglite' | 'postgres'; pglite?: PGlite; close(): Promise<void> };

// Dates stay calendar dates (YYYY-MM-DD), as the rules take them.
pg.types.setTypeParser(1082, (value: string) => value);
// bigint counters fit in a JS number here (audit sequence numbers).
pg.types.setTypeParser(20, (value: string) => Number(value));

/**
 * How long a request waits for a connection (a new one, or a free one from a busy pool)
 * before it is answered 503: during an outage requests fail fast instead of hanging.
 */
export const CONNECT_TIMEOUT_MS = 5_000;

export type DatabaseOptions = { url?: string; dataDir?: string; memory?: boolean; poolSize?: number; connectTimeoutMs?: number };

export async function openDatabase(options: DatabaseOptions = {}): Promise<DatabaseHandle> {
  if (options.url) {
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
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const lite = await PGlite.create({
    dataDir: options.memory ? undefined : (options.dataDir ?? './data'),
    extensions: { btree_gist },
    parsers: { 1082: (value: string) => value, 20: (value: string) => Number(value) },
  });
  const pool = new PGlitePool(lite);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: pool as unknown as pg.Pool }), plugins: [new CamelCasePlugin()] });
  return { db, kind: 'pglite', pglite: lite, close: () => db.destroy() };
}
