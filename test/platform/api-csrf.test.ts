// The API is not a form target (issue 10, item 4): a cross-site form can send the session
// cookie, but only as a urlencoded, multipart or text/plain body and with no header of its
// choosing. Such a post is refused (415 or 403) and writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/http/kit.ts';
import { multipart, pdf, words } from '../fixtures/documents.ts';
import { createTestApp, ENGINES, PASSWORD, type TestApp } from './harness.ts';

describe.each(ENGINES)('cookie-signed API changes need JSON and the CSRF header (%s)', (engine) => {
  let t: TestApp;
  let admin: { email: string; cookie: string };
  let employerId: string;
  let providerId: string;
  let recordId: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await t.user('epao-admin');
    providerId = await t.organisation('provider');
    employerId = await t.organisation('employer');
    const created = await t.request('POST', '/api/v1/records', { cookie: admin.cookie, body: registration('1234567899') });
    expect(created.statusCode, created.body).toBe(201);
    recordId = created.json().id;
  });
  afterAll(() => t.close());

  function registration(uln: string) {
    return {
      uln,
      givenNames: 'Ada',
      familyName: 'Lovelace',
      dateOfBirth: '2005-03-01',
      providerId,
      employerId,
      standard: 'ST0071@1.2',
      policy: null,
      startDate: '2024-09-02',
    };
  }
  const count = async (table: 'epaRecords' | 'files' | 'auditLog') =>
    Number(
      (
        await t.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const signedIn = async (cookie: string) => (await t.request('GET', '/api/v1/me', { cookie })).statusCode === 200;

  it('refuses what a cross-site form can send, with the cookie, and writes nothing', async () => {
    const before = { records: await count('epaRecords'), audit: await count('auditLog') };
    const form = new URLSearchParams(Object.entries(registration('9000000008')).map(([k, v]) => [k, String(v)])).toString();
    const upload = multipart(Object.fromEntries(Object.entries(registration('9000000008')).map(([k, v]) => [k, String(v)])));
    const forms: [string, { body: string | Buffer; headers: Record<string, string> }][] = [
      ['urlencoded', { body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } }],
      // The classic trick: JSON in a text/plain form body.
      ['text/plain', { body: JSON.stringify(registration('9000000008')), headers: { 'content-type': 'text/plain' } }],
      ['multipart to a route that takes no upload', { body: upload.body, headers: upload.headers }],
    ];
    for (const [name, { body, headers }] of forms) {
      for (const csrf of [false, true]) {
        const r = await t.request('POST', '/api/v1/records', { cookie: admin.cookie, body, headers, csrf });
        expect([r.statusCode, r.json().code], `${name}, csrf header ${csrf}`).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
      }
    }
    expect({ records: await count('epaRecords'), audit: await count('auditLog') }).toEqual(before);

    // A form with an empty body, aimed at a change that needs none: sign-out.
    const out = await t.request('POST', '/api/v1/auth/sign-out', {
      cookie: admin.cookie,
      body: '',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      csrf: false,
    });
    expect(out.statusCode).toBe(415);
    expect(await signedIn(admin.cookie)).toBe(true);
  });

  it('refuses a multipart upload with the cookie but no CSRF header, and stores nothing', async () => {
    const form = () => multipart({ purpose: 'project-report' }, { fileName: 'report.pdf', bytes: pdf(['Report', ...words(10)]) });
    const before = await count('files');
    const refused = form();
    const r = await t.request('POST', `/api/v1/records/${recordId}/files`, { cookie: admin.cookie, body: refused.body, headers: refused.headers, csrf: false });
    expect([r.statusCode, r.json().code]).toEqual([403, 'CSRF_TOKEN_INVALID']);
    expect(await count('files')).toBe(before);
    const allowed = form();
    const ok = await t.request('POST', `/api/v1/records/${recordId}/files`, { cookie: admin.cookie, body: allowed.body, headers: allowed.headers });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(await count('files')).toBe(before + 1);
  });

  it('refuses JSON with the cookie but without the header, or with another session’s, and accepts it with its own', async () => {
    const before = await count('epaRecords');
    const missing = await t.request('POST', '/api/v1/records', { cookie: admin.cookie, body: registration('9000000016'), csrf: false });
    expect([missing.statusCode, missing.json().code]).toEqual([403, 'CSRF_TOKEN_INVALID']);
    const other = await t.user('epao-admin');
    const wrong = await t.request('POST', '/api/v1/records', {
      cookie: admin.cookie,
      body: registration('9000000016'),
      csrf: false,
      headers: { 'x-csrf-token': t.csrfToken(other.cookie) },
    });
    expect(wrong.statusCode).toBe(403);
    for (const method of ['PATCH', 'DELETE'] as const) {
      const r = await t.request(method, method === 'PATCH' ? `/api/v1/records/${recordId}` : '/api/v1/tokens/00000000-0000-4000-8000-000000000000', {
        cookie: admin.cookie,
        csrf: false,
        ...(method === 'PATCH' ? { body: { version: 1, adjustments: 'reader' } } : {}),
      });
      expect(r.statusCode, method).toBe(403);
    }
    // A change with no body at all needs it too.
    expect((await t.request('POST', '/api/v1/auth/sign-out', { cookie: admin.cookie, csrf: false })).statusCode).toBe(403);
    expect(await signedIn(admin.cookie)).toBe(true);
    expect(await count('epaRecords')).toBe(before);

    const ok = await t.request('POST', '/api/v1/records', { cookie: admin.cookie, body: registration('9000000016') });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('hands the token out at sign-in and from /me: the one the pages put in their forms', async () => {
    const user = await t.user('epao-admin');
    const signIn = await t.request('POST', '/api/v1/auth/sign-in', { body: { email: user.email, password: PASSWORD } });
    expect(signIn.statusCode).toBe(200);
    const cookie = signIn.cookies.find((c) => c.name === SESSION_COOKIE)?.value as string;
    const token = signIn.json().csrfToken as string;
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect((await t.request('GET', '/api/v1/me', { cookie })).json().csrfToken).toBe(token);
    const page = await t.request('GET', '/admin', { cookie });
    expect(page.body).toContain(`name="_csrf" value="${token}"`);

    const r = await t.request('POST', '/api/v1/records', { cookie, csrf: false, headers: { 'X-CSRF-Token': token }, body: registration('9000000024') });
    expect(r.statusCode, r.body).toBe(201);
  });

  it('signs in without the header, but only from JSON', async () => {
    const user = await t.user('provider');
    const form = await t.request('POST', '/api/v1/auth/sign-in', {
      body: new URLSearchParams({ email: user.email, password: PASSWORD }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.statusCode).toBe(415);
    expect(form.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
    const json = await t.request('POST', '/api/v1/auth/sign-in', { body: { email: user.email, password: PASSWORD } });
    expect(json.statusCode).toBe(200);
  });

  it('needs no header with a Bearer token, which no form can send; /me then has no CSRF token', async () => {
    const provider = await t.user('provider', { organisationId: providerId });
    const { token } = (await t.request('POST', '/api/v1/tokens', { cookie: provider.cookie, body: { name: 'sync' } })).json();
    const headers = { authorization: `Bearer ${token}` };
    const r = await t.request('POST', '/api/v1/records', { headers, body: registration('9000000032') });
    expect(r.statusCode, r.body).toBe(201);
    expect((await t.request('GET', '/api/v1/me', { headers })).json().csrfToken).toBeNull();
    // The token still sends JSON: a form body is refused whoever sends it.
    const text = await t.request('POST', '/api/v1/records', {
      headers: { ...headers, 'content-type': 'text/plain' },
      body: JSON.stringify(registration('9000000040')),
    });
    expect(text.statusCode).toBe(415);
  });
});
