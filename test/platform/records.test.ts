import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINES, type TestApp } from './harness.ts';

describe.each(ENGINES)('registering apprentices (%s)', (engine) => {
  let t: TestApp;
  let admin: { cookie: string };
  let providerUser: { cookie: string };
  let providerId: string;
  let employerId: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await t.user('epao-admin');
    providerId = await t.organisation('provider', 'Northern Training');
    employerId = await t.organisation('employer', 'Acme Retail');
    providerUser = await t.user('provider', { organisationId: providerId });
  });
  afterAll(() => t.close());

  const body = (overrides: Record<string, unknown> = {}) => ({
    uln: '1234567899',
    givenNames: 'Ada',
    familyName: 'Lovelace',
    dateOfBirth: '2005-03-01',
    employerId,
    standard: 'ST0071@1.2',
    policy: 'PAL',
    startDate: '2024-09-02',
    ...overrides,
  });

  it('registers through the API, finds by ULN, and audits it', async () => {
    const created = await t.request('POST', '/api/v1/records', { cookie: providerUser.cookie, body: body() });
    expect(created.statusCode).toBe(201);
    const record = created.json();
    expect(record).toMatchObject({
      status: 'registered',
      standard: 'ST0071@1.2',
      policy: 'PAL',
      version: 1,
      provider: { id: providerId },
      registeredOn: '2026-01-05',
    });
    const found = await t.request('GET', '/api/v1/records?uln=1234567899', { cookie: admin.cookie });
    expect(found.json().records.map((r: { id: string }) => r.id)).toEqual([record.id]);
    const audit = await t.request('GET', '/api/v1/audit/verify', { cookie: admin.cookie });
    expect(audit.json()).toMatchObject({ intact: true, entries: 1 });
  });

  it('refuses a second active record for the same ULN and standard (409)', async () => {
    const again = await t.request('POST', '/api/v1/records', { cookie: admin.cookie, body: body({ providerId, standard: 'ST0071@1.1', policy: null }) });
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(again.json().code).toBe('DUPLICATE_REGISTRATION');
  });

  it('refuses bad input with problem+json and a stable code, never a 500', async () => {
    const cases: [unknown, number, string][] = [
      [body({ uln: '1234567890' }), 422, 'ULN_INVALID'],
      [body({ standard: 'ST9999@1.0' }), 400, 'UNKNOWN_STANDARD'],
      [body({ policy: 'HIGHFIELD' }), 422, 'POLICY_NOT_FOR_STANDARD'],
      [body({ dateOfBirth: '2005-02-30' }), 400, 'VALIDATION_FAILED'],
      [body({ givenNames: 42 }), 400, 'VALIDATION_FAILED'],
      [body({ employerId: providerId }), 400, 'UNKNOWN_EMPLOYER'],
      [body({ standard: 'ST0072@1.1', policy: null }), 422, 'CHANNEL_REQUIRED'],
      // PostgreSQL text cannot hold a NUL: refused up front, in a body or a query, not at the database.
      [body({ familyName: 'Nul\u0000Name' }), 400, 'INVALID_CHARACTER'],
    ];
    for (const [payload, status, code] of cases) {
      const r = await t.request('POST', '/api/v1/records', { cookie: providerUser.cookie, body: payload });
      expect([r.statusCode, r.json().code], JSON.stringify(payload)).toEqual([status, code]);
    }
    const malformed = await t.request('POST', '/api/v1/records', {
      cookie: providerUser.cookie,
      body: '{"uln":',
      headers: { 'content-type': 'application/json' },
    });
    expect([malformed.statusCode, malformed.json().code]).toEqual([400, 'MALFORMED_JSON']);
    const huge = await t.request('POST', '/api/v1/records', {
      cookie: providerUser.cookie,
      body: JSON.stringify({ adjustments: 'x'.repeat(2_000_000) }),
      headers: { 'content-type': 'application/json' },
    });
    expect([huge.statusCode, huge.json().code]).toEqual([413, 'TOO_LARGE']);
    const anonymous = await t.request('GET', '/api/v1/records');
    expect([anonymous.statusCode, anonymous.json().code]).toEqual([401, 'UNAUTHENTICATED']);
    const nulQuery = await t.request('GET', '/api/v1/records?q=a%00b', { cookie: admin.cookie });
    expect([nulQuery.statusCode, nulQuery.json().code]).toEqual([400, 'INVALID_CHARACTER']);
    const unknown = await t.request('GET', '/api/v1/records/not-a-uuid', { cookie: admin.cookie });
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'NOT_FOUND']);
  });

  it('answers /health with the database', async () => {
    const r = await t.request('GET', '/health');
    expect(r.json()).toEqual({ status: 'ok', database: 'ok' });
  });
});
