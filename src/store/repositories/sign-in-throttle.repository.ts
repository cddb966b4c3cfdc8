// The sign-in throttle's counter rows: locked in key order (made if missing), written back,
// and forgotten once their failures are old.
import { sql } from 'kysely';
import type { ThrottleCounter } from '../../domain/access/sign-in-throttle.ts';
import type { Db } from '../database.ts';

/** Locks the rows of `keys` (made if missing) and returns their counters by key. */
export async function lockCounters(tx: Db, keys: readonly string[], now: Date): Promise<Map<string, ThrottleCounter>> {
  const rows = await tx
    .insertInto('signInThrottle')
    .values(keys.map((key) => ({ key, failures: 0, lastFailureAt: now, blockedUntil: null })))
    // A no-op update, so an existing row is locked and returned as it is.
    .onConflict((oc) => oc.column('key').doUpdateSet({ key: (eb) => eb.ref('excluded.key') }))
    .returningAll()
    .execute();
  return new Map(
    rows.map((r) => [r.key, { failures: r.failures, lastFailureAt: new Date(r.lastFailureAt), blockedUntil: r.blockedUntil && new Date(r.blockedUntil) }]),
  );
}

/** The counter as it now stands; none (a clean slate) deletes its row. */
export async function writeCounter(tx: Db, key: string, counter: ThrottleCounter | null): Promise<void> {
  if (!counter) {
    await tx.deleteFrom('signInThrottle').where('key', '=', key).execute();
    return;
  }
  await tx
    .updateTable('signInThrottle')
    .set({ failures: counter.failures, lastFailureAt: counter.lastFailureAt, blockedUntil: counter.blockedUntil })
    .where('key', '=', key)
    .execute();
}

/** Deletes counters whose last failure is before `cutoff` and that block no longer, skipping rows a sign-in holds. */
export async function deleteForgottenCounters(db: Db, cutoff: Date, now: Date): Promise<void> {
  await sql`
    delete from sign_in_throttle where key in (
      select key from sign_in_throttle
      where last_failure_at < ${cutoff} and (blocked_until is null or blocked_until <= ${now})
      for update skip locked
    )`.execute(db);
}
