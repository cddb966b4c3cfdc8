// One holder at a time across every Capstone process on the database: a session advisory lock
// held on one connection while `work` runs. A second caller does not wait: it is told the work
// is already under way (null), so a queue run never overlaps another.
import { sql } from 'kysely';
import type { Db } from './database.ts';

export async function whileHolding<T>(db: Db, name: string, work: () => Promise<T>): Promise<{ value: T } | null> {
  return db.connection().execute(async (connection) => {
    const lock = await sql<{ got: boolean }>`select pg_try_advisory_lock(hashtext(${name})) as got`.execute(connection);
    if (!lock.rows[0]?.got) return null;
    try {
      return { value: await work() };
    } finally {
      await sql`select pg_advisory_unlock(hashtext(${name}))`.execute(connection);
    }
  });
}
