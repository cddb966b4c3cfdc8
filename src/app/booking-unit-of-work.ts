// How a booking change is done: a new booking optimistically (decided over facts read without
// locks, written only if its record has not moved on), a move or a cancellation in a
// transaction that locks what it reads, and a dry run (the pages' check) with nothing written
// or locked. src/app/bookings.ts decides what each change is; this decides how it is run.
import type { Db } from '../store/database.ts';
import { inTransaction } from '../store/transaction.ts';
import type { AppContext } from './context.ts';

/**
 * `dryRun`: the same facts and the same decision as the real call, with nothing written and
 * nothing locked; it refuses exactly as the real call would, or returns what the real call
 * would have returned (a new booking's id names no row). The pages show the engine's
 * verdict this way before anyone confirms, so the checks live once.
 */
export type BookingChangeOptions = { dryRun?: boolean };

/** The work, in a transaction that locks what it reads, or (a dry run) straight on the pool, locking nothing. */
export function unitOfWork<T>(ctx: AppContext, options: BookingChangeOptions, work: (db: Db, lock: boolean) => Promise<T>): Promise<T> {
  if (options.dryRun) return work(ctx.db, false);
  return inTransaction(ctx.db, (tx) => work(tx, true));
}

/** How a new booking is decided and written: see `optimistically`. */
export type BookingMode = 'dry-run' | 'unlocked' | 'locked';
const UNLOCKED_TRIES = 3;

/**
 * A new booking is decided over facts read without locks or a transaction and written in one
 * statement only if its record has not moved on since (its version and count of booking
 * changes), which `attempt` reports by returning nothing. After a few lost races it is decided
 * once more inside a transaction that locks what it reads, which cannot lose. The common case
 * is three statements and no locks.
 */
export async function optimistically<T>(
  ctx: AppContext,
  options: BookingChangeOptions,
  attempt: (db: Db, mode: BookingMode) => Promise<T | undefined>,
): Promise<T> {
  if (options.dryRun) return cannotHaveMovedOn(await attempt(ctx.db, 'dry-run'));
  for (let i = 0; i < UNLOCKED_TRIES; i++) {
    const done = await attempt(ctx.db, 'unlocked');
    if (done !== undefined) return done;
  }
  return inTransaction(ctx.db, async (tx) => cannotHaveMovedOn(await attempt(tx, 'locked')));
}

/** What a change made under lock wrote (or a dry run would): its record cannot have moved on meanwhile. */
export function cannotHaveMovedOn<T>(row: T | undefined): T {
  if (row === undefined) throw new Error('a booking change made under lock found its record moved on');
  return row;
}
