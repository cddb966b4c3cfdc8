import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SIGN_IN_LIMIT } from '../../src/app/auth.ts';
import { SIGN_IN_THROTTLE } from '../../src/domain/access/sign-in-throttle.ts';
import { createTestApp, ENGINES, PASSWORD, type TestApp } from './harness.ts';

// Every argon2 verification sign-in makes, counted: the real function, watched.
const checks = vi.hoisted(() => ({ count: 0 }));
vi.mock('@node-rs/argon2', async (importOriginal) => {
  const real = await importOriginal<typeof import('@node-rs/argon2')>();
  return {
    ...real,
    verify: (...args: Parameters<typeof real.verify>) => {
      checks.count++;
      return real.verify(...args);
    },
  };
});

describe.each(ENGINES)('sign-in throttling (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t.close());

  const signIn = (email: string, password: string, remoteAddress: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password }, remoteAddress });

  /** Runs `fn` with the clock `seconds` ahead of the test's own. */
  async function later<T>(seconds: number, fn: () => Promise<T>): Promise<T> {
    const base = t.ctx.now;
    t.ctx.now = () => new Date(base().getTime() + seconds * 1000);
    try {
      return await fn();
    } finally {
      t.ctx.now = base;
    }
  }

  it('checks at most the limit of passwords however many arrive at once, and lets no right one through during the lock', async () => {
    const user = await t.user('employer');
    checks.count = 0;
    const burst = await Promise.all(Array.from({ length: 51 }, (_, i) => signIn(user.email, i === 25 ? PASSWORD : `wrong guess ${i}`, '10.0.1.1')));
    expect(checks.count).toBeLessThanOrEqual(SIGN_IN_LIMIT.failures);
    const statuses = burst.map((r) => r.statusCode);
    expect(statuses).not.toContain(200);
    expect(statuses[25]).toBe(429);
    expect(statuses.filter((s) => s === 401)).toHaveLength(checks.count);
    expect(statuses.filter((s) => s === 429)).toHaveLength(51 - checks.count);
    for (const r of burst.filter((r) => r.statusCode === 429)) {
      expect(r.json()).toMatchObject({
        code: 'TOO_MANY_ATTEMPTS',
        detail: expect.stringMatching(/^too many failed sign-ins: try again in \d+ (minutes|seconds?)$/),
      });
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    }
  });

  it('does not let a guesser lock the owner out: the owner, at another address, gets in after at most a short wait', async () => {
    const victim = await t.user('provider');
    for (let i = 0; i < SIGN_IN_LIMIT.failures; i++) expect((await signIn(victim.email, `guess ${i}`, '10.0.2.66')).statusCode).toBe(401);
    // The guesser's address is locked for this account for the window, right password or not.
    const guesser = await signIn(victim.email, PASSWORD, '10.0.2.66');
    expect(guesser.statusCode).toBe(429);
    expect(Number(guesser.headers['retry-after'])).toBe(SIGN_IN_THROTTLE.windowMinutes * 60);

    // The owner is at most slowed by the account's delay, which is seconds.
    const first = await signIn(victim.email, PASSWORD, '10.0.2.1');
    const wait = first.statusCode === 429 ? Number(first.headers['retry-after']) : 0;
    expect(wait).toBeLessThanOrEqual(SIGN_IN_THROTTLE.account.maxDelaySeconds);
    const owner = await later(wait, () => signIn(victim.email, PASSWORD, '10.0.2.1'));
    expect(owner.statusCode).toBe(200);
    expect(owner.json().user.userId).toBe(victim.id);
    // ...while the guesser is still locked out.
    expect((await later(wait + 60, () => signIn(victim.email, PASSWORD, '10.0.2.66'))).statusCode).toBe(429);
  });

  it('locks an address that fails across many accounts, and only that address', async () => {
    const user = await t.user('employer');
    const sprayed = await Promise.all(
      Array.from({ length: SIGN_IN_THROTTLE.address.failures }, (_, i) => signIn(`someone${i}@spray.test.invalid`, 'Summer2026!', '10.0.3.3')),
    );
    expect(sprayed.map((r) => r.statusCode)).toEqual(sprayed.map(() => 401));
    const locked = await signIn(user.email, PASSWORD, '10.0.3.3');
    expect([locked.statusCode, locked.json().code]).toEqual([429, 'TOO_MANY_ATTEMPTS']);
    expect(Number(locked.headers['retry-after'])).toBe(SIGN_IN_THROTTLE.windowMinutes * 60);
    expect((await signIn(user.email, PASSWORD, '10.0.3.4')).statusCode).toBe(200);
  });

  it('checks a password for an unknown email as for a known one, with the same answer', async () => {
    const user = await t.user('employer');
    checks.count = 0;
    const known = await signIn(user.email, 'not the password', '10.0.4.1');
    expect(checks.count).toBe(1);
    const unknown = await signIn('no.such.person@test.invalid', 'not the password', '10.0.4.1');
    expect(checks.count).toBe(2);
    expect([unknown.statusCode, unknown.json().code]).toEqual([401, 'BAD_CREDENTIALS']);
    expect(unknown.json()).toEqual(known.json());
  });

  it('forgets counters once a window has passed without a failure, so guessed emails do not pile up', async () => {
    const counters = async () =>
      (
        await t.ctx.db
          .selectFrom('signInThrottle')
          .select('key')
          .where((eb) => eb.or([eb('key', 'like', '%10.0.6.%'), eb('key', 'like', 'account:%@forgotten.test.invalid')]))
          .execute()
      )
        .map((c) => c.key)
        .sort();
    await signIn('made.up@forgotten.test.invalid', 'x', '10.0.6.1');
    expect(await counters()).toEqual(['account:made.up@forgotten.test.invalid', 'address:10.0.6.1', 'pair:["10.0.6.1","made.up@forgotten.test.invalid"]']);
    await later(SIGN_IN_THROTTLE.windowMinutes * 60 + 1, () => signIn('another@forgotten.test.invalid', 'x', '10.0.6.2'));
    expect(await counters()).toEqual(['account:another@forgotten.test.invalid', 'address:10.0.6.2', 'pair:["10.0.6.2","another@forgotten.test.invalid"]']);
  });

  it('throttles the sign-in page by the client address too, with Retry-After and how long to wait', async () => {
    const user = await t.user('iqa');
    const page = await t.app.inject({ method: 'GET', url: '/sign-in', remoteAddress: '10.0.5.5' });
    const presession = page.cookies.find((c) => c.name === 'capstone_presession')?.value as string;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] as string;
    const post = (password: string, remoteAddress: string) =>
      t.app.inject({
        method: 'POST',
        url: '/sign-in',
        remoteAddress,
        cookies: { capstone_presession: presession },
        payload: new URLSearchParams({ _csrf: csrf, email: user.email, password }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    for (let i = 0; i < SIGN_IN_LIMIT.failures; i++) expect((await post(`guess ${i}`, '10.0.5.5')).statusCode).toBe(401);
    const refused = await post(PASSWORD, '10.0.5.5');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe(String(SIGN_IN_THROTTLE.windowMinutes * 60));
    expect(refused.body).toContain(`Wait ${SIGN_IN_THROTTLE.windowMinutes} minutes, then try again`);
    // The page passed the client's address: from another one, the owner gets in.
    const owner = await later(SIGN_IN_THROTTLE.account.maxDelaySeconds, () => post(PASSWORD, '10.0.5.6'));
    expect([owner.statusCode, owner.headers.location]).toEqual([303, '/iqa']);
    const logged = await t.ctx.db.selectFrom('signInAttempts').select(['address', 'succeeded']).where('email', '=', user.email).execute();
    expect(logged.filter((a) => !a.succeeded).map((a) => a.address)).toEqual(Array(SIGN_IN_LIMIT.failures).fill('10.0.5.5'));
  });
});
