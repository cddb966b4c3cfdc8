import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docx, jpeg, pdf, png, words } from '../fixtures/documents.ts';
import { type Parties, partiesOf, READY, register, upload, uploaded } from '../fixtures/epa.ts';
import { resolved } from '../helpers.ts';
import { createTestApp, ENGINES, type TestApp } from './harness.ts';

/** The KSBs the ST0071 professional discussion assesses: PAL wants each one in the portfolio (004 Section 4). */
const DISCUSSION_KSBS = resolved('ST0071@1.2')
  .index.standard.ksbs.filter((k) => k.methods.includes('discussion'))
  .map((k) => k.id);

describe.each(ENGINES)('evidence and gateway (%s)', (engine) => {
  let t: TestApp;
  let p: Parties;
  let providerId: string;
  let admin: { email: string; cookie: string };
  let provider: { email: string; cookie: string };
  /** Moves "today"; sessions last hours, so everyone signs in again. */
  let travel: (date: string) => Promise<void>;

  beforeAll(async () => {
    t = await createTestApp(engine);
    ({ admin, provider, providerId, p, travel } = await partiesOf(t));
  }, 60_000);
  afterAll(() => t.close());

  const gateway = (recordId: string, body: unknown, cookie = provider.cookie, headers?: Record<string, string>) =>
    t.request('POST', `/api/v1/records/${recordId}/gateway`, { cookie, body, ...(headers ? { headers } : {}) });
  const decide = (submissionId: string, body: unknown, cookie = admin.cookie) =>
    t.request('POST', `/api/v1/gateway/${submissionId}/decision`, { cookie, body });
  const recordOf = async (id: string) => (await t.request('GET', `/api/v1/records/${id}`, { cookie: admin.cookie })).json();

  it('reads the type from the content, not the name', async () => {
    const record = await register(t, p);
    const certificate = await upload(t, provider.cookie, record.id, 'qualification-english', png(), { fileName: 'certificate.pdf' });
    expect(certificate.statusCode).toBe(201);
    expect(certificate.json()).toMatchObject({ purpose: 'qualification-english', fileName: 'certificate.pdf', fileType: 'png', mediaType: 'image/png' });
    expect((await upload(t, provider.cookie, record.id, 'portfolio-piece', jpeg(), { fileName: 'photo.docx' })).json().fileType).toBe('jpeg');
    expect((await upload(t, provider.cookie, record.id, 'mapping-document', docx(['Mapping']), { fileName: 'mapping' })).json().fileType).toBe('docx');

    const imageAsDocument = await upload(t, provider.cookie, record.id, 'mapping-document', png(), { fileName: 'mapping.pdf' });
    expect([imageAsDocument.statusCode, imageAsDocument.json().code]).toEqual([415, 'UNSUPPORTED_FILE_TYPE']);
    expect(imageAsDocument.headers['content-type']).toContain('application/problem+json');
    const random = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 256);
    const junk = await upload(t, provider.cookie, record.id, 'portfolio-piece', random, { fileName: 'evidence.pdf' });
    expect([junk.statusCode, junk.json().code]).toEqual([415, 'UNSUPPORTED_FILE_TYPE']);
    const html = await upload(t, provider.cookie, record.id, 'portfolio-piece', new TextEncoder().encode('<html>%PDF-1.4</html>'), { fileName: 'x.pdf' });
    expect(html.statusCode).toBe(415);

    const list = await t.request('GET', `/api/v1/records/${record.id}/files`, { cookie: provider.cookie });
    expect(list.json().files.map((f: { purpose: string }) => f.purpose)).toEqual(['qualification-english', 'portfolio-piece', 'mapping-document']);
  });

  it('refuses oversize files with 413 and accepts large ones under the limit', async () => {
    const record = await register(t, p);
    const big = new Uint8Array(11 * 1_048_576);
    big.set(pdf(['big']));
    const tooBig = await upload(t, provider.cookie, record.id, 'portfolio-piece', big);
    expect([tooBig.statusCode, tooBig.json().code]).toEqual([413, 'TOO_LARGE']);
    const fine = await upload(t, provider.cookie, record.id, 'portfolio-piece', big.subarray(0, 3 * 1_048_576));
    expect(fine.statusCode).toBe(201);
    expect(fine.json().sizeBytes).toBe(3 * 1_048_576);
  });

  it('refuses bad uploads with a stable code', async () => {
    const record = await register(t, p);
    const unknownKsb = await upload(t, provider.cookie, record.id, 'portfolio-piece', pdf(['x']), { ksbs: ['K1', 'S8'] });
    expect([unknownKsb.statusCode, unknownKsb.json().code, unknownKsb.json().ksbs]).toEqual([400, 'UNKNOWN_KSB', ['S8']]);
    const badKsb = await upload(t, provider.cookie, record.id, 'portfolio-piece', pdf(['x']), { ksbs: ['banana'] });
    expect([badKsb.statusCode, badKsb.json().code]).toEqual([400, 'VALIDATION_FAILED']);
    const badPurpose = await upload(t, provider.cookie, record.id, 'selfie', png());
    expect([badPurpose.statusCode, badPurpose.json().code]).toEqual([400, 'VALIDATION_FAILED']);
    const empty = await upload(t, provider.cookie, record.id, 'portfolio-piece', new Uint8Array(0));
    expect([empty.statusCode, empty.json().code]).toEqual([400, 'EMPTY_FILE']);
    const json = await t.request('POST', `/api/v1/records/${record.id}/files`, { cookie: provider.cookie, body: { purpose: 'portfolio-piece' } });
    expect([json.statusCode, json.json().code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const elsewhere = await upload(t, provider.cookie, '00000000-0000-4000-8000-000000000000', 'portfolio-piece', pdf(['x']));
    expect([elsewhere.statusCode, elsewhere.json().code]).toEqual([404, 'NOT_FOUND']);
  });

  it('lets only the parties upload and download, each within its scope', async () => {
    const record = await register(t, p);
    const fileId = await uploaded(t, provider.cookie, record.id, 'qualification-maths', png());
    const download = await t.request('GET', `/api/v1/files/${fileId}`, { cookie: provider.cookie });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['content-disposition']).toContain('attachment');
    expect(new Uint8Array(download.rawPayload)).toEqual(png());

    const otherProvider = await t.user('provider');
    expect((await t.request('GET', `/api/v1/files/${fileId}`, { cookie: otherProvider.cookie })).statusCode).toBe(404);
    expect((await t.request('GET', `/api/v1/records/${record.id}/files`, { cookie: otherProvider.cookie })).statusCode).toBe(404);
    expect((await upload(t, otherProvider.cookie, record.id, 'portfolio-piece', pdf(['x']))).statusCode).toBe(404);
    expect((await t.request('GET', '/api/v1/files/not-a-uuid', { cookie: admin.cookie })).statusCode).toBe(404);

    const apprentice = await t.user('apprentice', { apprenticeId: record.apprentice.id });
    expect((await t.request('GET', `/api/v1/files/${fileId}`, { cookie: apprentice.cookie })).statusCode).toBe(200);
    const own = await upload(t, apprentice.cookie, record.id, 'portfolio-piece', pdf(['x']));
    expect([own.statusCode, own.json().code]).toEqual([403, 'FORBIDDEN']);
    expect((await upload(t, apprentice.cookie, record.id, 'project-report', pdf(['my report']))).statusCode).toBe(201);
  });

  it('runs the gateway check on submit: failures come back as 422 with their codes and sources, and nothing is written', async () => {
    // Aged 17 at start: English and maths are required (funding rules from 2025-02-11).
    const record = await register(t, p, { policy: 'PAL', dateOfBirth: '2007-05-01' });
    for (let i = 0; i < 3; i++) await uploaded(t, provider.cookie, record.id, 'portfolio-piece', pdf([`piece ${i}`]), ['K2']);
    const audit = async () => (await t.request('GET', '/api/v1/audit/verify', { cookie: admin.cookie })).json().entries;
    const entries = await audit();

    const refused = await gateway(record.id, READY);
    expect(refused.statusCode).toBe(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    const problem = refused.json();
    expect(problem.code).toBe('PORTFOLIO_TOO_FEW');
    expect(problem.findings.map((f: { code: string }) => f.code)).toEqual([
      'PORTFOLIO_TOO_FEW',
      'PORTFOLIO_KSB_UNCOVERED',
      'PORTFOLIO_MAPPING_MISSING',
      'PORTFOLIO_VALIDATION_MISSING',
    ]);
    const byCode = Object.fromEntries(problem.findings.map((f: { code: string }) => [f.code, f]));
    expect(byCode.PORTFOLIO_TOO_FEW).toMatchObject({ pieces: 3, min: 10 });
    expect(byCode.PORTFOLIO_TOO_FEW.source).toContain('001_1e92b44f98d10fcb.txt');
    expect(byCode.PORTFOLIO_KSB_UNCOVERED.source).toContain('004_f9b9047560044387.txt');
    expect(byCode.PORTFOLIO_KSB_UNCOVERED.ksbs).toEqual(DISCUSSION_KSBS.filter((k) => k !== 'K2'));

    const noEnglish = await gateway(record.id, {
      ...READY,
      qualifications: { english: null, maths: 'level-2' },
      declarations: { ...READY.declarations, employer: false },
    });
    expect(noEnglish.json().code).toBe('ENGLISH_REQUIRED');
    expect(
      noEnglish
        .json()
        .findings.map((f: { code: string }) => f.code)
        .slice(0, 2),
    ).toEqual(['ENGLISH_REQUIRED', 'DECLARATION_MISSING']);

    expect((await recordOf(record.id)).status).toBe('registered');
    expect((await t.request('GET', `/api/v1/records/${record.id}/gateway`, { cookie: provider.cookie })).json().submissions).toEqual([]);
    expect(await audit()).toBe(entries);
  });

  it('refuses bad gateway requests with 4xx', async () => {
    const record = await register(t, p);
    const cases: [unknown, number, string][] = [
      [{ ...READY, qualifications: { english: 'level-9', maths: null } }, 400, 'VALIDATION_FAILED'],
      [{ declarations: READY.declarations }, 400, 'VALIDATION_FAILED'],
      [{ ...READY, gatewayDate: '2026-02-30' }, 400, 'VALIDATION_FAILED'],
      [{ ...READY, gatewayDate: '2026-02-01' }, 400, 'GATEWAY_DATE_IN_FUTURE'],
      [{ ...READY, qualifications: { english: 'level-2', maths: 'bsl' } }, 400, 'BAD_QUALIFICATION'],
      [{ ...READY, showcaseFormat: 'report' }, 400, 'NO_SHOWCASE'],
      [{ ...READY, portfolioFileIds: ['00000000-0000-4000-8000-000000000000'] }, 400, 'UNKNOWN_FILE'],
    ];
    for (const [body, status, code] of cases) {
      const r = await gateway(record.id, body);
      expect([r.statusCode, r.json().code], JSON.stringify(body)).toEqual([status, code]);
    }
    const employer = await t.user('employer', { organisationId: p.employerId });
    expect((await gateway(record.id, READY, employer.cookie)).statusCode).toBe(403);
    expect((await gateway('00000000-0000-4000-8000-000000000000', READY)).statusCode).toBe(404);
    expect((await decide('nope', { decision: 'approve' })).statusCode).toBe(404);
  });

  it('takes an eligible submission; the EPAO rejects with reasons, the provider resubmits, the EPAO approves and the window starts', async () => {
    const record = await register(t, p, { policy: 'PAL' });
    // Ten pieces covering every discussion KSB (PAL), the mapping document and the employer's validation statement.
    const pieces: string[] = [];
    for (let i = 0; i < 10; i++)
      pieces.push(
        await uploaded(
          t,
          provider.cookie,
          record.id,
          'portfolio-piece',
          pdf([`piece ${i}`, ...words(10)]),
          DISCUSSION_KSBS.filter((_, k) => k % 10 === i),
        ),
      );
    const extra = await uploaded(t, provider.cookie, record.id, 'portfolio-piece', png(), ['K2']);
    await uploaded(t, provider.cookie, record.id, 'mapping-document', docx(['Mapping']));
    await uploaded(t, provider.cookie, record.id, 'employer-validation', pdf(['Valid']));

    const submitted = await gateway(record.id, { ...READY, gatewayDate: '2026-01-02', portfolioFileIds: pieces });
    expect(submitted.statusCode).toBe(201);
    const first = submitted.json();
    expect(first).toMatchObject({ status: 'submitted', submittedOn: '2026-01-05', outcome: { eligible: true, failures: [], warnings: [] } });
    expect(first.request.portfolio.pieces.map((x: { id: string }) => x.id)).toEqual(pieces);
    expect(first.request.portfolio.pieces.map((x: { id: string }) => x.id)).not.toContain(extra);
    expect(first.request).toMatchObject({ programme: { startDate: '2024-09-02', gatewayDate: '2026-01-02' }, portfolio: { mappingDocument: true } });
    expect((await recordOf(record.id)).status).toBe('gateway-submitted');
    expect((await gateway(record.id, READY)).json().code).toBe('GATEWAY_PENDING');

    expect((await decide(first.id, { decision: 'approve' }, provider.cookie)).statusCode).toBe(403);
    const noReasons = await decide(first.id, { decision: 'reject' });
    expect([noReasons.statusCode, noReasons.json().code]).toEqual([422, 'REASONS_REQUIRED']);
    expect((await decide(first.id, { decision: 'reject', reasons: [] })).json().code).toBe('REASONS_REQUIRED');
    const rejected = await decide(first.id, { decision: 'reject', reasons: ['The mapping document does not reference piece 4'] });
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json()).toMatchObject({
      status: 'rejected',
      reasons: ['The mapping document does not reference piece 4'],
      record: { status: 'gateway-rejected' },
    });
    const again = await decide(first.id, { decision: 'approve' });
    expect([again.statusCode, again.json().code]).toEqual([409, 'ALREADY_DECIDED']);

    // Resubmission, retried in parallel with one Idempotency-Key: one submission.
    const key = { 'idempotency-key': 'gateway-resubmit-1' };
    const retries = await Promise.all([1, 2, 3].map(() => gateway(record.id, READY, provider.cookie, key)));
    expect(retries.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    expect(new Set(retries.map((r) => r.json().id)).size).toBe(1);
    const second = retries[0]!.json();
    expect(second.request.portfolio.pieces).toHaveLength(11); // all the record's pieces when none are listed

    await travel('2026-01-30');
    const approved = await decide(second.id, { decision: 'approve' });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'approved',
      record: { status: 'gateway-approved', gatewayApprovedOn: '2026-01-30', epaStart: '2026-01-30', epaEnd: '2026-04-30', projectDue: '2026-03-30' },
    });
    const view = await recordOf(record.id);
    expect(view).toMatchObject({ status: 'gateway-approved', gatewayApprovedOn: '2026-01-30', epaStart: '2026-01-30', epaEnd: '2026-04-30', version: 5 });
    const history = (await t.request('GET', `/api/v1/records/${record.id}/gateway`, { cookie: provider.cookie })).json().submissions;
    expect(history.map((s: { status: string }) => s.status)).toEqual(['approved', 'rejected']);
    expect((await gateway(record.id, READY)).json().code).toBe('GATEWAY_CLOSED');
    expect((await t.request('GET', '/api/v1/audit/verify', { cookie: admin.cookie })).json().intact).toBe(true);
    await travel('2026-01-05');
  });

  it('clamps the window to the month end: approved 30 November, it ends 28 February', async () => {
    const record = await register(t, p);
    for (let i = 0; i < 10; i++) await uploaded(t, provider.cookie, record.id, 'portfolio-piece', pdf([`piece ${i}`]));
    const submitted = (await gateway(record.id, READY)).json();
    await travel('2026-11-30');
    expect((await decide(submitted.id, { decision: 'approve' })).json().record).toMatchObject({ epaStart: '2026-11-30', epaEnd: '2027-02-28' });
    await travel('2026-01-05');
  });

  it('counts the employer’s and the apprentice’s own declarations, made before the provider submits (004 Appendix One)', async () => {
    const record = await register(t, p, { standard: 'ST0072@1.1', dateOfBirth: '1990-06-01', startDate: '2024-01-08', channel: 'face-to-face' });
    const employer = await t.user('employer', { organisationId: p.employerId });
    const apprentice = await t.user('apprentice', { apprenticeId: record.apprentice.id });
    const otherEmployer = await t.user('employer');
    const body = { ...READY, qualifications: { english: null, maths: null }, showcaseFormat: 'report' };
    const declare = (cookie: string) => t.request('POST', `/api/v1/records/${record.id}/declaration`, { cookie });
    // The provider says only its own: the employer's and the apprentice's are missing.
    const alone = await gateway(record.id, { ...body, declarations: { provider: true, employer: false, apprentice: false } });
    expect([alone.statusCode, alone.json().code]).toEqual([422, 'DECLARATION_MISSING']);
    expect((await declare(provider.cookie)).statusCode).toBe(403);
    expect((await declare(otherEmployer.cookie)).statusCode).toBe(404);
    const byEmployer = await declare(employer.cookie);
    expect(byEmployer.statusCode).toBe(201);
    expect(byEmployer.json().declarations).toEqual([expect.objectContaining({ party: 'employer', name: expect.stringMatching(/^employer \d+$/) })]);
    expect(byEmployer.json().declarations[0].statement).toContain('a Gateway meeting has taken place');
    const twice = await declare(employer.cookie);
    expect([twice.statusCode, twice.json().code]).toEqual([409, 'ALREADY_DECLARED']);
    const stillMissing = await gateway(record.id, { ...body, declarations: { provider: true, employer: false, apprentice: false } });
    expect(stillMissing.json().findings[0].message).toContain('apprentice');
    expect((await declare(apprentice.cookie)).statusCode).toBe(201);
    const submitted = await gateway(record.id, { ...body, declarations: { provider: true, employer: false, apprentice: false } });
    expect(submitted.statusCode, submitted.body).toBe(201);
    expect(submitted.json().request.declarations).toEqual({ provider: true, employer: true, apprentice: true });
    const audit = await t.ctx.db
      .selectFrom('auditLog')
      .select('after')
      .where('entity', '=', 'gateway-submission')
      .where('entityId', '=', submitted.json().id)
      .executeTakeFirstOrThrow();
    expect((audit.after as { declared: { party: string; by: string }[] }).declared.map((d) => [d.party, d.by])).toEqual([
      ['provider', 'self'],
      ['employer', 'self'],
      ['apprentice', 'self'],
    ]);
    const closed = await declare(employer.cookie);
    expect(closed.statusCode).toBe(409);
    // The decision reaches the provider, the employer and the apprentice by e-mail.
    expect((await decide(submitted.json().id, { decision: 'reject', reasons: ['The showcase is not ready.'] })).statusCode).toBe(200);
    const told = await t.ctx.db
      .selectFrom('outbox')
      .select(['toAddress', 'subject', 'body'])
      .where('kind', '=', 'gateway-decided')
      .where('dedupeKey', 'like', `gateway:${submitted.json().id}:%`)
      .execute();
    expect(told.map((m) => m.toAddress)).toEqual(expect.arrayContaining([apprentice.email, employer.email, provider.email].map((e) => e.toLowerCase())));
    expect(told.map((m) => m.toAddress)).not.toContain(otherEmployer.email.toLowerCase());
    expect(told[0]?.subject).toMatch(/^Gateway not approved: /);
    expect(told[0]?.body).toContain('Why: The showcase is not ready.');
  });

  it('ST0072: asks for the showcase format at gateway, and the window waits for the first assessment', async () => {
    const record = await register(t, p, { standard: 'ST0072@1.1', dateOfBirth: '1990-06-01', startDate: '2024-01-08', channel: 'face-to-face' });
    const noFormat = await gateway(record.id, { ...READY, qualifications: { english: null, maths: null } });
    expect([noFormat.statusCode, noFormat.json().code]).toEqual([422, 'SHOWCASE_FORMAT_MISSING']);
    expect(noFormat.json().findings[0].source).toContain('003_16fb56b024b0b0ad.txt');
    const portfolio = await gateway(record.id, { ...READY, showcaseFormat: 'report', portfolioFileIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(portfolio.json().code).toBe('NO_PORTFOLIO');
    const submitted = await gateway(record.id, { ...READY, qualifications: { english: null, maths: null }, showcaseFormat: 'report' });
    expect(submitted.statusCode).toBe(201);
    expect(submitted.json().request.portfolio).toBeNull();
    const approved = await decide(submitted.json().id, { decision: 'approve' });
    expect(approved.json().record).toMatchObject({ status: 'gateway-approved', gatewayApprovedOn: '2026-01-05', epaStart: null, epaEnd: null });
    expect(await recordOf(record.id)).toMatchObject({ showcaseFormat: 'report', epaStart: null, epaEnd: null });
  });
});
