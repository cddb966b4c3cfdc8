// The one way a use-case opens a unit of work: every read and write inside `work` commits
// together or not at all, so a refusal thrown inside it leaves nothing half-written.
import type { Db } from './database.ts';

/** A connection inside a transaction; repositories take it wherever they take a `Db`. */
export type Tx = Db;

export function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(work);
}
