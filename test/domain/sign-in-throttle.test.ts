import { describe, expect, it } from 'vitest';
import {
  accountDelaySeconds,
  afterSuccess,
  reserveAttempt,
  SIGN_IN_THROTTLE,
  type ThrottleCounter,
  type ThrottleScope,
  waitPhrase,
} from '../../src/domain/access/sign-in-throttle.ts';

const T0 = new Date('2026-01-05T12:00:00Z');
const later = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const fresh: ThrottleCounter = { failures: 0, lastFailureAt: T0, blockedUntil: null };

/** Reserves `n` attempts at `now`, each one failing, and returns the counter after them. */
function fail(scope: ThrottleScope, n: number, from: ThrottleCounter = fresh, now = T0): ThrottleCounter {
  let counter = from;
  for (let i = 0; i < n; i++) {
    const r = reserveAttempt(scope, counter, now);
    if (!r.allowed) throw new Error(`refused at ${i + 1}`);
    counter = r.next;
  }
  return counter;
}

describe('the sign-in throttle', () => {
  it('locks an (account, address) pair for the window after its limit of failures', () => {
    const locked = fail('pair', SIGN_IN_THROTTLE.pair.failures);
    expect(reserveAttempt('pair', locked, later(1))).toEqual({ allowed: false, retryAfterSeconds: SIGN_IN_THROTTLE.windowMinutes * 60 - 1 });
    const reopened = reserveAttempt('pair', locked, later(SIGN_IN_THROTTLE.windowMinutes * 60));
    expect(reopened).toMatchObject({ allowed: true, next: { failures: 1, blockedUntil: null } });
  });

  it('locks an address across accounts only at its higher limit', () => {
    expect(SIGN_IN_THROTTLE.address.failures).toBeGreaterThan(SIGN_IN_THROTTLE.pair.failures);
    const nearly = fail('address', SIGN_IN_THROTTLE.address.failures - 1);
    expect(nearly.blockedUntil).toBeNull();
    expect(reserveAttempt('address', fail('address', 1, nearly), T0).allowed).toBe(false);
  });

  it('never locks an account outright: each failure from the fifth on delays the next attempt, doubling to 30 s', () => {
    expect([4, 5, 6, 7, 8, 9, 10, 11, 50].map(accountDelaySeconds)).toEqual([0, 1, 2, 4, 8, 16, 30, 30, 30]);
    let counter = fail('account', 5);
    let now = T0;
    for (const expected of [1, 2, 4, 8, 16, 30, 30]) {
      const refused = reserveAttempt('account', counter, now);
      expect(refused).toEqual({ allowed: false, retryAfterSeconds: expected });
      now = new Date(now.getTime() + expected * 1000);
      counter = fail('account', 1, counter, now);
    }
  });

  it('forgets failures after a window with none', () => {
    const four = fail('pair', 4);
    expect(reserveAttempt('pair', four, later(SIGN_IN_THROTTLE.windowMinutes * 60 - 1))).toMatchObject({ next: { failures: 5 } });
    expect(reserveAttempt('pair', four, later(SIGN_IN_THROTTLE.windowMinutes * 60))).toMatchObject({ next: { failures: 1 } });
  });

  it('gives a successful attempt back: the pair starts again, the address and account lose one failure', () => {
    expect(afterSuccess('pair', fail('pair', 3))).toBeNull();
    expect(afterSuccess('account', fail('account', 5))).toMatchObject({ failures: 4 });
    // The attempt that reached the address's limit was the right password: no lock.
    const atLimit = fail('address', SIGN_IN_THROTTLE.address.failures);
    expect(atLimit.blockedUntil).not.toBeNull();
    expect(afterSuccess('address', atLimit)).toMatchObject({ failures: SIGN_IN_THROTTLE.address.failures - 1, blockedUntil: null });
  });

  it('says how long to wait in words', () => {
    expect([1, 30, 60, 61, 900].map(waitPhrase)).toEqual(['1 second', '30 seconds', '1 minute', '2 minutes', '15 minutes']);
  });
});
