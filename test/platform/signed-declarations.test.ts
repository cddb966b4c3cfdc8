// A party's gateway declaration held on the signed Gateway Declaration Record the provider
// uploads (004 Section 1, Appendix One: Name, Signature, Date): who signed it is named, the
// form is kept, and the gateway engine counts it as the party's own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdf, png } from '../fixtures/documents.ts';
import { type Parties, partiesOf, register, uploaded } from '../fixtures/epa.ts';
import { createTestApp, ENGINES, type TestApp } from './harness.ts';

describe.each(ENGINES)('signed declaration records (%s)', (engine) => {
  let t: TestApp;
  let p: Parties;
  let provider: { email: string; cookie: string };

  beforeAll(async () => {
    t = await createTestApp(engine);
    ({ provider, p } = await partiesOf(t));
  }, 60_000);
  afterAll(() => t.close());

  const record = (recordId: string, body: unknown, cookie = provider.cookie) =>
    t.request('POST', `/api/v1/records/${recordId}/declarations/signed-record`, { cookie, body });

  it('records the employer’s signed record with the signer’s name, and the gateway counts it', async () => {
    const r = await register(t, p, { standard: 'ST0072@1.1', dateOfBirth: '1990-06-01', startDate: '2024-01-08', channel: 'face-to-face' });
    const form = await uploaded(t, provider.cookie, r.id, 'declaration-record', png());
    const portfolioPiece = await uploaded(t, provider.cookie, r.id, 'portfolio-piece', pdf(['piece']));
    const signed = { party: 'employer', signedBy: 'Sam Harbour', signedOn: '2026-01-02' };

    const wrongFile = await record(r.id, { ...signed, fileId: portfolioPiece });
    expect([wrongFile.statusCode, wrongFile.json().code]).toEqual([400, 'NOT_A_DECLARATION_RECORD']);
    const future = await record(r.id, { ...signed, signedOn: '2026-01-06', fileId: form });
    expect([future.statusCode, future.json().code]).toEqual([400, 'SIGNED_IN_FUTURE']);
    const noName = await record(r.id, { ...signed, signedBy: ' ', fileId: form });
    expect([noName.statusCode, noName.json().code]).toEqual([400, 'VALIDATION_FAILED']);
    const unknown = await record(r.id, { ...signed, fileId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.statusCode).toBe(404);
    const employer = await t.user('employer', { organisationId: p.employerId });
    expect((await record(r.id, { ...signed, fileId: form }, employer.cookie)).statusCode).toBe(403);

    const made = await record(r.id, { ...signed, fileId: form });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json().declarations).toEqual([
      expect.objectContaining({ party: 'employer', by: 'signed-record', name: 'Sam Harbour', declaredOn: '2026-01-02', fileId: form }),
    ]);
    const twice = await record(r.id, { ...signed, fileId: form });
    expect([twice.statusCode, twice.json().code]).toEqual([409, 'ALREADY_DECLARED']);
    // The employer's own declaration is then already made.
    const own = await t.request('POST', `/api/v1/records/${r.id}/declaration`, { cookie: employer.cookie });
    expect([own.statusCode, own.json().code]).toEqual([409, 'ALREADY_DECLARED']);

    // The provider ticks only its own: the employer's is on file, the apprentice's is missing.
    const body = {
      qualifications: { english: null, maths: null },
      showcaseFormat: 'report',
      declarations: { provider: true, employer: false, apprentice: false },
    };
    const missing = await t.request('POST', `/api/v1/records/${r.id}/gateway`, { cookie: provider.cookie, body });
    expect([missing.statusCode, missing.json().code]).toEqual([422, 'DECLARATION_MISSING']);
    expect(missing.json().findings[0].message).toContain('apprentice');
    const apprenticeForm = await uploaded(t, provider.cookie, r.id, 'declaration-record', pdf(['Apprentice Declaration']));
    expect((await record(r.id, { party: 'apprentice', signedBy: 'Ada Lovelace', signedOn: '2026-01-05', fileId: apprenticeForm })).statusCode).toBe(201);
    const submitted = await t.request('POST', `/api/v1/records/${r.id}/gateway`, { cookie: provider.cookie, body });
    expect(submitted.statusCode, submitted.body).toBe(201);
    expect(submitted.json().request.declarations).toEqual({ provider: true, employer: true, apprentice: true });
    const audit = await t.ctx.db
      .selectFrom('auditLog')
      .select('after')
      .where('entity', '=', 'gateway-submission')
      .where('entityId', '=', submitted.json().id)
      .executeTakeFirstOrThrow();
    expect((audit.after as { declared: unknown[] }).declared).toEqual([
      { party: 'provider', by: 'self', name: null, on: null, fileId: null },
      { party: 'employer', by: 'signed-record', name: 'Sam Harbour', on: '2026-01-02', fileId: form },
      { party: 'apprentice', by: 'signed-record', name: 'Ada Lovelace', on: '2026-01-05', fileId: apprenticeForm },
    ]);
    // Once submitted, no more are recorded.
    const closed = await record(r.id, { ...signed, party: 'apprentice', fileId: form });
    expect([closed.statusCode, closed.json().code]).toEqual([409, 'GATEWAY_NOT_OPEN']);
  });
});
