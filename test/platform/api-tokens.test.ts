// API tokens a provider's system can live with (issue 10, item 5): named, expiring, scoped,
// listed without their secrets, and made only by a signed-in person.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINES, type TestApp } from './harness.ts';

describe.each(ENGINES)('API tokens (%s)', (engine) => {
  let t: TestApp;
  let provider: { id: string; cookie: string };
  let employerId: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    provider = await t.user('provider');
    employerId = await t.organisation('employer');
  });
  afterAll(() => t.close());

  const make = async (body: Record<string, unknown>, cookie = provider.cookie) => {
    const r = await t.request('POST', '/api/v1/tokens', { cookie, body });
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as { id: string; token: string; name: string; scope: string; createdAt: string; expiresAt: string };
  };
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const tokenCount = async () =>
    Number(
      (
        await t.ctx.db
          .selectFrom('apiTokens')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const registration = (uln: string) => ({
    uln,
    givenNames: 'Ada',
    familyName: 'Lovelace',
    dateOfBirth: '2005-03-01',
    employerId,
    standard: 'ST0071@1.2',
    policy: null,
    startDate: '2024-09-02',
  });

  it('lasts 90 days unless told otherwise, a year at most, and has a name of 1 to 100 characters', async () => {
    t.setToday('2026-01-05');
    const standard = await make({ name: '  MIS nightly sync  ' });
    expect(standard).toMatchObject({ name: 'MIS nightly sync', scope: 'write', createdAt: '2026-01-05T12:00:00.000Z', expiresAt: '2026-04-05T12:00:00.000Z' });
    expect((await make({ name: 'yearly', expiresInDays: 365 })).expiresAt).toBe('2027-01-05T12:00:00.000Z');

    const before = await tokenCount();
    for (const body of [
      { name: 'too long', expiresInDays: 366 },
      { name: '   ' },
      { name: 'x'.repeat(101) },
      { name: 'none', expiresInDays: 0 },
      { name: 'odd', scope: 'admin' },
    ]) {
      const refused = await t.request('POST', '/api/v1/tokens', { cookie: provider.cookie, body });
      expect([refused.statusCode, refused.json().code], JSON.stringify(body)).toEqual([400, 'VALIDATION_FAILED']);
    }
    expect(await tokenCount()).toBe(before);
    const tooLong = await t.request('POST', '/api/v1/tokens', { cookie: provider.cookie, body: { name: 'too long', expiresInDays: 366 } });
    expect(tooLong.json().detail).toContain('365 days');
  });

  it('authenticates no one once expired', async () => {
    t.setToday('2026-01-05');
    const { token } = await make({ name: 'one day', expiresInDays: 1 });
    expect((await t.request('GET', '/api/v1/me', { headers: bearer(token) })).statusCode).toBe(200);
    t.setToday('2026-01-06'); // noon: the moment it expires
    const expired = await t.request('GET', '/api/v1/me', { headers: bearer(token) });
    expect([expired.statusCode, expired.json().code]).toEqual([401, 'UNAUTHENTICATED']);
    // Not even alongside a valid session cookie: a bad token is not a fallback to the cookie.
    expect((await t.request('GET', '/api/v1/me', { cookie: provider.cookie, headers: bearer(token) })).statusCode).toBe(401);
    t.setToday('2026-01-05');
  });

  it('authenticates no one from the moment it is revoked, and the list says when', async () => {
    const { id, token } = await make({ name: 'to revoke' });
    expect((await t.request('GET', '/api/v1/records', { headers: bearer(token) })).statusCode).toBe(200);
    expect((await t.request('DELETE', `/api/v1/tokens/${id}`, { cookie: provider.cookie })).statusCode).toBe(204);
    expect((await t.request('GET', '/api/v1/records', { headers: bearer(token) })).statusCode).toBe(401);
    const listed = (await t.request('GET', '/api/v1/tokens', { cookie: provider.cookie })).json().tokens.find((x: { id: string }) => x.id === id);
    expect(listed.revokedAt).toBe('2026-01-05T12:00:00.000Z');
  });

  it('lets a read token GET but not change anything; a write token may', async () => {
    const read = await make({ name: 'reporting', scope: 'read' });
    expect(read.scope).toBe('read');
    expect((await t.request('GET', '/api/v1/records', { headers: bearer(read.token) })).statusCode).toBe(200);
    expect((await t.request('HEAD', '/api/v1/records', { headers: bearer(read.token) })).statusCode).toBe(200);
    const refused = await t.request('POST', '/api/v1/records', { headers: bearer(read.token), body: registration('1234567899') });
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'TOKEN_SCOPE']);
    const found = await t.request('GET', '/api/v1/records?uln=1234567899', { headers: bearer(read.token) });
    expect(found.json().records).toEqual([]);

    const write = await make({ name: 'sync', scope: 'write' });
    expect((await t.request('POST', '/api/v1/records', { headers: bearer(write.token), body: registration('1234567899') })).statusCode).toBe(201);
  });

  it('cannot make, list or revoke tokens itself', async () => {
    const { id, token } = await make({ name: 'mis' });
    const before = await tokenCount();
    for (const [method, url, body] of [
      ['POST', '/api/v1/tokens', { name: 'successor' }],
      ['GET', '/api/v1/tokens', undefined],
      ['DELETE', `/api/v1/tokens/${id}`, undefined],
    ] as const) {
      const r = await t.request(method, url, { headers: bearer(token), ...(body ? { body } : {}) });
      expect([r.statusCode, r.json().code], `${method} ${url}`).toEqual([403, 'TOKEN_CANNOT_MANAGE_TOKENS']);
    }
    expect(await tokenCount()).toBe(before);
    expect((await t.request('GET', '/api/v1/me', { headers: bearer(token) })).statusCode).toBe(200);
  });

  it("lists the caller's own tokens newest first, never a secret, and stamps lastUsedAt at most once a minute", async () => {
    const other = await t.user('provider');
    await make({ name: 'not yours' }, other.cookie);
    // A session lasts hours, so the owner signs in again on each day.
    t.setToday('2026-02-01');
    const owner = await t.user('provider');
    const older = await make({ name: 'older' }, owner.cookie);
    t.setToday('2026-02-02');
    const cookie = await t.signIn(owner.email);
    const newer = await make({ name: 'newer', scope: 'read' }, cookie);

    const list = async () => {
      const r = await t.request('GET', '/api/v1/tokens', { cookie });
      expect(r.statusCode).toBe(200);
      expect(r.body).not.toContain(older.token);
      expect(r.body).not.toContain(newer.token);
      expect(r.body).not.toMatch(/hash/i);
      return r.json().tokens as Record<string, unknown>[];
    };
    const tokens = await list();
    expect(tokens.map((x) => x.name)).toEqual(['newer', 'older']);
    expect(Object.keys(tokens[0] as object).sort()).toEqual(['createdAt', 'expiresAt', 'id', 'lastUsedAt', 'name', 'revokedAt', 'scope']);
    expect(tokens[0]).toMatchObject({ id: newer.id, scope: 'read', createdAt: '2026-02-02T12:00:00.000Z', lastUsedAt: null, revokedAt: null });

    const lastUsed = async () => (await list()).find((x) => x.id === older.id)?.lastUsedAt;
    expect(await lastUsed()).toBeNull();
    await t.request('GET', '/api/v1/me', { headers: bearer(older.token) });
    expect(await lastUsed()).toBe('2026-02-02T12:00:00.000Z');

    // Within the minute it is not written again; after it, it is.
    const stamp = async (iso: string) => t.ctx.db.updateTable('apiTokens').set({ lastUsedAt: iso }).where('id', '=', older.id).execute();
    await stamp('2026-02-02T11:59:30.000Z');
    await t.request('GET', '/api/v1/me', { headers: bearer(older.token) });
    expect(await lastUsed()).toBe('2026-02-02T11:59:30.000Z');
    await stamp('2026-02-02T11:58:59.000Z');
    await t.request('GET', '/api/v1/me', { headers: bearer(older.token) });
    expect(await lastUsed()).toBe('2026-02-02T12:00:00.000Z');
    t.setToday('2026-01-05');
  });

  it('is made only by the roles that may', async () => {
    const employer = await t.user('employer');
    const r = await t.request('POST', '/api/v1/tokens', { cookie: employer.cookie, body: { name: 'x' } });
    expect(r.statusCode).toBe(403);
    expect((await t.request('GET', '/api/v1/tokens', { cookie: employer.cookie })).statusCode).toBe(403);
  });
});
