// The sign-in throttle's counters in the database (DESIGN §6: nothing held in one process).
// An attempt is reserved in a short transaction that locks the three counter rows (in key
// order, so two reservations cannot deadlock) before any password is checked; the rule
// itself is domain/access/sign-in-throttle.ts.
import { afterSuccess, reserveAttempt, SIGN_IN_THROTTLE, type ThrottleCounter, type ThrottleScope, waitPhrase } from '../domain/access/sign-in-throttle.ts';
import type { Db } from '../store/database.ts';
import { deleteForgottenCounters, lockCounters, writeCounter } from '../store/repositories/sign-in-throttle.repository.ts';
import { inTransaction } from '../store/transaction.ts';
import type { AppContext } from './context.ts';
import { Throttled } from './errors.ts';

type Keyed = { scope: ThrottleScope; key: string };

/** The counters an attempt on `email` from `address` counts against, in lock order. */
export function throttleKeys(email: string, address: string): Keyed[] {
  const keys: Keyed[] = [
    { scope: 'account', key: `account:${email}` },
    { scope: 'address', key: `address:${address}` },
    // JSON, so no address and email can run together into another pair's key.
    { scope: 'pair', key: `pair:${JSON.stringify([address, email])}` },
  ];
  return keys.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * Counts one attempt as a failure before its password is checked, or refuses it with 429
 * TOO_MANY_ATTEMPTS (Retry-After in `details.retryAfterSeconds`) and counts nothing.
 */
export async function reserveSignIn(ctx: AppContext, email: string, address: string): Promise<void> {
  const now = ctx.now();
  const keys = throttleKeys(email, address);
  await inTransaction(ctx.db, async (trx) => {
    const counters = await lockCounters(
      trx,
      keys.map((k) => k.key),
      now,
    );
    const decisions = keys.map((k) => ({ ...k, decision: reserveAttempt(k.scope, counters.get(k.key) as ThrottleCounter, now) }));
    const waits = decisions.flatMap((d) => (d.decision.allowed ? [] : [d.decision.retryAfterSeconds]));
    // Refused inside the transaction, so nothing is counted (the rows just made go too):
    // waiting out the refusal is enough.
    if (waits.length > 0) {
      const seconds = Math.max(...waits);
      throw new Throttled('TOO_MANY_ATTEMPTS', `too many failed sign-ins: try again in ${waitPhrase(seconds)}`, seconds);
    }
    for (const d of decisions) if (d.decision.allowed) await writeCounter(trx, d.key, d.decision.next);
  });
}

/** The reserved attempt was the right password: the pair starts again, the others get it back. */
export async function settleSuccess(trx: Db, email: string, address: string, now: Date): Promise<void> {
  const keys = throttleKeys(email, address);
  const counters = await lockCounters(
    trx,
    keys.map((k) => k.key),
    now,
  );
  for (const k of keys) await writeCounter(trx, k.key, afterSuccess(k.scope, counters.get(k.key) as ThrottleCounter));
}

/**
 * Deletes counters that have forgotten their failures (each is deleted once, so the work
 * is what failures made), skipping any row a sign-in holds: this never waits, and never
 * deadlocks with one.
 */
export async function forgetOldCounters(ctx: AppContext): Promise<void> {
  const now = ctx.now();
  const cutoff = new Date(now.getTime() - SIGN_IN_THROTTLE.windowMinutes * 60_000);
  await deleteForgottenCounters(ctx.db, cutoff, now);
}
