// After the result, through the API: certificates and the results statement, the
// achievements export, appeals, malpractice and withdrawal. Released results are put straight into the database: the
// assessment-to-release flow is tested on its own. "Today" is fixed with t.setToday.
import { extractText } from 'unpdf';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ApprenticeshipServiceClient, OutboxApprenticeshipService, sendAchievements } from '../../src/app/achievements.ts';
import { appealWindow } from '../../src/app/epao-settings.ts';
import type { Actor } from '../../src/domain/access/access.ts';
import type { Achievement } from '../../src/domain/certification/claim.ts';
import type { Grade } from '../../src/store/schema.ts';
import { createTestApp, ENGINES, type TestApp } from './harness.ts';

type User = { id: string; email: string; cookie: string };
type Grades = Record<string, Grade>;

const PASS: Grades = { observation: 'pass', project: 'pass', discussion: 'pass' };

describe('the EPAO appeal window setting', () => {
  it('defaults to 20 working days, says where it comes from, and refuses a bad value', () => {
    expect(appealWindow({})).toMatchObject({ workingDays: 20, source: expect.stringContaining('APPEAL_WINDOW_WORKING_DAYS') });
    expect(appealWindow({ APPEAL_WINDOW_WORKING_DAYS: '10' }).workingDays).toBe(10);
    expect(() => appealWindow({ APPEAL_WINDOW_WORKING_DAYS: 'twenty' })).toThrow(/whole number/);
    expect(() => appealWindow({ APPEAL_WINDOW_WORKING_DAYS: '0' })).toThrow(/whole number/);
  });
});

describe.each(ENGINES)('certificates, achievements, appeals, malpractice and withdrawal (%s)', (engine) => {
  let t: TestApp;
  let admin: User;
  let iqa: User;
  let provider: User;
  let employer: User;
  let otherProvider: User;
  let assessorId: string;
  let providerId: string;
  let employerId: string;
  let uln = 0;
  let hour = 0;

  beforeAll(async () => {
    t = await createTestApp(engine);
    t.setToday('2026-01-05');
    admin = await t.user('epao-admin');
    iqa = await t.user('iqa');
    providerId = await t.organisation('provider', 'Northern Training');
    employerId = await t.organisation('employer', 'Acme Retail');
    provider = await t.user('provider', { organisationId: providerId });
    employer = await t.user('employer', { organisationId: employerId });
    otherProvider = await t.user('provider');
    const assessor = await t.user('assessor');
    assessorId = (await t.ctx.db.selectFrom('assessors').select('id').where('userId', '=', assessor.id).executeTakeFirstOrThrow()).id;
  }, 30_000);
  afterAll(() => t.close());
  afterEach(() => t.setToday('2026-01-05'));

  /** Moves "today"; the sessions signed in so far are kept alive across the jump. */
  async function travel(date: string) {
    await t.ctx.db.updateTable('sessions').set({ expiresAt: '2030-01-01T00:00:00Z' }).execute();
    t.setToday(date);
  }

  const actorOf = (u: User, role: Actor['role']): Actor => ({ userId: u.id, role, organisationId: null, apprenticeId: null, assessorId: null, name: u.email });

  type RecordOptions = {
    givenNames?: string;
    familyName?: string;
    uln?: string;
    status?: 'completed' | 'in-epa';
    /** A released result; null for none. */
    result?: { overall: Grade; grades?: Grades; releasedOn?: string; feedback?: string; status?: 'released' | 'suspended' } | null;
  };

  /** An apprentice with a completed ST0071 v1.2 (PAL) record and a released result. */
  async function record(o: RecordOptions = {}) {
    const number = o.uln ?? String(1_200_000_000 + ++uln);
    const familyName = o.familyName ?? `Lovelace ${uln}`;
    const apprentice = await t.ctx.db
      .insertInto('apprentices')
      .values({ uln: number, givenNames: o.givenNames ?? 'Ada', familyName, dateOfBirth: '2004-05-06', email: null, providerId, employerId })
      .returning('id')
      .executeTakeFirstOrThrow();
    const row = await t.ctx.db
      .insertInto('epaRecords')
      .values({
        apprenticeId: apprentice.id,
        uln: number,
        standard: 'ST0071@1.2',
        standardCode: 'ST0071',
        policy: 'PAL',
        status: o.status ?? 'completed',
        startDate: '2024-09-02',
        registeredOn: '2025-09-01',
        gatewayApprovedOn: '2025-10-01',
      })
      .returning(['id', 'version'])
      .executeTakeFirstOrThrow();
    let resultId: string | null = null;
    if (o.result !== null) {
      const r = o.result ?? { overall: 'pass' };
      const grades = r.grades ?? (r.overall === 'fail' ? { ...PASS, project: 'fail' } : PASS);
      resultId = (
        await t.ctx.db
          .insertInto('results')
          .values({
            epaRecordId: row.id,
            overall: r.overall,
            capped: false,
            methodGrades: JSON.stringify(grades),
            feedback: r.feedback ?? null,
            finalAssessmentOn: '2025-12-15',
            releasedOn: r.releasedOn ?? '2026-01-05',
            status: r.status ?? 'released',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    }
    return { recordId: row.id, version: row.version, apprenticeId: apprentice.id, uln: number, familyName, resultId: resultId as string };
  }

  /** A held booking with its submitted assessment, by the given assessor. */
  async function assessment(recordId: string, method: string, byAssessorId: string, attempt = 1) {
    hour++;
    const startsAt = new Date(Date.UTC(2025, 11, 1, 0, 0) + hour * 3 * 3_600_000);
    const booking = await t.ctx.db
      .insertInto('bookings')
      .values({
        epaRecordId: recordId,
        method,
        assessorId: byAssessorId,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 3_600_000),
        bookedOn: '2025-11-01',
        venue: 'Leeds',
        status: 'held',
        warnings: '[]',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.ctx.db
      .insertInto('assessments')
      .values({
        bookingId: booking.id,
        epaRecordId: recordId,
        method,
        attempt,
        assessorId: byAssessorId,
        status: 'submitted',
        judgements: '{}',
        sessionFindings: '[]',
        provisionalGrade: 'pass',
        endedAt: new Date(startsAt.getTime() + 3_600_000),
      })
      .execute();
  }

  const claim = (recordId: string, body: Record<string, unknown>, user = admin, headers?: Record<string, string>) =>
    t.request('POST', `/api/v1/records/${recordId}/certificate`, { cookie: user.cookie, body, ...(headers ? { headers } : {}) });
  const step = (id: string, version: number, s: string) =>
    t.request('POST', `/api/v1/certificates/${id}/steps`, { cookie: admin.cookie, body: { version, step: s } });
  const currentResult = (recordId: string) =>
    t.ctx.db.selectFrom('results').selectAll().where('epaRecordId', '=', recordId).orderBy('createdAt', 'desc').orderBy('releasedOn', 'desc').execute();

  describe('claiming the certificate', () => {
    it('refuses a misspelt family name with the finding (422 CLAIM_NAME_MISMATCH)', async () => {
      const r = await record({ familyName: 'Featherstonehaugh' });
      const refused = await claim(r.recordId, { givenNames: 'Ada', familyName: 'Featherstonhaugh', uln: r.uln });
      expect(refused.statusCode).toBe(422);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json().code).toBe('CLAIM_NAME_MISMATCH');
      expect(refused.json().findings[0]).toMatchObject({ code: 'CLAIM_NAME_MISMATCH', source: expect.stringContaining('004_f9b9047560044387.txt') });
      // Case and spacing are not misspellings.
      const ok = await claim(r.recordId, { givenNames: ' ada ', familyName: 'FEATHERSTONEHAUGH', uln: r.uln });
      expect(ok.statusCode).toBe(201);
    });

    it('refuses a fail (GRADE_NOT_ACHIEVED), a wrong ULN and the temporary ULN', async () => {
      const failed = await record({ result: { overall: 'fail', feedback: 'Develop the project evaluation.' } });
      const refused = await claim(failed.recordId, { givenNames: 'Ada', familyName: failed.familyName, uln: failed.uln });
      expect([refused.statusCode, refused.json().code]).toEqual([422, 'GRADE_NOT_ACHIEVED']);
      const passed = await record();
      const wrongUln = await claim(passed.recordId, { givenNames: 'Ada', familyName: passed.familyName, uln: '1234567899' });
      expect([wrongUln.statusCode, wrongUln.json().code]).toEqual([422, 'CLAIM_ULN_MISMATCH']);
      const temporary = await record({ uln: '9999999999' });
      const temp = await claim(temporary.recordId, { givenNames: 'Ada', familyName: temporary.familyName, uln: '9999999999' });
      expect([temp.statusCode, temp.json().code]).toEqual([422, 'ULN_TEMPORARY']);
    });

    it('is the EPAO’s to claim, once per result, and only for a released result', async () => {
      const r = await record();
      const body = { givenNames: 'Ada', familyName: r.familyName, uln: r.uln };
      expect((await claim(r.recordId, body, provider)).statusCode).toBe(403);
      const first = await claim(r.recordId, body, admin, { 'idempotency-key': `claim-${r.recordId}` });
      const retry = await claim(r.recordId, body, admin, { 'idempotency-key': `claim-${r.recordId}` });
      expect([first.statusCode, retry.statusCode]).toEqual([201, 201]);
      expect(retry.json().id).toBe(first.json().id);
      const again = await claim(r.recordId, body);
      expect([again.statusCode, again.json().code]).toEqual([409, 'CERTIFICATE_EXISTS']);
      const none = await record({ result: null, status: 'in-epa' });
      const noResult = await claim(none.recordId, { givenNames: 'Ada', familyName: none.familyName, uln: none.uln });
      expect([noResult.statusCode, noResult.json().code]).toEqual([409, 'NO_RELEASED_RESULT']);
      expect((await claim('not-a-uuid', body)).statusCode).toBe(404);
    });

    it('goes requested → issued → sent (to the employer) → reprint → issued; stale and wrong steps are 409', async () => {
      const r = await record({ result: { overall: 'distinction', grades: { observation: 'distinction', project: 'distinction', discussion: 'distinction' } } });
      const created = await claim(r.recordId, { givenNames: 'Ada', familyName: r.familyName, uln: r.uln });
      expect(created.statusCode).toBe(201);
      const id = created.json().id;
      expect(created.json()).toMatchObject({ status: 'requested', version: 1, grade: 'distinction', requestedOn: '2026-01-05', reprints: 0 });

      const issued = await step(id, 1, 'issued');
      expect([issued.statusCode, issued.json().status, issued.json().issuedOn]).toEqual([200, 'issued', '2026-01-05']);
      await travel('2026-01-07');
      const sent = await step(id, 2, 'sent');
      expect(sent.json()).toMatchObject({ status: 'sent', sentOn: '2026-01-07', version: 3, sendTo: { employerId, name: 'Acme Retail' } });
      const stale = await step(id, 2, 'reprint');
      expect([stale.statusCode, stale.json().code, stale.json().currentVersion]).toEqual([409, 'STALE_VERSION', 3]);
      const reprint = await step(id, 3, 'reprint');
      expect(reprint.json()).toMatchObject({ status: 'reprint-requested', reprints: 1, version: 4 });
      const wrong = await step(id, 4, 'sent');
      expect([wrong.statusCode, wrong.json().code]).toEqual([409, 'BAD_TRANSITION']);
      const reissued = await step(id, 4, 'issued');
      expect(reissued.json()).toMatchObject({ status: 'issued', reprints: 1, version: 5, issuedOn: '2026-01-07' });
      const issuedTwice = await step(id, 5, 'issued');
      expect([issuedTwice.statusCode, issuedTwice.json().code]).toEqual([409, 'BAD_TRANSITION']);

      const list = await t.request('GET', '/api/v1/certificates?status=issued', { cookie: admin.cookie });
      expect(list.json().certificates.map((c: { id: string }) => c.id)).toContain(id);
      expect((await t.request('GET', '/api/v1/certificates', { cookie: provider.cookie })).statusCode).toBe(403);
      const audit = await t.ctx.db
        .selectFrom('auditLog')
        .select('action')
        .where('entity', '=', 'certificate')
        .where('entityId', '=', id)
        .orderBy('seq')
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['claim', 'issue', 'send', 'reprint', 'issue']);
    });
  });

  describe('the results statement', () => {
    it('is a PDF with the name, ULN, standard, grades and release date, the same bytes each time', async () => {
      const r = await record({
        givenNames: 'Ada',
        familyName: 'Byron-King',
        result: { overall: 'pass', grades: { observation: 'distinction', project: 'pass', discussion: 'pass' } },
      });
      const apprentice = await t.user('apprentice', { apprenticeId: r.apprenticeId });
      const response = await t.request('GET', `/api/v1/records/${r.recordId}/results-statement.pdf`, { cookie: apprentice.cookie });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      const pdf = response.rawPayload;
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const { text } = await extractText(new Uint8Array(pdf), { mergePages: true });
      expect(text).toContain('Ada Byron-King');
      expect(text).toContain(r.uln);
      expect(text).toContain('Customer Service Specialist (ST0071, version 1.2');
      expect(text).toMatch(/Practical observation with Q&As: Distinction/);
      expect(text).toMatch(/Overall grade: Pass/);
      expect(text).toContain('2026-01-05');
      // Uncompressed: the text is in the content stream (pdfkit writes it as hex glyph strings).
      expect(pdf.toString('latin1')).toContain(Buffer.from('Byron-King', 'latin1').toString('hex'));
      const again = await t.request('GET', `/api/v1/records/${r.recordId}/results-statement.pdf`, { cookie: provider.cookie });
      expect(again.rawPayload.equals(pdf)).toBe(true);
    });

    it('gives a fail’s feedback; is 404 before release and to someone who may not see the record', async () => {
      const failed = await record({ result: { overall: 'fail', feedback: 'Evaluate the project outcomes against the brief.' } });
      const response = await t.request('GET', `/api/v1/records/${failed.recordId}/results-statement.pdf`, { cookie: employer.cookie });
      const { text } = await extractText(new Uint8Array(response.rawPayload), { mergePages: true });
      expect(text).toContain('Overall grade: Fail');
      expect(text).toContain('Evaluate the project outcomes against the brief.');
      const pending = await record({ result: null, status: 'in-epa' });
      const before = await t.request('GET', `/api/v1/records/${pending.recordId}/results-statement.pdf`, { cookie: admin.cookie });
      expect([before.statusCode, before.json().code]).toEqual([404, 'NOT_FOUND']);
      const stranger = await t.request('GET', `/api/v1/records/${failed.recordId}/results-statement.pdf`, { cookie: otherProvider.cookie });
      expect(stranger.statusCode).toBe(404);
    });
  });

  describe('achievements for the apprenticeship service', () => {
    const range = { from: '2025-11-01', to: '2025-11-30' };
    let ulns: string[] = [];

    beforeAll(async () => {
      ulns = [];
      for (let i = 0; i < 30; i++) {
        const r = await record({
          familyName: i === 0 ? 'O"Brien, Jr' : `Achiever ${i}`,
          result: { overall: i % 3 === 0 ? 'distinction' : 'pass', releasedOn: `2025-11-${String(1 + i).padStart(2, '0')}`, grades: PASS },
        });
        ulns.push(r.uln);
      }
      // Not achievements: a fail, a suspended pass, and a pass outside the range.
      await record({ result: { overall: 'fail', releasedOn: '2025-11-10', feedback: 'x' } });
      await record({ result: { overall: 'pass', releasedOn: '2025-11-11', status: 'suspended' } });
      await record({ result: { overall: 'pass', releasedOn: '2025-12-01' } });
    }, 60_000);

    it('exports CSV with exactly the service’s columns, and JSON', async () => {
      const csv = await t.request('GET', `/api/v1/achievements?from=${range.from}&to=${range.to}&format=csv`, { cookie: admin.cookie });
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      const lines = csv.body.split('\r\n');
      expect(lines[0]).toBe('uln,family_name,standard_code,standard_version,grade,achievement_date');
      expect(lines.filter((l) => l !== '')).toHaveLength(31);
      expect(lines).toContain(`${ulns[0]},"O""Brien, Jr",ST0071,1.2,distinction,2025-11-01`);
      const json = await t.request('GET', `/api/v1/achievements?from=${range.from}&to=${range.to}`, { cookie: admin.cookie });
      expect(json.json().count).toBe(30);
      expect(json.json().achievements[1]).toEqual({
        uln: ulns[1],
        familyName: 'Achiever 1',
        standardCode: 'ST0071',
        standardVersion: '1.2',
        grade: 'pass',
        achievementDate: '2025-11-02',
      });
      expect((await t.request('GET', `/api/v1/achievements?from=${range.from}&to=${range.to}`, { cookie: provider.cookie })).statusCode).toBe(403);
      const reversed = await t.request('GET', '/api/v1/achievements?from=2025-12-01&to=2025-11-01', { cookie: admin.cookie });
      expect([reversed.statusCode, reversed.json().code]).toEqual([400, 'RANGE_REVERSED']);
      expect((await t.request('GET', '/api/v1/achievements?from=2025-11-31&to=2025-12-01', { cookie: admin.cookie })).statusCode).toBe(400);
    });

    it('sends 30 as batches of 25 and 5; a client refusing more than 25 never receives more', async () => {
      const received: number[] = [];
      const strict: ApprenticeshipServiceClient = {
        async submitBatch(rows: Achievement[]) {
          received.push(rows.length);
          if (rows.length > 25) throw new Error('batch over 25');
          return { accepted: rows.length };
        },
      };
      const report = await sendAchievements(t.ctx, actorOf(admin, 'epao-admin'), strict, range);
      expect(received).toEqual([25, 5]);
      expect(report).toMatchObject({
        rows: 30,
        accepted: 30,
        batches: [
          { batch: 1, rows: 25 },
          { batch: 2, rows: 5 },
        ],
      });

      // The development client refuses an oversized batch as the service would.
      const outbox = new OutboxApprenticeshipService();
      await expect(outbox.submitBatch(Array.from({ length: 26 }, () => ({}) as Achievement))).rejects.toMatchObject({ code: 'SERVICE_BATCH_TOO_LARGE' });
      expect(outbox.sent).toHaveLength(0);

      const sent = await t.request('POST', '/api/v1/achievements/send', {
        cookie: admin.cookie,
        body: range,
        headers: { 'idempotency-key': `send-${engine}` },
      });
      expect(sent.statusCode).toBe(200);
      expect(sent.json().batches.map((b: { rows: number }) => b.rows)).toEqual([25, 5]);
      const audit = await t.ctx.db.selectFrom('auditLog').select('entityId').where('entity', '=', 'achievement-batch').execute();
      expect(audit.length).toBe(4);
    });
  });

  describe('appeals', () => {
    const lodge = (recordId: string, resultId: string, user: User) =>
      t.request('POST', `/api/v1/records/${recordId}/appeals`, {
        cookie: user.cookie,
        body: { resultId, grounds: 'The project interview evidence was not considered.' },
      });
    const decide = (appealId: string, user: User, body: Record<string, unknown>) =>
      t.request('POST', `/api/v1/appeals/${appealId}/decision`, { cookie: user.cookie, body });

    it('is lodged within the EPAO’s window (20 working days by default); later is 422 APPEAL_OUT_OF_TIME', async () => {
      const r = await record({ result: { overall: 'pass', releasedOn: '2026-01-05' } });
      // 20 working days after Monday 5 January 2026 is Monday 2 February.
      await travel('2026-02-03');
      const late = await lodge(r.recordId, r.resultId, employer);
      expect([late.statusCode, late.json().code]).toEqual([422, 'APPEAL_OUT_OF_TIME']);
      expect(late.json().findings[0]).toMatchObject({ deadline: '2026-02-02', source: expect.stringContaining('APPEAL_WINDOW_WORKING_DAYS') });
      await travel('2026-02-02');
      const inTime = await lodge(r.recordId, r.resultId, employer);
      expect(inTime.statusCode).toBe(201);
      expect(inTime.json()).toMatchObject({ status: 'lodged', lodgedOn: '2026-02-02', window: { workingDays: 20, deadline: '2026-02-02' } });
      const twice = await lodge(r.recordId, r.resultId, provider);
      expect([twice.statusCode, twice.json().code]).toEqual([409, 'APPEAL_OPEN']);
    });

    it('is lodged by the parties to the record only', async () => {
      const r = await record();
      const apprentice = await t.user('apprentice', { apprenticeId: r.apprenticeId });
      const other = await record();
      const otherApprentice = await t.user('apprentice', { apprenticeId: other.apprenticeId });
      expect((await lodge(r.recordId, r.resultId, otherApprentice)).statusCode).toBe(404);
      expect((await lodge(r.recordId, r.resultId, otherProvider)).statusCode).toBe(404);
      expect((await lodge(r.recordId, r.resultId, iqa)).statusCode).toBe(403);
      expect((await lodge(r.recordId, other.resultId, apprentice)).statusCode).toBe(404);
      expect((await lodge(r.recordId, r.resultId, apprentice)).statusCode).toBe(201);
    });

    it('is not decided by an assessor of the result (422 APPEAL_DECIDER_NOT_INDEPENDENT); rejected keeps the result', async () => {
      const r = await record();
      // The IQA also assessed this apprentice's observation.
      const iqaAssessor = await t.ctx.db.insertInto('assessors').values({ userId: iqa.id, qualifications: '[]' }).returning('id').executeTakeFirstOrThrow();
      await assessment(r.recordId, 'observation', iqaAssessor.id);
      await assessment(r.recordId, 'project', assessorId);
      const appeal = (await lodge(r.recordId, r.resultId, provider)).json();
      const conflicted = await decide(appeal.id, iqa, { outcome: 'rejected', reason: 'The evidence supports the grade.' });
      expect([conflicted.statusCode, conflicted.json().code]).toEqual([422, 'APPEAL_DECIDER_NOT_INDEPENDENT']);
      expect(conflicted.json().findings[0].source).toContain('004_f9b9047560044387.txt');
      const otherIqa = await t.user('iqa');
      const rejected = await decide(appeal.id, otherIqa, { outcome: 'rejected', reason: 'The evidence supports the grade.' });
      expect([rejected.statusCode, rejected.json().outcome]).toEqual([200, 'rejected']);
      const again = await decide(appeal.id, admin, { outcome: 'rejected', reason: 'Again.' });
      expect([again.statusCode, again.json().code]).toEqual([409, 'APPEAL_DECIDED']);
      const results = await currentResult(r.recordId);
      expect(results.map((x) => [x.id, x.status])).toEqual([[r.resultId, 'released']]);
    });

    it('upheld with pass → distinction supersedes the result and recomputes the overall grade', async () => {
      const r = await record({ result: { overall: 'pass', grades: { observation: 'distinction', project: 'pass', discussion: 'distinction' } } });
      const appeal = (await lodge(r.recordId, r.resultId, employer)).json();
      await travel('2026-01-20');
      const unknown = await decide(appeal.id, admin, { outcome: 'upheld', reason: 'Project evidence re-reviewed.', grades: { showcase: 'distinction' } });
      expect([unknown.statusCode, unknown.json().code]).toEqual([400, 'UNKNOWN_METHOD']);
      const upheld = await decide(appeal.id, admin, { outcome: 'upheld', reason: 'Project evidence re-reviewed.', grades: { project: 'distinction' } });
      expect(upheld.statusCode).toBe(200);
      expect(upheld.json()).toMatchObject({
        outcome: 'upheld',
        superseded: { id: r.resultId, status: 'superseded', overall: 'pass' },
        result: {
          status: 'released',
          overall: 'distinction',
          releasedOn: '2026-01-20',
          methodGrades: { observation: 'distinction', project: 'distinction', discussion: 'distinction' },
        },
      });
      const rows = await t.ctx.db.selectFrom('results').select(['id', 'status', 'overall']).where('epaRecordId', '=', r.recordId).execute();
      expect(rows.map((x) => x.status).sort()).toEqual(['released', 'superseded']);
      const audit = await t.ctx.db.selectFrom('auditLog').selectAll().where('entity', '=', 'appeal').where('entityId', '=', appeal.id).orderBy('seq').execute();
      expect(audit.map((a) => a.action)).toEqual(['lodge', 'uphold']);
      expect(audit[1]?.before).toMatchObject({ overall: 'pass', grades: { project: 'pass' } });
      expect(audit[1]?.after).toMatchObject({ overall: 'distinction', grades: { project: 'distinction' } });
      // The certificate is claimed for the new result.
      const cert = await claim(r.recordId, { givenNames: 'Ada', familyName: r.familyName, uln: r.uln });
      expect([cert.statusCode, cert.json().grade]).toEqual([201, 'distinction']);
    });

    it('an upheld re-sat method is capped at pass without exceptional circumstances (001 §8)', async () => {
      const r = await record({ result: { overall: 'pass', grades: { observation: 'pass', project: 'pass', discussion: 'distinction' } } });
      await assessment(r.recordId, 'project', assessorId, 1);
      await assessment(r.recordId, 'project', assessorId, 2);
      const appeal = (await lodge(r.recordId, r.resultId, provider)).json();
      const unchanged = await decide(appeal.id, admin, { outcome: 'upheld', reason: 'Re-reviewed.', grades: { project: 'distinction' } });
      expect([unchanged.statusCode, unchanged.json().code]).toEqual([422, 'GRADES_UNCHANGED']);
      const upheld = await decide(appeal.id, admin, {
        outcome: 'upheld',
        reason: 'Re-reviewed.',
        grades: { observation: 'distinction', project: 'distinction' },
      });
      expect(upheld.statusCode).toBe(200);
      expect(upheld.json().result).toMatchObject({
        overall: 'pass',
        capped: true,
        methodGrades: { observation: 'distinction', project: 'pass', discussion: 'distinction' },
      });
    });

    describe('between lodging and decision (acknowledgement, reviewer, deadlines)', () => {
      const step = (appealId: string, path: string, user: User, body?: Record<string, unknown>) =>
        t.request('POST', `/api/v1/appeals/${appealId}/${path}`, { cookie: user.cookie, ...(body ? { body } : {}) });
      const mailTo = (address: string) => t.ctx.db.selectFrom('outbox').selectAll().where('toAddress', '=', address).orderBy('createdAt').execute();

      it('is acknowledged once, with deadlines in working days from the lodging, and the parties are e-mailed', async () => {
        const r = await record();
        await t.ctx.db
          .updateTable('apprentices')
          .set({ email: `ada.${r.uln}@example.test` })
          .where('id', '=', r.apprenticeId)
          .execute();
        // Lodged on Wednesday 7 January 2026: 5 working days to acknowledge, 20 to decide (the EPAO's settings).
        await travel('2026-01-07');
        const appeal = (await lodge(r.recordId, r.resultId, employer)).json();
        expect(appeal.deadlines).toMatchObject({
          acknowledgeBy: '2026-01-14',
          decideBy: '2026-02-04',
          source: expect.stringContaining('APPEAL_DECISION_WORKING_DAYS'),
        });
        const seen = await t.request('GET', `/api/v1/appeals/${appeal.id}`, { cookie: employer.cookie });
        expect(seen.json()).toMatchObject({ status: 'lodged', acknowledgedOn: null, due: { step: 'acknowledge', by: '2026-01-14', late: false } });
        expect(seen.json()).not.toHaveProperty('lodgerEmail');
        expect((await t.request('GET', `/api/v1/appeals/${appeal.id}`, { cookie: otherProvider.cookie })).statusCode).toBe(404);
        await travel('2026-01-15');
        const open = (await t.request('GET', '/api/v1/appeals', { cookie: admin.cookie })).json().appeals.find((a: { id: string }) => a.id === appeal.id);
        expect(open.due).toEqual({ step: 'acknowledge', by: '2026-01-14', late: true });
        expect((await step(appeal.id, 'acknowledgement', provider)).statusCode).toBe(403);
        const acknowledged = await step(appeal.id, 'acknowledgement', admin);
        expect(acknowledged.json()).toMatchObject({ acknowledgedOn: '2026-01-15', due: { step: 'decide', by: '2026-02-04', late: false } });
        const again = await step(appeal.id, 'acknowledgement', admin);
        expect([again.statusCode, again.json().code]).toEqual([409, 'APPEAL_ACKNOWLEDGED']);
        const toApprentice = await mailTo(`ada.${r.uln}@example.test`);
        expect(toApprentice.map((m) => m.kind)).toEqual(['appeal-acknowledged']);
        expect(toApprentice[0]?.body).toContain('decided by 2026-02-04');
        expect((await mailTo(employer.email)).filter((m) => m.kind === 'appeal-acknowledged')).toHaveLength(1);
      });

      it('goes to a reviewer who neither assessed nor moderated the EPA; then only the reviewer decides it', async () => {
        const r = await record({ result: { overall: 'pass', grades: { observation: 'distinction', project: 'pass', discussion: 'distinction' } } });
        const reviewer = await t.user('assessor');
        const moderator = await t.user('iqa');
        await assessment(r.recordId, 'project', assessorId);
        const assessorUser = (await t.ctx.db.selectFrom('assessors').select('userId').where('id', '=', assessorId).executeTakeFirstOrThrow()).userId;
        await t.ctx.db
          .updateTable('assessments')
          .set({ moderatedBy: moderator.id, moderationStatus: 'agreed' })
          .where('epaRecordId', '=', r.recordId)
          .execute();
        const appeal = (await lodge(r.recordId, r.resultId, provider)).json();
        const byAssessor = await step(appeal.id, 'reviewer', admin, { reviewerId: assessorUser });
        expect([byAssessor.statusCode, byAssessor.json().code]).toEqual([422, 'APPEAL_DECIDER_NOT_INDEPENDENT']);
        const byModerator = await step(appeal.id, 'reviewer', admin, { reviewerId: moderator.id });
        expect([byModerator.statusCode, byModerator.json().code]).toEqual([422, 'APPEAL_DECIDER_NOT_INDEPENDENT']);
        const byProvider = await step(appeal.id, 'reviewer', admin, { reviewerId: provider.id });
        expect([byProvider.statusCode, byProvider.json().code]).toEqual([409, 'REVIEWER_NOT_STAFF']);
        const assigned = await step(appeal.id, 'reviewer', admin, { reviewerId: reviewer.id });
        expect(assigned.json()).toMatchObject({ reviewerId: reviewer.id, reviewerAssignedOn: '2026-01-05', acknowledgedOn: '2026-01-05' });
        expect((await mailTo(reviewer.email)).map((m) => m.kind)).toEqual(['appeal-reviewer']);
        // The reviewer sees the appeal (though not the record's other pages); the EPAO no longer decides it.
        expect((await t.request('GET', `/api/v1/appeals/${appeal.id}`, { cookie: reviewer.cookie })).statusCode).toBe(200);
        expect((await decide(appeal.id, admin, { outcome: 'rejected', reason: 'The grade stands.' })).statusCode).toBe(403);
        const upheld = await decide(appeal.id, reviewer, { outcome: 'upheld', reason: 'The interview evidence shows D3.', grades: { project: 'distinction' } });
        expect([upheld.statusCode, upheld.json().result.overall]).toEqual([200, 'distinction']);
        const decidedMail = (await mailTo(provider.email)).filter((m) => m.dedupeKey === `appeal:${appeal.id}:decided:${provider.email}`);
        expect(decidedMail[0]?.body).toContain('upheld: the overall grade is now distinction');
      });

      it('holds a re-sit and a certificate claim while open, unless the EPAO says why it goes ahead', async () => {
        const r = await record({ result: { overall: 'pass' } });
        await lodge(r.recordId, r.resultId, provider);
        const held = await claim(r.recordId, { givenNames: 'Ada', familyName: r.familyName, uln: r.uln });
        expect([held.statusCode, held.json().code]).toEqual([422, 'APPEAL_PENDING']);
        const overridden = await claim(r.recordId, {
          givenNames: 'Ada',
          familyName: r.familyName,
          uln: r.uln,
          appealOverride: 'The appeal asks for a higher grade only; the pass stands either way.',
        });
        expect(overridden.statusCode).toBe(201);
        const audit = await t.ctx.db
          .selectFrom('auditLog')
          .selectAll()
          .where('entity', '=', 'certificate')
          .where('entityId', '=', overridden.json().id)
          .execute();
        expect(audit[0]?.after).toMatchObject({ appealOverride: expect.stringContaining('the pass stands') });
        const f = await record({ result: { overall: 'fail' }, status: 'in-epa' });
        await assessment(f.recordId, 'project', assessorId);
        await t.ctx.db.updateTable('assessments').set({ moderationStatus: 'agreed', provisionalGrade: 'fail' }).where('epaRecordId', '=', f.recordId).execute();
        await lodge(f.recordId, f.resultId, provider);
        const resit = (body: Record<string, unknown>) => t.request('POST', `/api/v1/records/${f.recordId}/reattempts`, { cookie: admin.cookie, body });
        const waits = await resit({ method: 'project', kind: 'resit', plannedOn: '2026-02-02' });
        expect([waits.statusCode, waits.json().code]).toEqual([422, 'APPEAL_PENDING']);
        const goes = await resit({ method: 'project', kind: 'resit', plannedOn: '2026-02-02', appealOverride: 'The apprentice asked to re-sit now.' });
        expect(goes.statusCode).toBe(201);
      });
    });
  });

  describe('malpractice', () => {
    const open = (recordId: string) =>
      t.request('POST', `/api/v1/records/${recordId}/malpractice`, {
        cookie: admin.cookie,
        body: { allegation: 'Portfolio pieces copied from another apprentice.' },
      });
    const decide = (caseId: string, outcome: string) =>
      t.request('POST', `/api/v1/malpractice/${caseId}/decision`, { cookie: admin.cookie, body: { outcome, notes: 'Investigation concluded.' } });

    it('is reported by anyone who may see the record, names whom it concerns, holds the result, and is logged and decided by the EPAO', async () => {
      const r = await record();
      const assessorUser = (await t.ctx.db.selectFrom('assessors').select('userId').where('id', '=', assessorId).executeTakeFirstOrThrow()).userId;
      await assessment(r.recordId, 'project', assessorId);
      const report = (user: User, body: Record<string, unknown>) =>
        t.request('POST', `/api/v1/records/${r.recordId}/malpractice-reports`, { cookie: user.cookie, body });
      const allegation = 'The assessor told the apprentice the answers during the discussion.';
      expect((await report(otherProvider, { concerns: 'assessor', concernsUserId: assessorUser, allegation })).statusCode).toBe(404);
      const stranger = await report(provider, { concerns: 'assessor', concernsUserId: otherProvider.id, allegation });
      expect([stranger.statusCode, stranger.json().code]).toEqual([400, 'UNKNOWN_PERSON']);
      const reported = await report(provider, { concerns: 'assessor', concernsUserId: assessorUser, allegation });
      expect([reported.statusCode, reported.json().status]).toEqual([201, 'open']);
      expect((await currentResult(r.recordId))[0]?.status).toBe('suspended');
      const caseId = reported.json().id;
      expect((await t.request('GET', `/api/v1/malpractice/${caseId}`, { cookie: provider.cookie })).statusCode).toBe(403);
      // A second report while the case is open joins its log rather than being lost.
      const second = await report(employer, { concerns: 'assessor', allegation: 'The assessor also filled in the project interview notes beforehand.' });
      expect([second.statusCode, second.json().id]).toEqual([201, caseId]);
      const noted = await t.request('POST', `/api/v1/malpractice/${caseId}/notes`, {
        cookie: admin.cookie,
        body: { note: 'Listened to the recording: the answers were given at 12 minutes.' },
      });
      expect(noted.json()).toMatchObject({ concerns: 'assessor', concernsUserId: assessorUser, reporterRole: 'provider', resultStatus: 'suspended' });
      // (Both written at the tests' fixed "now": their order between them is not the point.)
      expect(
        noted
          .json()
          .log.map((n: { note: string }) => n.note)
          .sort(),
      ).toEqual([
        'Listened to the recording: the answers were given at 12 minutes.',
        expect.stringContaining('filled in the project interview notes beforehand'),
      ]);
      const dismissedWithSanction = await t.request('POST', `/api/v1/malpractice/${caseId}/decision`, {
        cookie: admin.cookie,
        body: { outcome: 'dismissed', notes: 'Nothing found.', suspendAssessor: true },
      });
      expect([dismissedWithSanction.statusCode, dismissedWithSanction.json().code]).toEqual([422, 'SANCTION_NOT_OPEN']);
      const upheld = await t.request('POST', `/api/v1/malpractice/${caseId}/decision`, {
        cookie: admin.cookie,
        body: { outcome: 'result-cancelled', notes: 'Malpractice found: the assessor led the apprentice.', suspendAssessor: true },
      });
      expect(upheld.json()).toMatchObject({ status: 'upheld', resultStatus: 'cancelled', sanction: 'assessor-suspended' });
      const suspended = await t.ctx.db
        .selectFrom('assessors')
        .select(['suspendedOn', 'suspendedReason'])
        .where('id', '=', assessorId)
        .executeTakeFirstOrThrow();
      expect(suspended).toEqual({ suspendedOn: '2026-01-05', suspendedReason: `malpractice case ${caseId}` });
      await t.ctx.db.updateTable('assessors').set({ suspendedOn: null, suspendedReason: null }).where('id', '=', assessorId).execute();
    });

    it('is never seen or decided by the person it concerns, the EPAO’s own staff included', async () => {
      const r = await record();
      const reported = await t.request('POST', `/api/v1/records/${r.recordId}/malpractice-reports`, {
        cookie: employer.cookie,
        body: { concerns: 'epao-staff', concernsUserId: admin.id, allegation: 'The EPAO changed the grade without telling anyone.' },
      });
      const caseId = reported.json().id;
      expect(reported.statusCode).toBe(201);
      const own = await t.request('POST', `/api/v1/malpractice/${caseId}/decision`, { cookie: admin.cookie, body: { outcome: 'dismissed', notes: 'No.' } });
      expect([own.statusCode, own.json().code]).toEqual([422, 'MALPRACTICE_DECIDER_CONCERNED']);
      expect((await t.request('GET', `/api/v1/malpractice/${caseId}`, { cookie: admin.cookie })).json().code).toBe('MALPRACTICE_DECIDER_CONCERNED');
      const otherAdmin = await t.user('epao-admin');
      const decided = await t.request('POST', `/api/v1/malpractice/${caseId}/decision`, {
        cookie: otherAdmin.cookie,
        body: { outcome: 'dismissed', notes: 'The grade change was moderation, recorded.' },
      });
      expect([decided.statusCode, decided.json().resultStatus]).toEqual([200, 'released']);
    });

    it('suspends the result (no claim, no step) and then cancels it; the certificate stops', async () => {
      const r = await record();
      const body = { givenNames: 'Ada', familyName: r.familyName, uln: r.uln };
      const cert = (await claim(r.recordId, body)).json();
      const opened = await open(r.recordId);
      expect(opened.statusCode).toBe(201);
      expect(opened.json()).toMatchObject({ status: 'open', resultId: r.resultId, resultStatus: 'suspended' });
      expect((await open(r.recordId)).json().code).toBe('CASE_OPEN');
      expect((await currentResult(r.recordId))[0]?.status).toBe('suspended');
      const stepped = await step(cert.id, 1, 'issued');
      expect([stepped.statusCode, stepped.json().code]).toEqual([409, 'RESULT_SUSPENDED']);
      const pdf = await t.request('GET', `/api/v1/records/${r.recordId}/results-statement.pdf`, { cookie: admin.cookie });
      expect(pdf.json().code).toBe('RESULT_SUSPENDED');

      const other = await record();
      await open(other.recordId);
      const refused = await claim(other.recordId, { givenNames: 'Ada', familyName: other.familyName, uln: other.uln });
      expect([refused.statusCode, refused.json().code]).toEqual([409, 'RESULT_SUSPENDED']);

      const cancelled = await decide(opened.json().id, 'result-cancelled');
      expect(cancelled.json()).toMatchObject({
        status: 'upheld',
        outcome: 'result-cancelled',
        resultStatus: 'cancelled',
        stoppedCertificates: [{ id: cert.id }],
      });
      expect((await currentResult(r.recordId))[0]?.status).toBe('cancelled');
      const stopped = await step(cert.id, 1, 'issued');
      expect([stopped.statusCode, stopped.json().code]).toEqual([409, 'RESULT_CANCELLED']);
      const list = await t.request('GET', `/api/v1/certificates?recordId=${r.recordId}`, { cookie: admin.cookie });
      expect(list.json().certificates[0]).toMatchObject({ id: cert.id, stopped: true, resultStatus: 'cancelled' });
      expect((await decide(opened.json().id, 'dismissed')).json().code).toBe('CASE_DECIDED');
    });

    it('dismissed or result-stands puts the result back', async () => {
      for (const outcome of ['dismissed', 'result-stands']) {
        const r = await record();
        const opened = (await open(r.recordId)).json();
        const decided = await decide(opened.id, outcome);
        expect(decided.json()).toMatchObject({ resultStatus: 'released', status: outcome === 'dismissed' ? 'dismissed' : 'upheld' });
        const ok = await claim(r.recordId, { givenNames: 'Ada', familyName: r.familyName, uln: r.uln });
        expect(ok.statusCode).toBe(201);
      }
      expect(
        (await t.request('POST', `/api/v1/records/${(await record()).recordId}/malpractice`, { cookie: provider.cookie, body: { allegation: 'Something.' } }))
          .statusCode,
      ).toBe(403);
    });
  });

  describe('withdrawal', () => {
    it('withdraws at any stage, cancelling the bookings still to come, version-checked and audited', async () => {
      const r = await record({ result: null, status: 'in-epa' });
      const future = await t.ctx.db
        .insertInto('bookings')
        .values({
          epaRecordId: r.recordId,
          method: 'discussion',
          assessorId,
          startsAt: '2026-02-10T10:00:00Z',
          endsAt: '2026-02-10T11:00:00Z',
          bookedOn: '2025-12-01',
          remoteLink: 'https://meet.example/abc',
          status: 'booked',
          warnings: '[]',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const past = await t.ctx.db
        .insertInto('bookings')
        .values({
          epaRecordId: r.recordId,
          method: 'observation',
          assessorId,
          startsAt: '2026-01-02T10:00:00Z',
          endsAt: '2026-01-02T11:00:00Z',
          bookedOn: '2025-11-01',
          venue: 'Leeds',
          status: 'booked',
          warnings: '[]',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const body = { version: r.version, reason: 'Left the employer.' };
      expect((await t.request('POST', `/api/v1/records/${r.recordId}/withdraw`, { cookie: otherProvider.cookie, body })).statusCode).toBe(404);
      expect((await t.request('POST', `/api/v1/records/${r.recordId}/withdraw`, { cookie: employer.cookie, body })).statusCode).toBe(403);
      const stale = await t.request('POST', `/api/v1/records/${r.recordId}/withdraw`, { cookie: provider.cookie, body: { ...body, version: r.version + 1 } });
      expect([stale.statusCode, stale.json().code]).toEqual([409, 'STALE_VERSION']);
      const done = await t.request('POST', `/api/v1/records/${r.recordId}/withdraw`, { cookie: provider.cookie, body });
      expect(done.statusCode).toBe(200);
      expect(done.json()).toMatchObject({ status: 'withdrawn', withdrawnOn: '2026-01-05', withdrawalReason: 'Left the employer.', version: r.version + 1 });
      expect(done.json().cancelledBookings.map((b: { id: string }) => b.id)).toEqual([future.id]);
      const bookings = await t.ctx.db.selectFrom('bookings').selectAll().where('epaRecordId', '=', r.recordId).execute();
      const byId = new Map(bookings.map((b) => [b.id, b]));
      expect(byId.get(future.id)).toMatchObject({ status: 'cancelled', cancelledOn: '2026-01-05', cancellationCharge: null });
      expect(byId.get(past.id)?.status).toBe('booked');
      const twice = await t.request('POST', `/api/v1/records/${r.recordId}/withdraw`, { cookie: admin.cookie, body: { ...body, version: r.version + 1 } });
      expect([twice.statusCode, twice.json().code]).toEqual([409, 'RECORD_WITHDRAWN']);
      const audit = await t.ctx.db
        .selectFrom('auditLog')
        .select(['entity', 'action'])
        .where('entityId', 'in', [r.recordId, future.id])
        .orderBy('seq')
        .execute();
      expect(audit).toEqual([
        { entity: 'epa-record', action: 'withdraw' },
        { entity: 'booking', action: 'cancel' },
      ]);
    });

    /** A VTCT record (its policy charges the full fee for a cancellation within 10 working days) with two bookings to come. */
    async function vtctWithBookings() {
      const r = await record({ result: null, status: 'in-epa' });
      await t.ctx.db.updateTable('epaRecords').set({ standard: 'ST0071@1.1', policy: 'VTCT' }).where('id', '=', r.recordId).execute();
      const book = (method: string, startsAt: string) =>
        t.ctx.db
          .insertInto('bookings')
          .values({
            epaRecordId: r.recordId,
            method,
            assessorId,
            startsAt,
            endsAt: startsAt.replace('10:00', '11:00'),
            bookedOn: '2025-12-01',
            venue: 'Leeds',
            status: 'booked',
            warnings: '[]',
          })
          .returning('id')
          .executeTakeFirstOrThrow();
      // Today is Monday 5 January 2026: the 12th is 5 working days away (charged), 2 February 20 (not).
      const near = await book('observation', '2026-01-12T10:00:00Z');
      const far = await book('discussion', '2026-02-02T10:00:00Z');
      return { ...r, near: near.id, far: far.id };
    }

    it('is asked for by the provider or employer, shows each booking’s charge, and the EPAO confirms it with those charges', async () => {
      const r = await vtctWithBookings();
      const apprentice = await t.user('apprentice', { apprenticeId: r.apprenticeId });
      const ask = (user: User) =>
        t.request('POST', `/api/v1/records/${r.recordId}/withdrawal-requests`, { cookie: user.cookie, body: { reason: 'Left the employer.' } });
      expect((await ask(apprentice)).statusCode).toBe(403);
      expect((await ask(otherProvider)).statusCode).toBe(404);
      const asked = await ask(employer);
      expect([asked.statusCode, asked.json().status, asked.json().requestedOn]).toEqual([201, 'requested', '2026-01-05']);
      const twice = await ask(provider);
      expect([twice.statusCode, twice.json().code]).toEqual([409, 'WITHDRAWAL_REQUESTED']);
      const preview = (await t.request('GET', `/api/v1/records/${r.recordId}/withdrawal`, { cookie: provider.cookie })).json();
      expect(preview.request).toMatchObject({ id: asked.json().id, reason: 'Left the employer.' });
      expect(preview.bookings.map((b: { id: string; charge: string; workingDaysBefore: number }) => [b.id, b.charge, b.workingDaysBefore])).toEqual([
        [r.near, 'full-fee', 5],
        [r.far, 'none', 20],
      ]);
      expect(preview.bookings[0].source).toContain('000_105fd02c04a4443e.txt');
      const confirm = (version: number, user = admin) =>
        t.request('POST', `/api/v1/withdrawal-requests/${asked.json().id}/confirmation`, { cookie: user.cookie, body: { version } });
      expect((await confirm(r.version, provider)).statusCode).toBe(403);
      expect((await confirm(r.version + 1)).json().code).toBe('STALE_VERSION');
      const done = await confirm(r.version);
      expect(done.statusCode, done.body).toBe(200);
      expect(done.json()).toMatchObject({ status: 'withdrawn', withdrawalReason: 'Left the employer.' });
      expect(done.json().cancelledBookings.map((b: { id: string; charge: string | null }) => [b.id, b.charge])).toEqual([
        [r.near, 'full-fee'],
        [r.far, null],
      ]);
      const rows = await t.ctx.db
        .selectFrom('bookings')
        .select(['id', 'status', 'cancellationCharge'])
        .where('epaRecordId', '=', r.recordId)
        .orderBy('startsAt')
        .execute();
      expect(rows.map((b) => [b.status, b.cancellationCharge])).toEqual([
        ['cancelled', 'full-fee'],
        ['cancelled', null],
      ]);
      const again = await confirm(r.version + 1);
      expect([again.statusCode, again.json().code]).toEqual([409, 'WITHDRAWAL_DECIDED']);
      const told = await t.ctx.db
        .selectFrom('outbox')
        .select(['toAddress', 'subject'])
        .where('kind', 'like', 'withdrawal%')
        .where('dedupeKey', 'like', `withdrawal:${asked.json().id}:%`)
        .execute();
      expect(told.map((m) => m.toAddress)).toEqual(expect.arrayContaining([admin.email.toLowerCase(), employer.email.toLowerCase()]));
    });

    it('is declined by the EPAO with a reason, and nothing changes', async () => {
      const r = await vtctWithBookings();
      const asked = (
        await t.request('POST', `/api/v1/records/${r.recordId}/withdrawal-requests`, { cookie: provider.cookie, body: { reason: 'On long-term sick leave.' } })
      ).json();
      const declined = await t.request('POST', `/api/v1/withdrawal-requests/${asked.id}/decline`, {
        cookie: admin.cookie,
        body: { reason: 'A break in learning is arranged instead.' },
      });
      expect(declined.json()).toMatchObject({ status: 'declined', decisionReason: 'A break in learning is arranged instead.' });
      const record = (await t.request('GET', `/api/v1/records/${r.recordId}`, { cookie: admin.cookie })).json();
      expect([record.status, record.version]).toEqual(['in-epa', r.version]);
      const preview = (await t.request('GET', `/api/v1/records/${r.recordId}/withdrawal`, { cookie: employer.cookie })).json();
      expect([preview.request, preview.bookings.length]).toEqual([null, 2]);
    });
  });

  it('leaves the audit chain intact', async () => {
    const verify = await t.request('GET', '/api/v1/audit/verify', { cookie: admin.cookie });
    expect(verify.json()).toMatchObject({ intact: true });
    expect(verify.json().entries).toBeGreaterThan(30);
  });
});
