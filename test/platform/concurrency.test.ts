import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validUln } from '../helpers.ts';
import { createTestApp, ENGINES, type TestApp } from './harness.ts';

describe.each(ENGINES)('racing requests (%s)', (engine) => {
  let t: TestApp;
  let provider: { cookie: string };
  let employerId: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const providerId = await t.organisation('provider');
    employerId = await t.organisation('employer');
    provider = await t.user('provider', { organisationId: providerId });
  });
  afterAll(() => t.close());

  const registration = (uln: string) => ({
    uln,
    givenNames: 'Grace',
    familyName: 'Hopper',
    dateOfBirth: '2004-12-09',
    employerId,
    standard: 'ST0071@1.2',
    policy: null,
    startDate: '2024-09-02',
  });

  it('N parallel retries with one Idempotency-Key create one record and all get its answer', async () => {
    const uln = validUln(510000000);
    const responses = await Promise.all(
      Array.from({ length: 8 }, () =>
        t.request('POST', '/api/v1/records', { cookie: provider.cookie, body: registration(uln), headers: { 'idempotency-key': 'retry-1' } }),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    expect(new Set(responses.map((r) => r.json().id)).size).toBe(1);
    const rows = await t.ctx.db.selectFrom('epaRecords').select('id').where('uln', '=', uln).execute();
    expect(rows).toHaveLength(1);
  });

  it('refuses a reused key with a different request', async () => {
    const first = await t.request('POST', '/api/v1/records', {
      cookie: provider.cookie,
      body: registration(validUln(520000000)),
      headers: { 'idempotency-key': 'retry-2' },
    });
    expect(first.statusCode).toBe(201);
    const other = await t.request('POST', '/api/v1/records', {
      cookie: provider.cookie,
      body: registration(validUln(530000000)),
      headers: { 'idempotency-key': 'retry-2' },
    });
    expect([other.statusCode, other.json().code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
  });

  it('parallel registrations of one ULN without a key: one wins, the other is a 409', async () => {
    const uln = validUln(540000000);
    const responses = await Promise.all([1, 2].map(() => t.request('POST', '/api/v1/records', { cookie: provider.cookie, body: registration(uln) })));
    expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 409]);
  });

  it('two stale updates: one succeeds, the other gets 409, nothing is overwritten', async () => {
    const created = await t.request('POST', '/api/v1/records', { cookie: provider.cookie, body: registration(validUln(550000000)) });
    const { id, version } = created.json();
    const [a, b] = await Promise.all([
      t.request('PATCH', `/api/v1/records/${id}`, { cookie: provider.cookie, body: { version, adjustments: 'extra time 25%', extraTimePercent: 25 } }),
      t.request('PATCH', `/api/v1/records/${id}`, { cookie: provider.cookie, body: { version, adjustments: 'a reader', extraTimePercent: 0 } }),
    ]);
    expect([a?.statusCode, b?.statusCode].sort()).toEqual([200, 409]);
    const loser = a?.statusCode === 409 ? a : b;
    expect(loser?.json().code).toBe('STALE_VERSION');
    const winner = a?.statusCode === 200 ? a : b;
    const now = await t.request('GET', `/api/v1/records/${id}`, { cookie: provider.cookie });
    expect(now.json()).toMatchObject({ version: version + 1, adjustments: winner?.json().adjustments });
  });
});
