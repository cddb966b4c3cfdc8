import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_LIMIT } from '../../src/app/auth.ts';
import { SESSION_COOKIE } from '../../src/http/kit.ts';
import { createTestApp, ENGINES, PASSWORD, type TestApp } from './harness.ts';

describe.each(ENGINES)('accounts and access (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t.close());

  it('renews the session id at sign-in and ends it at sign-out', async () => {
    const admin = await t.user('epao-admin');
    const again = await t.request('POST', '/api/v1/auth/sign-in', { cookie: admin.cookie, body: { email: admin.email, password: PASSWORD } });
    const renewed = again.cookies.find((c) => c.name === SESSION_COOKIE)?.value as string;
    expect(renewed).toBeTruthy();
    expect(renewed).not.toBe(admin.cookie);
    expect((await t.request('GET', '/api/v1/me', { cookie: admin.cookie })).statusCode).toBe(401);
    expect((await t.request('GET', '/api/v1/me', { cookie: renewed })).json().user.role).toBe('epao-admin');
    expect((await t.request('POST', '/api/v1/auth/sign-out', { cookie: renewed })).statusCode).toBe(204);
    expect((await t.request('GET', '/api/v1/me', { cookie: renewed })).statusCode).toBe(401);
    const sessions = await t.ctx.db.selectFrom('sessions').select('idHash').execute();
    expect(sessions.map((s) => s.idHash)).not.toContain(createHash('sha256').update(renewed).digest('hex'));
  });

  it('refuses a wrong password without saying which part was wrong, and limits failures in the database', async () => {
    const user = await t.user('employer');
    for (let i = 0; i < SIGN_IN_LIMIT.failures; i++) {
      const r = await t.request('POST', '/api/v1/auth/sign-in', { body: { email: user.email, password: 'wrong' } });
      expect([r.statusCode, r.json().code]).toEqual([401, 'BAD_CREDENTIALS']);
    }
    const blocked = await t.request('POST', '/api/v1/auth/sign-in', { body: { email: user.email, password: PASSWORD } });
    expect([blocked.statusCode, blocked.json().code]).toEqual([429, 'TOO_MANY_ATTEMPTS']);
    const unknown = await t.request('POST', '/api/v1/auth/sign-in', { body: { email: 'nobody@test.invalid', password: 'x' } });
    expect(unknown.json().code).toBe('BAD_CREDENTIALS');
    // The count lives in the database: a second server on the same database sees it too.
    const rows = await t.ctx.db.selectFrom('signInAttempts').select('succeeded').where('email', '=', user.email).execute();
    expect(rows.filter((r) => !r.succeeded)).toHaveLength(SIGN_IN_LIMIT.failures);
  });

  it('issues API tokens shown once, stored only as SHA-256, and revocable', async () => {
    const provider = await t.user('provider');
    const created = await t.request('POST', '/api/v1/tokens', { cookie: provider.cookie, body: { name: 'MIS nightly sync' } });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    expect(token).toMatch(/^cap_[A-Za-z0-9_-]{40,}$/);
    const stored = await t.ctx.db.selectFrom('apiTokens').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(token);
    const me = await t.request('GET', '/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
    expect(me.json().user).toMatchObject({ role: 'provider', userId: provider.id });
    expect((await t.request('DELETE', `/api/v1/tokens/${id}`, { cookie: provider.cookie })).statusCode).toBe(204);
    expect((await t.request('GET', '/api/v1/me', { headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
    const employer = await t.user('employer');
    expect((await t.request('POST', '/api/v1/tokens', { cookie: employer.cookie, body: { name: 'x' } })).statusCode).toBe(403);
  });
});
