// How failed sign-ins are throttled, as a pure rule over three counters. The store locks
// the counters' rows, asks `reserveAttempt` before a password is checked and writes back
// what it returns, so parallel requests are counted one after another (src/app/sign-in-throttle.ts).

/**
 * The policy, and why:
 *
 * - `pair`: one account from one client address. After 5 failures (within a window that
 *   ends 15 minutes after the last failure) that pair is refused for 15 minutes. This is
 *   what stops one guesser; the account's owner, at another address, is not the pair.
 * - `address`: one client address across every account. 50 failures lock the address for
 *   15 minutes: it stops one machine spraying a common password over many accounts (at
 *   most about 200 guesses an hour), while an office or college behind one address, whose
 *   people mistype now and then, stays well under it.
 * - `account`: one account from every address. No hard lock, which anyone could trigger
 *   to keep the owner out; instead, from the 5th failure on, each failure makes the next
 *   attempt wait 1 s, doubling to at most 30 s. A guesser with many addresses gets about
 *   two guesses a minute; the owner waits at most 30 s.
 *
 * A failure is forgotten when its counter has seen none for the window. An attempt is
 * counted as a failure before its password is checked, and given back if it succeeds,
 * so no number of parallel requests checks more passwords than the limits allow.
 */
export const SIGN_IN_THROTTLE = {
  windowMinutes: 15,
  pair: { failures: 5 },
  address: { failures: 50 },
  account: { freeFailures: 5, firstDelaySeconds: 1, maxDelaySeconds: 30 },
} as const;

export type ThrottleScope = 'pair' | 'address' | 'account';

/** One counter's state: failures since the window began, and until when it refuses. */
export type ThrottleCounter = { failures: number; lastFailureAt: Date; blockedUntil: Date | null };

export type Reservation = { allowed: true; next: ThrottleCounter } | { allowed: false; retryAfterSeconds: number };

const WINDOW_MS = SIGN_IN_THROTTLE.windowMinutes * 60_000;

/** The delay an account's `failures`-th failure imposes on its next attempt (0 for none). */
export function accountDelaySeconds(failures: number): number {
  const { freeFailures, firstDelaySeconds, maxDelaySeconds } = SIGN_IN_THROTTLE.account;
  if (failures < freeFailures) return 0;
  return Math.min(firstDelaySeconds * 2 ** Math.min(failures - freeFailures, 30), maxDelaySeconds);
}

function blockedUntilAfter(scope: ThrottleScope, failures: number, now: Date): Date | null {
  switch (scope) {
    case 'pair':
      return failures >= SIGN_IN_THROTTLE.pair.failures ? new Date(now.getTime() + WINDOW_MS) : null;
    case 'address':
      return failures >= SIGN_IN_THROTTLE.address.failures ? new Date(now.getTime() + WINDOW_MS) : null;
    case 'account': {
      const delay = accountDelaySeconds(failures);
      return delay > 0 ? new Date(now.getTime() + delay * 1000) : null;
    }
  }
}

/** Whole seconds until `until`, at least 1 (what Retry-After says). */
const secondsUntil = (until: Date, now: Date) => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));

/** Whether one more attempt may be checked now and, if so, the counter with it counted as a failure. */
export function reserveAttempt(scope: ThrottleScope, counter: ThrottleCounter, now: Date): Reservation {
  if (counter.blockedUntil && counter.blockedUntil > now) return { allowed: false, retryAfterSeconds: secondsUntil(counter.blockedUntil, now) };
  const forgotten = now.getTime() - counter.lastFailureAt.getTime() >= WINDOW_MS;
  const failures = (forgotten ? 0 : counter.failures) + 1;
  return { allowed: true, next: { failures, lastFailureAt: now, blockedUntil: blockedUntilAfter(scope, failures, now) } };
}

/**
 * The counter once a reserved attempt proved to be the right password. The pair starts
 * again (the owner is at that address); the others give back the one attempt only, so an
 * owner's success does not hand a guesser elsewhere a fresh allowance. An account's
 * delay stays: it only slows the next attempt by seconds.
 */
export function afterSuccess(scope: ThrottleScope, counter: ThrottleCounter): ThrottleCounter | null {
  if (scope === 'pair') return null;
  const failures = Math.max(0, counter.failures - 1);
  if (scope === 'address') return { ...counter, failures, blockedUntil: failures >= SIGN_IN_THROTTLE.address.failures ? counter.blockedUntil : null };
  return { ...counter, failures };
}

/** "15 minutes", "30 seconds": how long to wait, for a person. */
export function waitPhrase(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
