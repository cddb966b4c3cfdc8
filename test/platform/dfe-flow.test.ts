// The whole DfE flow against the fake Assessor Service (test/fake-dfe): a pass and its
// certificate to delivery, a fail, a withdrawal, a re-sit after a fail, a family name the
// ILR spells otherwise (refused, put right, sent again), 26 records in two batches, and the
// service's 429 and 5xx retried. No secret reaches the audit log, the API or the CLI's output.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type DfeApi, DfeUnavailable, HttpDfeApi } from '../../src/app/dfe/client.ts';
import { runDfe } from '../../src/app/dfe/run.ts';
import { ST0071_APPROVAL } from '../fake-dfe/approvals.ts';
import { startFakeAssessorService } from '../fake-dfe/server.ts';
import { validUln } from '../helpers.ts';
import { createTestApp, ENGINES, type TestApp } from './harness.ts';

const KEY = 'sk-test-7f3c9a51-never-shown';

describe.each(ENGINES)('the DfE Assessor Service flow (%s)', (engine) => {
  let t: TestApp;
  let fake: Awaited<ReturnType<typeof startFakeAssessorService>>;
  let api: HttpDfeApi;
  let providerId: string;
  let employerId: string;
  let admin: string;
  let n = 0;

  beforeAll(async () => {
    t = await createTestApp(engine);
    t.setToday('2026-03-02');
    providerId = await t.organisation('provider', 'Riverside Training');
    employerId = await t.organisation('employer', 'Harbour Energy');
    await t.ctx.db
      .updateTable('organisations')
      .set({ contactName: 'Sam Harbour', addressLine1: '1 Quay Street', city: 'Leeds', postCode: 'LS1 4AP' })
      .where('id', '=', employerId)
      .execute();
    admin = (await t.user('epao-admin')).cookie;
    fake = await startFakeAssessorService({
      subscriptionKey: KEY,
      approvals: [ST0071_APPROVAL],
      now: () => t.ctx.now(),
    });
    api = new HttpDfeApi({ baseUrl: fake.url, subscriptionKey: KEY, callsPerMinute: 120, backoffMs: 5, sleep: async () => {} });
  }, 60_000);
  afterAll(async () => {
    await fake?.close();
    await t?.close();
  });

  /** A record (ST0071 v1.2) with its learner in the ILR, and released results. */
  async function apprentice(
    o: {
      familyName?: string;
      ilrFamilyName?: string;
      results?: { overall: 'pass' | 'distinction' | 'fail'; on: string; status?: 'released' | 'superseded' }[];
      withdrawnOn?: string;
    } = {},
  ) {
    n += 1;
    const uln = validUln(730_000_000 + n * 7);
    const familyName = o.familyName ?? `Clarke${n}`;
    fake.service.addLearner({
      uln,
      familyName: o.ilrFamilyName ?? familyName,
      givenNames: 'Amelia',
      standardReference: 'ST0071',
      learnStartDate: '2024-09-02',
    });
    const a = await t.ctx.db
      .insertInto('apprentices')
      .values({ uln, givenNames: 'Amelia', familyName, dateOfBirth: '2004-05-06', email: null, providerId, employerId })
      .returning('id')
      .executeTakeFirstOrThrow();
    const r = await t.ctx.db
      .insertInto('epaRecords')
      .values({
        apprenticeId: a.id,
        uln,
        standard: 'ST0071@1.2',
        standardCode: 'ST0071',
        policy: 'PAL',
        status: o.withdrawnOn ? 'withdrawn' : 'completed',
        withdrawnOn: o.withdrawnOn ?? null,
        startDate: '2024-09-02',
        registeredOn: '2025-09-01',
        gatewayApprovedOn: '2025-10-01',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const resultIds: string[] = [];
    for (const res of o.results ?? []) resultIds.push(await result(r.id, res.overall, res.on, res.status));
    return { recordId: r.id, apprenticeId: a.id, uln, familyName, resultIds };
  }

  async function result(recordId: string, overall: 'pass' | 'distinction' | 'fail', on: string, status: 'released' | 'superseded' = 'released') {
    const grades = { observation: overall, project: overall === 'fail' ? 'fail' : 'pass', discussion: 'pass' };
    const row = await t.ctx.db
      .insertInto('results')
      .values({
        epaRecordId: recordId,
        overall,
        capped: false,
        methodGrades: JSON.stringify(grades),
        feedback: null,
        finalAssessmentOn: on,
        releasedOn: on,
        status,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async function claim(recordId: string, resultId: string) {
    const row = await t.ctx.db
      .insertInto('certificates')
      .values({
        epaRecordId: recordId,
        resultId,
        status: 'requested',
        claimedGivenNames: 'Amelia',
        claimedFamilyName: 'x',
        claimedUln: 'x',
        requestedOn: t.ctx.now().toISOString().slice(0, 10),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  const itemOf = (recordId: string, kind: 'epa' | 'certificate') =>
    t.ctx.db.selectFrom('dfeSubmissions').selectAll().where('epaRecordId', '=', recordId).where('kind', '=', kind).executeTakeFirstOrThrow();

  it('sends a pass, then its certificate once the appeal wait is over; submits it and follows it to delivery', async () => {
    const a = await apprentice({ results: [{ overall: 'pass', on: '2026-02-27' }] });
    await claim(a.recordId, a.resultIds[0] as string);
    const first = await runDfe(t.ctx, api);
    expect(first.epa.accepted).toBeGreaterThanOrEqual(1);
    const epa = await itemOf(a.recordId, 'epa');
    expect(epa).toMatchObject({ state: 'done', sentOutcomes: [{ epaDate: '2026-02-27', epaOutcome: 'Pass' }] });
    expect(epa.dfeReference).toMatch(/\S/);
    // A pass waits for the appeal window (20 working days after 27 February: 27 March).
    expect(await itemOf(a.recordId, 'certificate')).toMatchObject({ state: 'queued', notBefore: '2026-03-28', dfeReference: null });
    t.setToday('2026-03-30');
    const second = await runDfe(t.ctx, api);
    expect(second.certificates).toMatchObject({ accepted: 1, submitted: 1 });
    const cert = await itemOf(a.recordId, 'certificate');
    expect(cert).toMatchObject({ state: 'submitted', dfeStatus: 'Submitted' });
    fake.service.print(cert.dfeReference as string);
    t.setToday('2026-03-31');
    await runDfe(t.ctx, api);
    expect(await itemOf(a.recordId, 'certificate')).toMatchObject({ state: 'submitted', dfeStatus: 'Printed' });
    fake.service.deliver(cert.dfeReference as string);
    t.setToday('2026-04-01');
    await runDfe(t.ctx, api);
    expect(await itemOf(a.recordId, 'certificate')).toMatchObject({ state: 'done', dfeStatus: 'Delivered' });
    // Nothing changed: nothing is sent again.
    const calls = fake.requests.length;
    await runDfe(t.ctx, api);
    expect(fake.requests.slice(calls).filter((r) => r.method !== 'GET')).toEqual([]);
    t.setToday('2026-03-02');
  });

  it('sends a fail, then the re-sit’s pass with its re-sit flag by PUT with the reference DfE gave', async () => {
    const a = await apprentice({ results: [{ overall: 'fail', on: '2026-02-20' }] });
    await runDfe(t.ctx, api);
    const sent = await itemOf(a.recordId, 'epa');
    expect(sent).toMatchObject({ state: 'done', sentOutcomes: [{ epaDate: '2026-02-20', epaOutcome: 'Fail' }] });
    await t.ctx.db
      .updateTable('results')
      .set({ status: 'superseded' })
      .where('id', '=', a.resultIds[0] as string)
      .execute();
    await t.ctx.db
      .insertInto('reattempts')
      .values({
        epaRecordId: a.recordId,
        method: 'observation',
        kind: 'resit',
        attempt: 2,
        previousAssessmentId: await anyAssessmentId(a.recordId),
        plannedOn: '2026-02-26',
        windowEnds: null,
        exceptionalReason: null,
      })
      .execute();
    await result(a.recordId, 'pass', '2026-02-26');
    const before = fake.requests.length;
    await runDfe(t.ctx, api);
    const put = fake.requests.slice(before).find((r) => r.method === 'PUT' && r.path.endsWith('/epa'));
    expect(put?.body).toEqual([
      expect.objectContaining({
        epaReference: sent.dfeReference,
        epaDetails: {
          epas: [
            { epaDate: '2026-02-20', epaOutcome: 'Fail' },
            { epaDate: '2026-02-26', epaOutcome: 'Pass', resit: true },
          ],
        },
      }),
    ]);
    expect(await itemOf(a.recordId, 'epa')).toMatchObject({ state: 'done', problems: [] });
  });

  async function anyAssessmentId(recordId: string): Promise<string> {
    const assessor = await t.user('assessor');
    const assessorId = (await t.ctx.db.selectFrom('assessors').select('id').where('userId', '=', assessor.id).executeTakeFirstOrThrow()).id;
    const startsAt = new Date('2026-02-20T10:00:00Z');
    const booking = await t.ctx.db
      .insertInto('bookings')
      .values({
        epaRecordId: recordId,
        method: 'observation',
        assessorId,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 3_600_000),
        bookedOn: '2026-01-20',
        venue: 'Leeds',
        status: 'held',
        warnings: '[]',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const row = await t.ctx.db
      .insertInto('assessments')
      .values({
        bookingId: booking.id,
        epaRecordId: recordId,
        method: 'observation',
        attempt: 1,
        assessorId,
        status: 'submitted',
        judgements: '{}',
        sessionFindings: '[]',
        provisionalGrade: 'fail',
        endedAt: new Date(startsAt.getTime() + 3_600_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  it('sends a withdrawal after a fail as Withdrawn; holds the temporary ULN back, saying why', async () => {
    const w = await apprentice({ results: [{ overall: 'fail', on: '2026-02-10' }], withdrawnOn: '2026-02-25' });
    await runDfe(t.ctx, api);
    expect(await itemOf(w.recordId, 'epa')).toMatchObject({
      state: 'done',
      sentOutcomes: [
        { epaDate: '2026-02-10', epaOutcome: 'Fail' },
        { epaDate: '2026-02-25', epaOutcome: 'Withdrawn' },
      ],
    });
    const temp = await apprentice({ results: [{ overall: 'pass', on: '2026-02-10' }] });
    await t.ctx.db.updateTable('epaRecords').set({ uln: '9999999999' }).where('id', '=', temp.recordId).execute();
    await runDfe(t.ctx, api);
    const held = await itemOf(temp.recordId, 'epa');
    expect(held.state).toBe('held');
    expect(held.problems.map((p) => p.code)).toEqual(['DFE_TEMPORARY_ULN']);
    // The real ULN recorded, the EPAO sends it again.
    await t.ctx.db.updateTable('epaRecords').set({ uln: temp.uln }).where('id', '=', temp.recordId).execute();
    expect((await t.request('POST', `/api/v1/dfe/submissions/${held.id}/resend`, { cookie: admin })).statusCode).toBe(204);
    await runDfe(t.ctx, api);
    expect(await itemOf(temp.recordId, 'epa')).toMatchObject({ state: 'done', problems: [] });
  });

  it('keeps DfE’s message for a family name the ILR spells otherwise; once put right, sends it again', async () => {
    const a = await apprentice({ familyName: 'Smyth', ilrFamilyName: 'Smith', results: [{ overall: 'pass', on: '2026-02-11' }] });
    await runDfe(t.ctx, api);
    const refused = await itemOf(a.recordId, 'epa');
    expect(refused.state).toBe('rejected');
    expect(refused.problems.map((p) => p.message)).toEqual(['ULN, FamilyName and Standard not found.']);
    const listed = await t.request('GET', '/api/v1/dfe/submissions?state=rejected', { cookie: admin });
    expect(listed.json().items.map((i: { id: string }) => i.id)).toContain(refused.id);
    const renamed = await t.request('PUT', `/api/v1/records/${a.recordId}/ilr-family-name`, { cookie: admin, body: { ilrFamilyName: ' Smith ' } });
    expect(renamed.json()).toEqual({ recordId: a.recordId, familyName: 'Smyth', ilrFamilyName: 'Smith', requeued: 1 });
    // Already queued again by the name's change: a resend now is refused.
    const again = await t.request('POST', `/api/v1/dfe/submissions/${refused.id}/resend`, { cookie: admin });
    expect([again.statusCode, again.json().code]).toEqual([409, 'DFE_NOT_REFUSED']);
    await runDfe(t.ctx, api);
    expect(await itemOf(a.recordId, 'epa')).toMatchObject({ state: 'done', problems: [] });
  });

  it('sends 26 records in two batches (25 and 1)', async () => {
    for (let i = 0; i < 26; i++) await apprentice({ results: [{ overall: 'pass', on: '2026-02-12' }] });
    const before = fake.requests.length;
    const report = await runDfe(t.ctx, api);
    const posts = fake.requests.slice(before).filter((r) => r.method === 'POST' && r.path.endsWith('/epa'));
    expect(posts.map((p) => (p.body as unknown[]).length)).toEqual([25, 1]);
    expect(report.epa.accepted).toBe(26);
  });

  it('retries a 429 and a 503; when the service stays away, stops and tries again on a later run', async () => {
    const a = await apprentice({ results: [{ overall: 'pass', on: '2026-02-13' }] });
    fake.failNext(429, 1);
    fake.failNext(503, 1);
    await runDfe(t.ctx, api);
    expect(await itemOf(a.recordId, 'epa')).toMatchObject({ state: 'done' });
    const b = await apprentice({ results: [{ overall: 'pass', on: '2026-02-13' }] });
    // As many failures as the client tries: the run gives up, and nothing is left to fail the next.
    fake.failNext(500, 4);
    const stopped = await runDfe(t.ctx, api);
    expect(stopped.stopped).toMatch(/answered 500/);
    const waiting = await itemOf(b.recordId, 'epa');
    expect(waiting).toMatchObject({ state: 'queued', attempts: 1 });
    expect(waiting.nextAttemptAt.getTime()).toBeGreaterThan(t.ctx.now().getTime());
    t.setToday('2026-03-03');
    await runDfe(t.ctx, api);
    expect(await itemOf(b.recordId, 'epa')).toMatchObject({ state: 'done' });
    t.setToday('2026-03-02');
  });

  it('looks a learner up with DfE before the EPA: found, or DfE’s message', async () => {
    const a = await apprentice();
    // A client of its own: the shared one skips its waits, so its turns run far ahead of the clock.
    t.ctx.dfe = new HttpDfeApi({ baseUrl: fake.url, subscriptionKey: KEY, callsPerMinute: 120 });
    try {
      const found = await t.request('GET', `/api/v1/dfe/learner?uln=${a.uln}&familyName=${a.familyName.toUpperCase()}&standard=ST0071`, { cookie: admin });
      expect(found.json()).toMatchObject({
        found: true,
        givenNames: 'Amelia',
        familyName: a.familyName,
        learningStartDate: '2024-09-02',
        completion: 'continuing',
      });
      const wrong = await t.request('GET', `/api/v1/dfe/learner?uln=${a.uln}&familyName=Someone&standard=ST0071`, { cookie: admin });
      expect(wrong.json()).toEqual({ found: false, message: 'ULN, FamilyName and Standard not found' });
      const page = await t.request('GET', `/dfe/learner?uln=${a.uln}&familyName=Someone&standard=ST0071`, { cookie: admin });
      expect(page.body).toContain('DfE does not know this learner');
      expect(page.body).not.toContain(KEY);
      // A person's lookup never queues behind other calls: at one call a minute, the second is refused at once.
      t.ctx.dfe = new HttpDfeApi({ baseUrl: fake.url, subscriptionKey: KEY, callsPerMinute: 1 });
      const lookup = () => t.request('GET', `/api/v1/dfe/learner?uln=${a.uln}&familyName=${a.familyName}&standard=ST0071`, { cookie: admin });
      expect((await lookup()).json()).toMatchObject({ found: true });
      const started = Date.now();
      const busy = await lookup();
      expect([busy.statusCode, busy.json().code]).toEqual([503, 'DFE_UNAVAILABLE']);
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      t.ctx.dfe = undefined;
    }
    const offline = await t.request('GET', `/api/v1/dfe/learner?uln=${a.uln}&familyName=x&standard=ST0071`, { cookie: admin });
    expect([offline.statusCode, offline.json().code]).toEqual([409, 'DFE_NOT_CONNECTED']);
  });

  it('takes the employer’s postal address and a claim’s own contact only with a UK postcode', async () => {
    const bad = await t.request('PUT', `/api/v1/organisations/${employerId}/address`, {
      cookie: admin,
      body: { contactName: 'Sam Harbour', addressLine1: '1 Quay Street', city: 'Leeds', postCode: '12345' },
    });
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'VALIDATION_FAILED']);
    const good = await t.request('PUT', `/api/v1/organisations/${employerId}/address`, {
      cookie: admin,
      body: { contactName: 'Sam Harbour', addressLine1: '1 Quay Street', city: 'Leeds', postCode: 'ls1 4ap' },
    });
    expect(good.json()).toMatchObject({ postCode: 'LS1 4AP', city: 'Leeds' });
    const a = await apprentice({ results: [{ overall: 'pass', on: '2026-02-16' }] });
    const claim = (postCode: string) =>
      t.request('POST', `/api/v1/records/${a.recordId}/certificate`, {
        cookie: admin,
        body: {
          givenNames: 'Amelia',
          familyName: a.familyName,
          uln: a.uln,
          postalContact: { contactName: 'Amelia Clarke', organisation: 'Home', addressLine1: '2 Mill Lane', city: 'York', postCode },
        },
      });
    expect((await claim('YO1')).statusCode).toBe(400);
    expect((await claim('YO1 7HH')).statusCode).toBe(201);
    const stored = await t.ctx.db.selectFrom('certificates').select('postalContact').where('epaRecordId', '=', a.recordId).executeTakeFirstOrThrow();
    expect(stored.postalContact).toMatchObject({ city: 'York', postCode: 'YO1 7HH' });
    // ST0071 v1.2 has no course options: a registration naming one is refused, as DfE would refuse it.
    const provider = await t.user('provider', { organisationId: providerId });
    const registered = await t.request('POST', '/api/v1/records', {
      cookie: provider.cookie,
      body: {
        uln: validUln(790000001),
        givenNames: 'Ada',
        familyName: 'Lovelace',
        dateOfBirth: '2004-01-01',
        employerId,
        standard: 'ST0071@1.2',
        policy: null,
        startDate: '2024-09-02',
        courseOption: 'Retail',
      },
    });
    expect([registered.statusCode, registered.json().code]).toEqual([422, 'COURSE_OPTION_NOT_OFFERED']);
  });

  it('a dry run sends and writes nothing, and counts what it would send', async () => {
    const a = await apprentice({ results: [{ overall: 'fail', on: '2026-02-14' }] });
    // Queued where it arose: the result's release.
    const queued = await itemOf(a.recordId, 'epa');
    expect(queued).toMatchObject({ state: 'queued', dfeReference: null });
    const before = fake.requests.length;
    const report = await runDfe(t.ctx, api, { dryRun: true });
    expect(report).toMatchObject({ dryRun: true });
    expect(report.epa.waiting).toBeGreaterThanOrEqual(1);
    expect(fake.requests.length).toBe(before);
    expect(await itemOf(a.recordId, 'epa')).toEqual(queued);
  });

  it('sends a refused submit again once the ILR is put right: the certificate DfE holds is amended, then submitted', async () => {
    const a = await apprentice({ results: [{ overall: 'distinction', on: '2026-02-17' }] });
    await claim(a.recordId, a.resultIds[0] as string);
    // DfE refuses the first submit (the ILR's version moved after the certificate was created).
    let refuseNextSubmit = true;
    const refusingOnce: DfeApi = {
      async call(method, path, body) {
        if (path === 'certificate/submit' && refuseNextSubmit) {
          refuseNextSubmit = false;
          const items = body as { requestId: string }[];
          return {
            status: 200,
            body: items.map((i) => ({ requestId: i.requestId, validationErrors: ['Certificate update is required as version has changed on Learner record'] })),
          };
        }
        return api.call(method, path, body);
      },
    };
    await runDfe(t.ctx, refusingOnce);
    const refused = await itemOf(a.recordId, 'certificate');
    expect(refused.state).toBe('rejected');
    expect(refused.dfeReference).toMatch(/\S/);
    expect(refused.problems.map((p) => p.message)).toEqual(['Certificate update is required as version has changed on Learner record']);
    expect((await t.request('POST', `/api/v1/dfe/submissions/${refused.id}/resend`, { cookie: admin })).statusCode).toBe(204);
    const before = fake.requests.length;
    await runDfe(t.ctx, refusingOnce);
    const calls = fake.requests.slice(before).map((r) => `${r.method} ${r.path}`);
    // The certificate DfE already holds is amended, never created twice.
    expect(calls).toEqual(expect.arrayContaining(['PUT /api/v1/certificate', 'POST /api/v1/certificate/submit']));
    expect(calls).not.toContain('POST /api/v1/certificate');
    expect(await itemOf(a.recordId, 'certificate')).toMatchObject({ state: 'submitted', dfeReference: refused.dfeReference, problems: [] });
  });

  it('takes the reference DfE already holds when a create’s answer was lost, instead of refusing the item', async () => {
    const a = await apprentice({ results: [{ overall: 'pass', on: '2026-02-21' }] });
    // The first POST reached DfE, but its answer was lost: the item is still queued, with no reference.
    let loseNextAnswer = true;
    const losingOnce: DfeApi = {
      async call(method, path, body) {
        const answer = await api.call(method, path, body);
        if (method === 'POST' && path === 'epa' && loseNextAnswer) {
          loseNextAnswer = false;
          throw new DfeUnavailable('the Assessor Service did not answer 4 times');
        }
        return answer;
      },
    };
    const lost = await runDfe(t.ctx, losingOnce);
    expect(lost.stopped).toMatch(/did not answer/);
    expect(await itemOf(a.recordId, 'epa')).toMatchObject({ state: 'queued', dfeReference: null });
    t.setToday('2026-03-03');
    await runDfe(t.ctx, losingOnce);
    const found = await itemOf(a.recordId, 'epa');
    // "EPA already provided": the reference is read from DfE's learner record, and the next run updates by PUT.
    expect(found).toMatchObject({ state: 'queued', problems: [] });
    expect(found.dfeReference).toMatch(/\S/);
    await runDfe(t.ctx, losingOnce);
    expect(await itemOf(a.recordId, 'epa')).toMatchObject({ state: 'done', dfeReference: found.dfeReference });
    t.setToday('2026-03-02');
  });

  it('holds a claimed certificate while an appeal against its result is open', async () => {
    const a = await apprentice({ results: [{ overall: 'distinction', on: '2026-02-18' }] });
    await claim(a.recordId, a.resultIds[0] as string);
    await t.ctx.db
      .insertInto('appeals')
      .values({ epaRecordId: a.recordId, resultId: a.resultIds[0] as string, lodgedOn: '2026-02-20', grounds: 'The grade is wrong.', status: 'lodged' })
      .execute();
    t.setToday('2026-02-27');
    const before = fake.requests.length;
    await runDfe(t.ctx, api);
    expect(fake.requests.slice(before).map((r) => r.path)).not.toContain('/api/v1/certificate');
    expect(await itemOf(a.recordId, 'certificate')).toMatchObject({ state: 'queued', dfeReference: null });
    t.setToday('2026-03-02');
  });

  it('never shows the subscription key: not in the audit log, the API’s answers, nor to the service other than in its header', async () => {
    // The key where Capstone reads it: the pages, the API and the audit log describe the settings from here.
    vi.stubEnv('DFE_SUBSCRIPTION_KEY', KEY);
    vi.stubEnv('DFE_API_URL', fake.url);
    await apprentice({ results: [{ overall: 'pass', on: '2026-02-19' }] });
    await runDfe(t.ctx, api);
    const audit = await t.ctx.db.selectFrom('auditLog').select(['before', 'after']).execute();
    expect(JSON.stringify(audit)).not.toContain(KEY);
    expect(audit.some((a) => JSON.stringify(a.after).includes('subscriptionKeySet'))).toBe(true);
    const listed = await t.request('GET', '/api/v1/dfe/submissions', { cookie: admin });
    expect(listed.body).not.toContain(KEY);
    expect(fake.requests.every((r) => r.subscriptionKeySent === KEY && !JSON.stringify(r.body ?? '').includes(KEY))).toBe(true);
    // What the job logs (the run's report) and the client itself, should either be logged.
    const report = await runDfe(t.ctx, api);
    expect(JSON.stringify(report)).not.toContain(KEY);
    expect(JSON.stringify(api)).not.toContain(KEY);
    expect(String(api)).not.toContain(KEY);
    const page = await t.request('GET', '/admin/dfe', { cookie: admin });
    expect(page.body).toContain('Set (never shown)');
    expect(page.body).not.toContain(KEY);
    expect(listed.json().settings).toMatchObject({ subscriptionKeySet: true, baseUrl: fake.url });
    vi.unstubAllEnvs();
  });
});
