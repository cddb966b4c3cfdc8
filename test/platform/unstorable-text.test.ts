// Issue 10 item 6: text that cannot be stored (a NUL, a lone UTF-16 surrogate) is refused
// at the edge with 400 INVALID_CHARACTER wherever it comes in, and nothing is written; in a
// CSV import it refuses its row, not the file. On PostgreSQL (CI) as well as PGlite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorForUser } from '../../src/app/auth.ts';
import { importRegistrations } from '../../src/app/bulk-import.ts';
import { toCsv } from '../../src/app/csv.ts';
import type { Actor } from '../../src/domain/access/access.ts';
import { MAX_DEPTH } from '../../src/http/input-guard.ts';
import { rawMultipart } from '../e2e/raw-multipart.ts';
import { pdf } from '../fixtures/documents.ts';
import { validUln } from '../helpers.ts';
import { createTestApp, ENGINES, type TestApp } from './harness.ts';

describe.each(ENGINES)('text that cannot be stored (%s)', (engine) => {
  let t: TestApp;
  let admin: { id: string; cookie: string };
  let providerId: string;
  let employerId: string;
  let recordId: string;
  let stem = 530_000_000;
  const nextUln = () => {
    stem += 1000;
    return validUln(stem);
  };
  const registration = (extra: Record<string, unknown> = {}) => ({
    uln: nextUln(),
    givenNames: 'Ada',
    familyName: 'Lovelace',
    dateOfBirth: '2004-01-01',
    providerId,
    employerId,
    standard: 'ST0071@1.2',
    policy: null,
    startDate: '2025-01-06',
    ...extra,
  });
  const counts = async () => ({
    apprentices: (await t.ctx.db.selectFrom('apprentices').select('id').execute()).length,
    audit: (await t.ctx.db.selectFrom('auditLog').select('seq').execute()).length,
    files: (await t.ctx.db.selectFrom('files').select('id').execute()).length,
  });
  const codeOf = (r: { statusCode: number; json(): { code?: string } }) => [r.statusCode, r.json().code];

  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await t.user('epao-admin');
    providerId = await t.organisation('provider');
    employerId = await t.organisation('employer');
    const r = await t.request('POST', '/api/v1/records', { cookie: admin.cookie, body: registration() });
    expect(r.statusCode).toBe(201);
    recordId = r.json().id;
  });
  afterAll(() => t?.close());

  it('refuses a lone surrogate or a NUL in a JSON value or key, a query, a path or a form, and writes nothing', async () => {
    const before = await counts();
    const json = { 'content-type': 'application/json' };
    const cases: [string, () => Promise<{ statusCode: number; json(): { code?: string } }>][] = [
      // Each of these was a 500: jsonb (the audit entry) refuses "\udc00".
      [
        'a surrogate in a value',
        () => t.request('POST', '/api/v1/records', { cookie: admin.cookie, body: JSON.stringify(registration({ familyName: 'Lo\udc00' })), headers: json }),
      ],
      [
        'a surrogate in a patch',
        () =>
          t.request('PATCH', `/api/v1/records/${recordId}`, {
            cookie: admin.cookie,
            body: JSON.stringify({ version: 1, adjustments: '\ud800' }),
            headers: json,
          }),
      ],
      [
        'a surrogate in a token name',
        () => t.request('POST', '/api/v1/tokens', { cookie: admin.cookie, body: JSON.stringify({ name: '\udc00' }), headers: json }),
      ],
      [
        'a surrogate in a key',
        () => t.request('POST', '/api/v1/records', { cookie: admin.cookie, body: JSON.stringify({ ...registration(), '\udc00': 1 }), headers: json }),
      ],
      ['a NUL in a value', () => t.request('POST', '/api/v1/records', { cookie: admin.cookie, body: registration({ givenNames: 'A\u0000' }) })],
      ['a NUL in a query value', () => t.request('GET', '/api/v1/records?q=a%00b', { cookie: admin.cookie })],
      ['a NUL in a query key', () => t.request('GET', '/api/v1/records?%00=1', { cookie: admin.cookie })],
      ['a NUL in a path', () => t.request('GET', '/api/v1/records/a%00b', { cookie: admin.cookie })],
    ];
    for (const [name, send] of cases) expect(codeOf(await send()), name).toEqual([400, 'INVALID_CHARACTER']);

    // A form on the pages: the same refusal, as a page.
    const form = await t.request('POST', '/sign-in', { body: 'email=a%00b&password=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.statusCode).toBe(400);
    expect(form.headers['content-type']).toMatch(/text\/html/);
    expect(await counts()).toEqual(before);
  });

  it('refuses a NUL in a multipart field or file name, but not in the file bytes', async () => {
    const before = await counts();
    const upload = (fileName: string, purpose = 'qualification-english', bytes = pdf(['a certificate'])) => {
      const body = rawMultipart([
        { name: 'purpose', value: purpose },
        { name: 'file', fileName, type: 'application/pdf', bytes },
      ]);
      return t.request('POST', `/api/v1/records/${recordId}/files`, { cookie: admin.cookie, body: body.data, headers: body.headers });
    };
    expect(codeOf(await upload('cert\u0000.pdf'))).toEqual([400, 'INVALID_CHARACTER']);
    expect(codeOf(await upload('cert.pdf', 'qualification-english\u0000'))).toEqual([400, 'INVALID_CHARACTER']);
    expect(await counts()).toEqual(before);
    // A PDF's bytes hold NULs and anything else: they are not text.
    const bytes = new Uint8Array([...pdf(['a certificate']), 0, 0xed, 0xb0, 0x80]);
    expect((await upload('cert.pdf', 'qualification-english', bytes)).statusCode).toBe(201);
  });

  it('refuses a body nested deeper than the guard, however deep, rather than leave it unchecked', async () => {
    const nest = (depth: number, leaf: string) => `${'{"a":'.repeat(depth)}${leaf}${'}'.repeat(depth)}`;
    const json = { 'content-type': 'application/json' };
    for (const depth of [MAX_DEPTH, 10_000]) {
      const r = await t.request('POST', '/api/v1/tokens', { cookie: admin.cookie, body: `{"name":"x","deep":${nest(depth, '"\\u0000"')}}`, headers: json });
      expect(codeOf(r), `depth ${depth}`).toEqual([400, 'TOO_DEEP']);
    }
    // secure-json-parse's prototype-poisoning scan walks 10,000 levels without overflowing the stack.
    const poisoned = await t.request('POST', '/api/v1/tokens', { cookie: admin.cookie, body: nest(10_000, '{"__proto__":{"x":1}}'), headers: json });
    expect(codeOf(poisoned)).toEqual([400, 'MALFORMED_JSON']);
    // Within the guard, a NUL deep down is still found.
    const r = await t.request('POST', '/api/v1/tokens', { cookie: admin.cookie, body: `{"name":"x","deep":${nest(20, '"\\u0000"')}}`, headers: json });
    expect(codeOf(r)).toEqual([400, 'INVALID_CHARACTER']);
  });

  it('refuses, in a CSV import, the row with a NUL in a cell and imports the others', async () => {
    const columns = ['uln', 'given_names', 'family_name', 'date_of_birth', 'employer_id', 'provider_id', 'standard', 'start_date'];
    const row = (given: string, uln = nextUln()) => [uln, given, 'Hopper', '2003-03-03', employerId, providerId, 'ST0071@1.2', '2025-01-06'];
    const csv = toCsv([columns, row('Grace'), row('Gr\u0000ace'), row('Ada', '12\u000034')]);
    const send = () =>
      t.request('POST', '/api/v1/records/import', {
        cookie: admin.cookie,
        body: csv,
        headers: { 'content-type': 'text/csv', 'idempotency-key': 'nul-import' },
      });
    const r = await send();
    expect(r.statusCode).toBe(200);
    const report = r.json();
    expect([report.imported, report.rejected]).toEqual([1, 2]);
    expect(report.rows[1]).toMatchObject({ line: 3, status: 'rejected', reasons: [{ code: 'INVALID_CHARACTER', column: 'given_names' }] });
    // The report is stored (for the Idempotency-Key) and shows the ULN without the NUL.
    expect(report.rows[2]).toMatchObject({ line: 4, uln: '12\ufffd34', status: 'rejected', reasons: [{ code: 'INVALID_CHARACTER', column: 'uln' }] });
    expect((await send()).json()).toEqual(report);

    // A caller's string (the CLI, a script) may hold a lone surrogate: refused the same way.
    const actor = (await actorForUser(t.ctx, admin.id)) as Actor;
    const direct = await importRegistrations(t.ctx, actor, toCsv([columns, row('Gr\udc00ace'), row('Alan')]));
    expect(direct.rows.map((x) => (x.status === 'rejected' ? x.reasons[0]?.code : x.status))).toEqual(['INVALID_CHARACTER', 'imported']);
  });
});
