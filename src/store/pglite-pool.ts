// PGlite behind the `pg` pool interface Kysely's PostgresDialect expects. PGlite is one
// session, so a connection is an exclusive lease: a transaction holds it from BEGIN to
// COMMIT and nothing else interleaves (embedded mode is one process, DESIGN §6).
import type { PGlite } from '@electric-sql/pglite';

type QueryResult = { command: string; rowCount: number; rows: unknown[] };

export class PGlitePool {
  #db: PGlite;
  #queue: Promise<void> = Promise.resolve();

  constructor(db: PGlite) {
    this.#db = db;
  }

  async connect() {
    let release!: () => void;
    const leased = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = this.#queue;
    this.#queue = previous.then(() => leased);
    await previous;
    const db = this.#db;
    let released = false;
    return {
      async query(sql: string, parameters: readonly unknown[] = []): Promise<QueryResult> {
        const result = await db.query(sql, parameters as unknown[], { rowMode: 'object' });
        const command = sql.trimStart().split(/\s+/, 1)[0]?.toUpperCase() ?? '';
        return { command, rowCount: result.affectedRows ?? result.rows.length, rows: result.rows };
      },
      release() {
        if (released) return;
        released = true;
        release();
      },
    };
  }

  async end(): Promise<void> {
    await this.#queue;
    await this.#db.close();
  }
}
