// The SQL each repository method generates, written to a file beside its test and checked
// in: a query change shows in review, and CI (which never writes snapshots) fails on one
// that was not committed. The queries are compiled by Kysely's PostgreSQL compiler over a
// driver that answers every query with no rows, so no database is needed; a method that
// throws on "no row" still records the queries it made before that.
import { CamelCasePlugin, DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { expect } from 'vitest';
import type { Db } from '../../src/store/database.ts';
import type { Database } from '../../src/store/schema.ts';

type Call = (db: Db) => Promise<unknown>;

/** Runs each named call against a recording database and returns one SQL listing. */
export async function sqlOf(calls: Record<string, Call>): Promise<string> {
  const out: string[] = [];
  for (const [name, call] of Object.entries(calls)) {
    const seen: string[] = [];
    const db = recordingDb((sql) => seen.push(sql));
    try {
      await call(db);
    } catch {
      // No rows: the queries made up to here are what this method sends.
    }
    out.push(`-- ${name}\n${seen.map((s) => `${s};`).join('\n') || '-- (no query)'}\n`);
  }
  return out.join('\n');
}

/** A database that compiles for PostgreSQL, answers every query with no rows, and tells `seen` each statement. */
export function recordingDb(seen: (sql: string, parameters: readonly unknown[]) => void): Db {
  return new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
    plugins: [new CamelCasePlugin()],
    log: (event) => {
      if (event.level === 'query') seen(event.query.sql, event.query.parameters);
    },
  });
}

/** Compares a repository's SQL with its checked-in snapshot (`__snapshots__/<name>.sql` beside the test). */
export async function expectSqlSnapshot(name: string, calls: Record<string, Call>): Promise<void> {
  await expect(await sqlOf(calls)).toMatchFileSnapshot(`./__snapshots__/${name}.sql`);
}
