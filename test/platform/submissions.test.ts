import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docx, pdf, words } from '../fixtures/documents.ts';
import { type Parties, partiesOf, register, report, throughGateway, upload, uploaded } from '../fixtures/epa.ts';
import { createTestApp, ENGINES, type TestApp } from './harness.ts';

describe.each(ENGINES)('submissions of work (%s)', (engine) => {
  let t: TestApp;
  let p: Parties;
  let admin: { email: string; cookie: string };
  let provider: { email: string; cookie: string };
  /** Moves "today"; sessions last hours, so everyone signs in again. */
  let travel: (date: string) => Promise<void>;

  beforeAll(async () => {
    t = await createTestApp(engine);
    ({ admin, provider, p, travel } = await partiesOf(t));
  }, 60_000);
  afterAll(() => t.close());

  /** A record through gateway, approved on `approvedOn`; today is then set back to `today`. */
  const approvedRecord = async (approvedOn = '2026-01-05', overrides: Record<string, unknown> = {}, gatewayBody: Record<string, unknown> = {}) => {
    await travel(approvedOn);
    const record = await register(t, p, overrides);
    const st0072 = String(overrides.standard ?? '').startsWith('ST0072');
    await throughGateway(t, p, record.id, gatewayBody, st0072 ? 0 : 10);
    return record;
  };

  const submit = (recordId: string, body: Record<string, unknown>, cookie = provider.cookie, headers?: Record<string, string>) =>
    t.request('POST', `/api/v1/records/${recordId}/submissions`, { cookie, body, ...(headers ? { headers } : {}) });
  const submitReport = async (recordId: string, bytes: Uint8Array, extra: Record<string, unknown> = {}) =>
    submit(recordId, { kind: 'project-report', fileId: await uploaded(t, provider.cookie, recordId, 'project-report', bytes), ...extra });
  const listOf = async (recordId: string) => (await t.request('GET', `/api/v1/records/${recordId}/submissions`, { cookie: admin.cookie })).json().submissions;

  it('counts the words of a .docx project report against 2500 ± 10%', async () => {
    const record = await approvedRecord();
    const ok = await submitReport(record.id, report(2500));
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ wordCount: 2500, outcome: { ok: true, findings: [], words: { counted: 2500, rule: { min: 2250, max: 2750 } } } });
    expect(ok.json().outcome.words.rule.source).toContain('001_1e92b44f98d10fcb.txt');
    for (const n of [2250, 2750]) expect((await submitReport(record.id, report(n))).statusCode, String(n)).toBe(201);

    const low = await submitReport(record.id, report(2249));
    expect(low.statusCode).toBe(422);
    expect(low.headers['content-type']).toContain('application/problem+json');
    expect(low.json()).toMatchObject({ code: 'WORD_COUNT_TOO_LOW', wordCount: 2249, findings: [{ code: 'WORD_COUNT_TOO_LOW', min: 2250, max: 2750 }] });
    expect(low.json().findings[0].source).toContain('001_1e92b44f98d10fcb.txt');
    const high = await submitReport(record.id, report(2751));
    expect([high.statusCode, high.json().code, high.json().wordCount]).toEqual([422, 'WORD_COUNT_TOO_HIGH', 2751]);
    expect(await listOf(record.id)).toHaveLength(3);
  });

  it('counts a .pdf report too', async () => {
    const record = await approvedRecord();
    const ok = await submitReport(record.id, pdf(['Work-based project report', ...words(2397)]));
    expect([ok.statusCode, ok.json().wordCount]).toEqual([201, 2400]);
    const high = await submitReport(record.id, pdf(words(3000)));
    expect([high.statusCode, high.json().code, high.json().wordCount]).toEqual([422, 'WORD_COUNT_TOO_HIGH', 3000]);
  });

  it('excludes annexes when they are marked, by heading or by the marker given', async () => {
    const record = await approvedRecord();
    const annexes = ['Annex A – customer emails', ...words(900), 'Annex B', ...words(300)];
    const withAnnexes = await submitReport(record.id, report(2600, annexes));
    expect(withAnnexes.statusCode).toBe(201);
    expect(withAnnexes.json()).toMatchObject({ wordCount: 2600, outcome: { words: { counted: 2600, annexes: { heading: 'Annex A – customer emails' } } } });
    expect(withAnnexes.json().outcome.words.total).toBeGreaterThan(3700);

    const pdfAnnexes = await submitReport(record.id, pdf(['Report', ...words(2299), 'Appendices', ...words(1000)]));
    expect([pdfAnnexes.statusCode, pdfAnnexes.json().wordCount]).toEqual([201, 2300]);

    // Unmarked by a heading: counted in full unless the submitter names the marker.
    const custom = report(2500, ['Supporting evidence pack', ...words(800)]);
    const unmarked = await submitReport(record.id, custom);
    expect([unmarked.statusCode, unmarked.json().code]).toEqual([422, 'WORD_COUNT_TOO_HIGH']);
    const marked = await submitReport(record.id, custom, { annexMarker: 'Supporting evidence' });
    expect([marked.statusCode, marked.json().wordCount]).toEqual([201, 2500]);
  });

  it('checks the deadline: the project report is due 2 months after gateway approval', async () => {
    const record = await approvedRecord('2026-01-05');
    await travel('2026-03-05');
    const onTheDay = await submitReport(record.id, report(2500));
    expect(onTheDay.statusCode).toBe(201);
    expect(onTheDay.json().outcome.due).toMatchObject({ date: '2026-03-05' });
    await travel('2026-03-06');
    const late = await submitReport(record.id, report(2500));
    expect(late.statusCode).toBe(422);
    expect(late.json()).toMatchObject({ code: 'PROJECT_AFTER_DEADLINE', wordCount: 2500, findings: [{ code: 'PROJECT_AFTER_DEADLINE', due: '2026-03-05' }] });
    expect(late.json().findings[0].source).toContain('001_1e92b44f98d10fcb.txt');
    // Word count and deadline failures together: the first is the problem's code.
    const both = await submitReport(record.id, report(1000));
    expect(both.json().findings.map((f: { code: string }) => f.code)).toEqual(['WORD_COUNT_TOO_LOW', 'PROJECT_AFTER_DEADLINE']);
    expect(await listOf(record.id)).toHaveLength(1);
    await travel('2026-01-05');
  });

  it('with the project booked, applies the plan’s rules to the submission date (14 days before the interview)', async () => {
    const record = await approvedRecord('2026-01-05');
    const assessor = await t.user('assessor');
    const { id: assessorId } = await t.ctx.db.selectFrom('assessors').select('id').where('userId', '=', assessor.id).executeTakeFirstOrThrow();
    // Booked by the bookings module (another use-case); inserted directly here. Notice and window problems of the booking itself are not the submission's.
    await t.ctx.db
      .insertInto('bookings')
      .values({
        epaRecordId: record.id,
        method: 'project',
        assessorId,
        startsAt: '2026-02-20T10:00:00Z',
        endsAt: '2026-02-20T11:00:00Z',
        bookedOn: '2026-01-10',
        venue: 'Head office',
        status: 'booked',
        warnings: '[]',
      })
      .execute();
    await travel('2026-02-10');
    const late = await submitReport(record.id, report(2500));
    expect(late.statusCode).toBe(422);
    expect(late.json()).toMatchObject({ code: 'PROJECT_LATE', findings: [{ code: 'PROJECT_LATE', requiredDays: 14, methods: ['project'] }] });
    expect(late.json().findings).toHaveLength(1);
    // The EPAO records a report it received on time.
    const recorded = await submit(
      record.id,
      { kind: 'project-report', fileId: await uploaded(t, provider.cookie, record.id, 'project-report', report(2500)), submittedOn: '2026-02-06' },
      admin.cookie,
    );
    expect([recorded.statusCode, recorded.json().outcome.ok]).toEqual([201, true]);
    const backdated = await submit(
      record.id,
      { kind: 'project-report', fileId: await uploaded(t, provider.cookie, record.id, 'project-report', report(2500)), submittedOn: '2026-02-06' },
      provider.cookie,
    );
    expect(backdated.statusCode).toBe(403);
    await travel('2026-01-05');
  });

  it('ST0072 showcase: at most 4,500 words for a written report; a presentation is not counted', async () => {
    const st0072 = { standard: 'ST0072@1.1', dateOfBirth: '1990-06-01', startDate: '2024-01-08', channel: 'face-to-face' };
    const notRequired = { qualifications: { english: null, maths: null } };
    const written = await approvedRecord('2026-01-05', st0072, { ...notRequired, showcaseFormat: 'report' });
    const showcase = async (recordId: string, bytes: Uint8Array) =>
      submit(recordId, { kind: 'showcase', fileId: await uploaded(t, provider.cookie, recordId, 'showcase', bytes) });
    const ok = await showcase(written.id, docx(words(4500)));
    expect([ok.statusCode, ok.json().wordCount]).toEqual([201, 4500]);
    const high = await showcase(written.id, docx([...words(4501), 'Appendix 1', ...words(2000)]));
    expect([high.statusCode, high.json().code, high.json().wordCount]).toEqual([422, 'WORD_COUNT_TOO_HIGH', 4501]);
    expect(high.json().findings[0].source).toContain('003_16fb56b024b0b0ad.txt');
    const report = await submit(written.id, { kind: 'project-report', fileId: ok.json().id });
    expect([report.statusCode, report.json().code]).toEqual([400, 'NO_SUCH_SUBMISSION']);

    const presented = await approvedRecord('2026-01-05', st0072, { ...notRequired, showcaseFormat: 'presentation' });
    const slides = await showcase(presented.id, pdf(words(6000)));
    expect([slides.statusCode, slides.json().wordCount, slides.json().outcome.words]).toEqual([201, null, null]);
  });

  it('is for records through gateway, with a file of the right kind, by the parties who may', async () => {
    await travel('2026-01-05');
    const registered = await register(t, p);
    const early = await submitReport(registered.id, report(2500));
    expect([early.statusCode, early.json().code]).toEqual([409, 'GATEWAY_NOT_APPROVED']);

    const record = await approvedRecord();
    const piece = (await t.request('GET', `/api/v1/records/${record.id}/files?purpose=portfolio-piece`, { cookie: provider.cookie })).json().files[0];
    const wrong = await submit(record.id, { kind: 'project-report', fileId: piece.id });
    expect([wrong.statusCode, wrong.json().code]).toEqual([400, 'WRONG_FILE']);
    const elsewhere = await submit(record.id, {
      kind: 'project-report',
      fileId: await uploaded(t, provider.cookie, registered.id, 'project-report', report(2500)),
    });
    expect([elsewhere.statusCode, elsewhere.json().code]).toEqual([400, 'UNKNOWN_FILE']);
    const bad = await submit(record.id, { kind: 'essay', fileId: piece.id });
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'VALIDATION_FAILED']);
    const reportId = await uploaded(t, provider.cookie, record.id, 'project-report', report(2500));
    const future = await submit(record.id, { kind: 'project-report', fileId: reportId, submittedOn: '2026-02-01' }, admin.cookie);
    expect([future.statusCode, future.json().code]).toEqual([400, 'SUBMITTED_IN_FUTURE']);
    const beforeGateway = await submit(record.id, { kind: 'project-report', fileId: reportId, submittedOn: '2026-01-04' }, admin.cookie);
    expect([beforeGateway.statusCode, beforeGateway.json().code]).toEqual([400, 'DATES_OUT_OF_ORDER']);
    const broken = await uploaded(t, provider.cookie, record.id, 'project-report', pdf(words(10)).subarray(0, 40));
    const unreadable = await submit(record.id, { kind: 'project-report', fileId: broken });
    expect([unreadable.statusCode, unreadable.json().code]).toEqual([400, 'UNREADABLE_FILE']);

    // The apprentice uploads and submits their own report; the employer may not.
    const apprentice = await t.user('apprentice', { apprenticeId: record.apprentice.id });
    const own = await upload(t, apprentice.cookie, record.id, 'project-report', report(2500));
    expect(own.statusCode).toBe(201);
    const byApprentice = await submit(record.id, { kind: 'project-report', fileId: own.json().id }, apprentice.cookie);
    expect(byApprentice.statusCode).toBe(201);
    const employer = await t.user('employer', { organisationId: p.employerId });
    expect((await submit(record.id, { kind: 'project-report', fileId: own.json().id }, employer.cookie)).statusCode).toBe(403);
    expect((await t.request('GET', `/api/v1/records/${record.id}/submissions`, { cookie: employer.cookie })).json().submissions).toHaveLength(1);

    // Retried in parallel with one Idempotency-Key: one submission.
    const key = { 'idempotency-key': 'report-1' };
    const retries = await Promise.all([1, 2, 3].map(() => submit(record.id, { kind: 'project-report', fileId: own.json().id }, provider.cookie, key)));
    expect(new Set(retries.map((r) => r.json().id)).size).toBe(1);
    expect(await listOf(record.id)).toHaveLength(2);
    expect((await t.request('GET', '/api/v1/audit/verify', { cookie: admin.cookie })).json().intact).toBe(true);
  });
});
