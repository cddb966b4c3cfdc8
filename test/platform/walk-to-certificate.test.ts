// Issue 5, "Done when": through the API, an ST0071@1.2 apprentice to a Distinction
// certificate, an ST0072@1.1 (non-facing) apprentice to a Pass certificate, a third through
// a failed method → re-sit → capped Pass; an appeal that changes a grade and a malpractice
// case that cancels a result; a result not released before moderation, nobody moderating
// or deciding an appeal on their own assessment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releaseResults } from '../../src/app/bulk-actions.ts';
import type { Actor } from '../../src/domain/access/access.ts';
import { validUln } from '../helpers.ts';
import { createTestApp, ENGINES, PASSWORD, type TestApp } from './harness.ts';

type Json = Record<string, unknown> & { id: string };
type Criterion = { id: string; grade: 'pass' | 'distinction'; carriedFrom: string | null };

describe.each(ENGINES)('from assessment to certificate (%s)', (engine) => {
  let t: TestApp;
  let providerId: string;
  let employerId: string;
  const assessorIds: Record<string, string> = {};
  const cookies: Record<string, string> = {};

  const people = ['admin', 'iqa', 'provider'];
  const signInAll = async () => {
    for (const who of people) cookies[who] = await t.signIn(`${who}@walk5.test`);
  };
  const day = async (date: string) => {
    t.setToday(date);
    await signInAll();
  };
  const call = async (who: string, method: string, url: string, body?: unknown, status = 200): Promise<Json> => {
    const r = await t.request(method, url, { cookie: cookies[who], body });
    expect(r.statusCode, `${method} ${url}: ${r.body}`).toBe(status);
    return r.json();
  };
  const refusal = async (who: string, method: string, url: string, body?: unknown) => {
    const r = await t.request(method, url, { cookie: cookies[who], body });
    expect(r.statusCode, r.body).toBeGreaterThanOrEqual(400);
    expect(r.statusCode, r.body).toBeLessThan(500);
    return r.json().code as string;
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    t.setToday('2026-01-05');
    providerId = await t.organisation('provider', 'Riverside Training');
    employerId = await t.organisation('employer', 'Harbour Energy');
    await t.user('epao-admin', { email: 'admin@walk5.test' });
    await t.user('iqa', { email: 'iqa@walk5.test' });
    await t.user('provider', { organisationId: providerId, email: 'provider@walk5.test' });
    await signInAll();
    for (const name of ['helen', 'david']) {
      const a = await call(
        'admin',
        'POST',
        '/api/v1/assessors',
        { email: `${name}@walk5.test`, name, password: PASSWORD, standards: ['ST0071@1.2', 'ST0072@1.1'], standardisedOn: '2025-09-01' },
        201,
      );
      assessorIds[name] = a.id;
      people.push(name);
    }
    await signInAll();
  });
  afterAll(() => t.close());

  /** Registers and approves at gateway (gateway itself is walked in walk.test.ts). */
  async function approved(body: Record<string, unknown>): Promise<string> {
    const record = await call('provider', 'POST', '/api/v1/records', { dateOfBirth: '2004-04-04', employerId, startDate: '2024-06-03', ...body }, 201);
    await t.ctx.db
      .updateTable('epaRecords')
      .set({
        status: 'gateway-approved',
        gatewayApprovedOn: '2026-01-05',
        epaStart: body.standard === 'ST0071@1.2' ? '2026-01-05' : null,
        epaEnd: body.standard === 'ST0071@1.2' ? '2026-04-05' : null,
        showcaseFormat: body.standard === 'ST0072@1.1' ? 'presentation' : null,
      })
      .where('id', '=', record.id)
      .execute();
    return record.id;
  }

  async function book(recordId: string, method: string, date: string, who: string, start = '10:00') {
    const venue = method === 'project' ? { remoteLink: 'https://meet.example.test/x' } : { venue: 'Harbour Energy, Leeds' };
    return call('admin', 'POST', `/api/v1/records/${recordId}/bookings`, { method, date, startTime: start, assessorId: assessorIds[who], ...venue }, 201);
  }

  /** The assessor records the session: judgements chosen by `judge`, then submits. */
  async function assess(
    bookingId: string,
    who: string,
    date: string,
    judge: (c: Criterion) => 'met' | 'not-met' | 'not-evidenced' | null,
    carried: Record<string, 'met'> = {},
  ) {
    // Recorded in the evening of the session's day: nothing is judged before its booked start.
    t.setToday(date, '19:00');
    await signInAll();
    const opened = await call(who, 'POST', `/api/v1/bookings/${bookingId}/assessment`);
    const criteria = opened.criteria as Criterion[];
    const minutes = (opened.method as { minutes: number }).minutes;
    const judgements: Record<string, { judgement: string; note: string }> = {};
    for (const c of criteria) {
      const j = c.carriedFrom ? (carried[c.id] ?? null) : judge(c);
      if (j) judgements[c.id] = { judgement: j, note: 'recorded in the session' };
    }
    // Saved in two steps, as an assessor would during the session.
    const half = Object.fromEntries(Object.entries(judgements).slice(0, 5));
    const first = await call(who, 'PATCH', `/api/v1/assessments/${opened.id}`, {
      version: opened.version,
      identityChecked: true,
      idDocument: (opened.acceptedIdDocuments as string[] | null)?.[0] ?? 'passport',
      judgements: half,
    });
    const saved = await call(who, 'PATCH', `/api/v1/assessments/${opened.id}`, {
      version: first.version,
      startedAt: `${date}T10:00:00Z`,
      endedAt: new Date(Date.parse(`${date}T10:00:00Z`) + minutes * 60_000).toISOString(),
      questioningMinutes: (opened.method as { questioningMaxPercent: number | null }).questioningMaxPercent ? 8 : null,
      judgements,
    });
    const submitted = await call(who, 'POST', `/api/v1/assessments/${opened.id}/submit`, { version: saved.version });
    t.setToday(date);
    return submitted;
  }

  async function moderateAll() {
    const queue = await call('iqa', 'GET', '/api/v1/moderation');
    for (const s of queue.sampled as { id: string }[]) await call('iqa', 'POST', `/api/v1/assessments/${s.id}/moderation`, { decision: 'agree' });
    for (const b of (await call('iqa', 'GET', '/api/v1/moderation')).batches as { id: string }[])
      await call('iqa', 'POST', `/api/v1/moderation/batches/${b.id}/sign-off`);
  }

  /** The records in the admin's "ready to release" queue. */
  const readyToRelease = async () => ((await call('admin', 'GET', '/api/v1/records?queue=ready-to-release')).records as Json[]).map((r) => r.id);
  const adminActor = async (): Promise<Actor> => {
    const user = await t.ctx.db.selectFrom('users').select(['id', 'name']).where('email', '=', 'admin@walk5.test').executeTakeFirstOrThrow();
    return { userId: user.id, name: user.name, role: 'epao-admin', organisationId: null, apprenticeId: null, assessorId: null };
  };

  const met = () => 'met' as const;
  const passOnly = (c: Criterion) => (c.grade === 'pass' ? 'met' : 'not-met');

  it('ST0071@1.2 to a Distinction certificate; no release before moderation; nobody moderates their own', async () => {
    await day('2026-01-05');
    const id = await approved({ uln: validUln(710000000), givenNames: 'Ethan', familyName: 'Wright', standard: 'ST0071@1.2', policy: null });
    const obs = await book(id, 'observation', '2026-02-02', 'david');
    const dis = await book(id, 'discussion', '2026-02-09', 'helen');
    const proj = await book(id, 'project', '2026-03-16', 'helen');

    await day('2026-02-02');
    const observed = await assess(obs.id, 'david', '2026-02-02', met);
    expect(observed).toMatchObject({ status: 'submitted', provisionalGrade: 'distinction', sampled: true });
    expect(observed.sampleExplanation).toContain('first 5');
    // The IQA role cannot be the assessor; an assessor (here an admin who is also...) cannot moderate their own.
    await day('2026-02-09');
    await assess(dis.id, 'helen', '2026-02-09', met);
    await day('2026-03-16');
    await assess(proj.id, 'helen', '2026-03-16', met);

    expect(await refusal('admin', 'POST', `/api/v1/records/${id}/result`, {})).toBe('MODERATION_PENDING');
    // Helen is also made an IQA for a moment: she may not moderate her own discussion.
    await t.ctx.db.updateTable('users').set({ role: 'iqa' }).where('email', '=', 'helen@walk5.test').execute();
    const helenAsIqa = await t.signIn('helen@walk5.test');
    const own = await t.request('POST', `/api/v1/assessments/${dis.id ? await assessmentOf(dis.id) : ''}/moderation`, {
      cookie: helenAsIqa,
      body: { decision: 'agree' },
    });
    expect(own.json().code).toBe('OWN_ASSESSMENT');
    await t.ctx.db.updateTable('users').set({ role: 'assessor' }).where('email', '=', 'helen@walk5.test').execute();

    // The next morning (the project was recorded in the evening of its day).
    await day('2026-03-17');
    expect(await readyToRelease()).not.toContain(id);
    await moderateAll();
    // Moderation decided: the record waits in the queue, and a bulk release from it is the single release.
    expect(await readyToRelease()).toContain(id);
    const [released] = await releaseResults(t.ctx, await adminActor(), [id]);
    expect(released).toMatchObject({ recordId: id, name: 'Ethan Wright', done: true });
    expect(await readyToRelease()).not.toContain(id);
    const result = (await call('admin', 'GET', `/api/v1/records/${id}/result`)).result as Json;
    expect(result.id).toBe(released?.done ? released.id : null);
    expect(result).toMatchObject({
      overall: 'distinction',
      capped: false,
      methodGrades: { observation: 'distinction', project: 'distinction', discussion: 'distinction' },
    });

    expect(await refusal('admin', 'POST', `/api/v1/records/${id}/certificate`, { givenNames: 'Ethan', familyName: 'Right', uln: '7100000005' })).toMatch(
      /CLAIM_/,
    );
    const record = await call('admin', 'GET', `/api/v1/records/${id}`);
    const certificate = await call(
      'admin',
      'POST',
      `/api/v1/records/${id}/certificate`,
      { givenNames: 'Ethan', familyName: 'Wright', uln: (record.apprentice as { uln: string }).uln },
      201,
    );
    const issued = await call('admin', 'POST', `/api/v1/certificates/${certificate.id}/steps`, { version: certificate.version, step: 'issued' });
    const sent = await call('admin', 'POST', `/api/v1/certificates/${certificate.id}/steps`, { version: issued.version, step: 'sent' });
    expect(sent.status).toBe('sent');
    const pdf = await t.request('GET', `/api/v1/records/${id}/results-statement.pdf`, { cookie: cookies.provider });
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('ST0072@1.1 non-facing to a Pass certificate, a criterion carried from the observation to the discussion', async () => {
    await day('2026-01-05');
    const id = await approved({
      uln: validUln(720000000),
      givenNames: 'Isla',
      familyName: 'Hughes',
      standard: 'ST0072@1.1',
      policy: 'HIGHFIELD',
      channel: 'non-facing',
    });
    const show = await book(id, 'showcase', '2026-02-03', 'david', '14:00');
    const obs = await book(id, 'observation', '2026-02-10', 'david', '14:00');
    await day('2026-02-03');
    await assess(show.id, 'david', '2026-02-03', passOnly);
    await day('2026-02-10');
    // No situation arose for B16.2: not evidenced in the observation, so it fails for now.
    const observed = await assess(obs.id, 'david', '2026-02-10', (c) => (c.id === 'B16.2' ? 'not-evidenced' : passOnly(c)));
    expect(observed.provisionalGrade).toBe('fail');
    expect((observed.criteria as Criterion[]).some((c) => c.id === 'S9.1')).toBe(false); // face-to-face only
    // The IQA moderates the observation's fail before the discussion is held.
    await moderateAll();
    // The window runs from the held showcase (3 February): the discussion must be by 3 May.
    expect(
      await refusal('admin', 'POST', `/api/v1/records/${id}/bookings`, {
        method: 'discussion',
        date: '2026-05-04',
        startTime: '14:00',
        assessorId: assessorIds.helen,
        venue: 'Leeds',
      }),
    ).toBe('OUTSIDE_EPA_WINDOW');
    const dis = await book(id, 'discussion', '2026-02-17', 'helen', '14:00');
    await day('2026-02-17');
    const discussed = await assess(dis.id, 'helen', '2026-02-17', passOnly, { 'B16.2': 'met' });
    expect(discussed.provisionalGrade).toBe('pass');
    const regraded = await call('admin', 'GET', `/api/v1/assessments/${await assessmentOf(obs.id)}`);
    expect(regraded.provisionalGrade).toBe('pass');
    expect((regraded.gradeDetail as { carriedOver: string[] }).carriedOver).toEqual(['B16.2']);
    // Its moderated fail became a pass: back to the IQA before anything is released.
    expect(regraded).toMatchObject({ moderationStatus: 'pending', sampled: true });
    expect(await refusal('admin', 'POST', `/api/v1/records/${id}/result`, {})).toBe('MODERATION_PENDING');
    await moderateAll();
    const result = await call('admin', 'POST', `/api/v1/records/${id}/result`, {}, 201);
    expect(result).toMatchObject({ overall: 'pass' });
    // The release reaches the record's people by e-mail, without the grade.
    const released = await t.ctx.db
      .selectFrom('outbox')
      .select(['subject', 'body'])
      .where('kind', '=', 'result-released')
      .where('dedupeKey', 'like', `result:${result.id}:%`)
      .execute();
    expect(released.length).toBeGreaterThan(0);
    expect(released[0]?.subject).toBe('End-point assessment result released: Isla Hughes');
    expect(released[0]?.body).not.toMatch(/\bpass\b/i);
    const record = await call('admin', 'GET', `/api/v1/records/${id}`);
    const certificate = await call(
      'admin',
      'POST',
      `/api/v1/records/${id}/certificate`,
      { givenNames: 'isla', familyName: 'HUGHES', uln: (record.apprentice as { uln: string }).uln },
      201,
    );
    expect(certificate.status).toBe('requested');
  });

  it('a failed observation, re-sat after the EPA window: the re-sit and the overall grade capped at Pass', async () => {
    await day('2026-01-05');
    const id = await approved({ uln: validUln(730000000), givenNames: 'Sophie', familyName: 'Green', standard: 'ST0071@1.2', policy: null });
    const obs = await book(id, 'observation', '2026-02-04', 'david', '13:00');
    const dis = await book(id, 'discussion', '2026-02-11', 'helen', '13:00');
    const proj = await book(id, 'project', '2026-03-18', 'helen', '13:00');
    await day('2026-02-04');
    await assess(obs.id, 'david', '2026-02-04', (c) => (c.id === 'observation.P12' ? 'not-met' : 'met'));
    await day('2026-02-11');
    await assess(dis.id, 'helen', '2026-02-11', met);
    await day('2026-03-18');
    await assess(proj.id, 'helen', '2026-03-18', met);
    expect(await refusal('admin', 'POST', `/api/v1/records/${id}/reattempts`, { method: 'observation', kind: 'resit', plannedOn: '2026-05-12' })).toBe(
      'MODERATION_PENDING',
    );
    await moderateAll();
    expect(await readyToRelease()).toContain(id);
    // A fail needs feedback, which a bulk release cannot give: refused for this record alone, and it still waits.
    const [fail] = await releaseResults(t.ctx, await adminActor(), [id]);
    expect(fail).toMatchObject({ recordId: id, done: false, code: 'FEEDBACK_REQUIRED' });
    expect(await readyToRelease()).toContain(id);
    expect(await refusal('admin', 'POST', `/api/v1/records/${id}/result`, {})).toBe('FEEDBACK_REQUIRED');
    const changesOf = async () =>
      (await t.ctx.db.selectFrom('epaRecords').select('bookingChanges').where('id', '=', id).executeTakeFirstOrThrow()).bookingChanges;
    const before = await changesOf();
    const failed = await call(
      'admin',
      'POST',
      `/api/v1/records/${id}/result`,
      { feedback: 'Use the customer history when managing escalations (observation.P12).' },
      201,
    );
    // A released result changes what a booking is decided over (the re-sit's window): a booking decided before it is decided again.
    expect(await changesOf()).toBeGreaterThan(before);
    expect(failed.overall).toBe('fail');
    expect(await refusal('admin', 'POST', `/api/v1/records/${id}/reattempts`, { method: 'project', kind: 'resit', plannedOn: '2026-05-12' })).toBe(
      'PASS_CANNOT_BE_RETAKEN',
    );
    const reattempt = await call('admin', 'POST', `/api/v1/records/${id}/reattempts`, { method: 'observation', kind: 'resit', plannedOn: '2026-05-12' }, 201);
    expect(reattempt.plan).toMatchObject({ attempt: 2, cap: 'pass' });
    // Booked after the original window (5 April): the re-sit keeps to its own 12 months.
    await day('2026-04-20');
    const resit = await book(id, 'observation', '2026-05-12', 'david', '13:00');
    await day('2026-05-12');
    const resat = await assess(resit.id, 'david', '2026-05-12', met);
    expect(resat).toMatchObject({ attempt: 2, provisionalGrade: 'pass' });
    await moderateAll();
    const capped = await call('admin', 'POST', `/api/v1/records/${id}/result`, {}, 201);
    expect(capped).toMatchObject({ overall: 'pass', capped: true, methodGrades: { observation: 'pass', project: 'distinction', discussion: 'distinction' } });
  });

  it('an appeal that changes a grade, decided only by someone who did not assess; malpractice that cancels a result', async () => {
    await day('2026-01-05');
    const id = await approved({ uln: validUln(740000000), givenNames: 'Liam', familyName: 'Scott', standard: 'ST0071@1.2', policy: null });
    const obs = await book(id, 'observation', '2026-02-05', 'david', '15:00');
    const dis = await book(id, 'discussion', '2026-02-12', 'helen', '15:00');
    const proj = await book(id, 'project', '2026-03-19', 'helen', '15:00');
    await day('2026-02-05');
    await assess(obs.id, 'david', '2026-02-05', met);
    await day('2026-02-12');
    await assess(dis.id, 'helen', '2026-02-12', met);
    await day('2026-03-19');
    await assess(proj.id, 'helen', '2026-03-19', passOnly);
    await moderateAll();
    const result = await call('admin', 'POST', `/api/v1/records/${id}/result`, {}, 201);
    expect(result.overall).toBe('pass');

    const appeal = await call(
      'provider',
      'POST',
      `/api/v1/records/${id}/appeals`,
      { resultId: result.id, grounds: 'The project interview evidenced D1–D9: see the recording at 34 minutes.' },
      201,
    );
    // Helen assessed this apprentice: as an IQA she still may not decide the appeal.
    await t.ctx.db.updateTable('users').set({ role: 'iqa' }).where('email', '=', 'helen@walk5.test').execute();
    const helenAsIqa = await t.signIn('helen@walk5.test');
    const own = await t.request('POST', `/api/v1/appeals/${appeal.id}/decision`, {
      cookie: helenAsIqa,
      body: { outcome: 'rejected', reason: 'The grade stands.' },
    });
    expect(own.json().code).toBe('APPEAL_DECIDER_NOT_INDEPENDENT');
    await t.ctx.db.updateTable('users').set({ role: 'assessor' }).where('email', '=', 'helen@walk5.test').execute();
    const upheld = await call('iqa', 'POST', `/api/v1/appeals/${appeal.id}/decision`, {
      outcome: 'upheld',
      reason: 'The recording shows every distinction criterion.',
      grades: { project: 'distinction' },
    });
    expect((upheld.result as { overall: string }).overall).toBe('distinction');

    const status = await call('admin', 'GET', `/api/v1/records/${id}/result`);
    const current = status.result as { id: string; overall: string; status: string };
    expect(current).toMatchObject({ overall: 'distinction', status: 'released' });
    const kase = await call('admin', 'POST', `/api/v1/records/${id}/malpractice`, { allegation: 'The project report was copied from a colleague.' }, 201);
    expect(await refusal('admin', 'POST', `/api/v1/records/${id}/certificate`, { givenNames: 'Liam', familyName: 'Scott', uln: 'x' })).toMatch(
      /SUSPENDED|VALIDATION|CLAIM/,
    );
    await call('admin', 'POST', `/api/v1/malpractice/${kase.id}/decision`, {
      outcome: 'result-cancelled',
      notes: 'Plagiarism confirmed by the investigation.',
    });
    const after = await call('admin', 'GET', `/api/v1/records/${id}/result`);
    expect((after.result as { status: string }).status).toBe('cancelled');
    expect((await call('admin', 'GET', '/api/v1/audit/verify')).intact).toBe(true);
  });

  it('an appeal upheld for an unsound observation: the pass set aside, the observation assessed again at no charge and not capped', async () => {
    await day('2026-01-05');
    const id = await approved({ uln: validUln(750000000), givenNames: 'Maya', familyName: 'Reid', standard: 'ST0071@1.2', policy: null });
    const obs = await book(id, 'observation', '2026-02-06', 'david', '15:00');
    const dis = await book(id, 'discussion', '2026-02-13', 'helen', '15:00');
    const proj = await book(id, 'project', '2026-03-20', 'helen', '15:00');
    await day('2026-02-06');
    await assess(obs.id, 'david', '2026-02-06', passOnly);
    await day('2026-02-13');
    await assess(dis.id, 'helen', '2026-02-13', met);
    await day('2026-03-20');
    await assess(proj.id, 'helen', '2026-03-20', met);
    await moderateAll();
    const result = await call('admin', 'POST', `/api/v1/records/${id}/result`, {}, 201);
    expect(result).toMatchObject({ overall: 'pass', methodGrades: { observation: 'pass' } });
    expect((await call('admin', 'GET', `/api/v1/records/${id}`)).status).toBe('completed');

    const appeal = await call(
      'provider',
      'POST',
      `/api/v1/records/${id}/appeals`,
      { resultId: result.id, grounds: 'The observation was stopped after 40 minutes by a fire alarm and never resumed.' },
      201,
    );
    const bad = await t.request('POST', `/api/v1/appeals/${appeal.id}/decision`, {
      cookie: cookies.iqa,
      body: { outcome: 'upheld', reason: 'Both.', grades: { observation: 'distinction' }, reassess: ['observation'] },
    });
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(await refusal('iqa', 'POST', `/api/v1/appeals/${appeal.id}/decision`, { outcome: 'upheld', reason: 'Unsound.', reassess: ['showcase'] })).toBe(
      'UNKNOWN_METHOD',
    );
    await day('2026-04-14');
    const upheld = await call('iqa', 'POST', `/api/v1/appeals/${appeal.id}/decision`, {
      outcome: 'upheld',
      reason: 'The observation did not run its full time: it is assessed again.',
      reassess: ['observation'],
    });
    expect(upheld).toMatchObject({
      outcome: 'upheld',
      result: null,
      superseded: { id: result.id, status: 'superseded' },
      reassessment: { methods: ['observation'], methodNames: ['Practical observation with Q&As'], charge: 'none' },
    });
    // The result is set aside: the EPA is open again, there is no result to claim a certificate for, and the arranged attempt is not a re-sit.
    expect((await call('admin', 'GET', `/api/v1/records/${id}`)).status).toBe('in-epa');
    expect((await call('admin', 'GET', `/api/v1/records/${id}/result`)).result).toBeNull();
    const arranged = await t.ctx.db.selectFrom('reattempts').selectAll().where('epaRecordId', '=', id).executeTakeFirstOrThrow();
    expect(arranged).toMatchObject({ kind: 'appeal-reassessment', attempt: 2, charge: 'none', appealId: appeal.id, windowEnds: null });
    // Not a re-sit: the observation was passed, and a pass is never re-sat (001 §8).
    expect(await refusal('admin', 'POST', `/api/v1/records/${id}/reattempts`, { method: 'observation', kind: 'resit', plannedOn: '2026-05-12' })).toBe(
      'PASS_CANNOT_BE_RETAKEN',
    );
    const told = await t.ctx.db.selectFrom('outbox').select('body').where('kind', '=', 'appeal-decided').where('dedupeKey', 'like', `%${appeal.id}%`).execute();
    expect(told.map((m) => m.body).join('\n')).toContain('will be assessed again at no charge');

    // Booked after the EPA window (5 April): the re-assessment is not held to it.
    const again = await book(id, 'observation', '2026-04-29', 'helen', '15:00');
    await day('2026-04-29');
    expect(await assess(again.id, 'helen', '2026-04-29', met)).toMatchObject({ attempt: 2, provisionalGrade: 'distinction' });
    await moderateAll();
    const released = await call('admin', 'POST', `/api/v1/records/${id}/result`, {}, 201);
    expect(released).toMatchObject({ overall: 'distinction', capped: false, methodGrades: { observation: 'distinction' } });
    expect((await call('admin', 'GET', `/api/v1/records/${id}`)).status).toBe('completed');
    expect((await call('admin', 'GET', '/api/v1/audit/verify')).intact).toBe(true);
  });

  async function assessmentOf(bookingId: string): Promise<string> {
    const row = await t.ctx.db.selectFrom('assessments').select('id').where('bookingId', '=', bookingId).executeTakeFirstOrThrow();
    return row.id;
  }
});
