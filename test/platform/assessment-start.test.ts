// An assessment booked for a future date cannot be judged or submitted before it starts
// (ASSESSMENT_NOT_STARTED, 422, nothing written); from its start it can.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loadDemo } from '../../src/app/demo.ts';
import { validUln } from '../helpers.ts';
import { createTestApp, ENGINES, PASSWORD, type TestApp } from './harness.ts';

type Json = Record<string, unknown> & { id: string };

describe.each(ENGINES)('judging before the booked start (%s)', (engine) => {
  let t: TestApp;
  let admin: string;
  let assessor: string;
  let assessorId: string;
  let recordId: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    t.setToday('2026-01-05');
    const providerId = await t.organisation('provider');
    const employerId = await t.organisation('employer');
    admin = (await t.user('epao-admin')).cookie;
    const provider = (await t.user('provider', { organisationId: providerId })).cookie;
    const created = await t.request('POST', '/api/v1/assessors', {
      cookie: admin,
      body: { email: 'early@start.test', name: 'Early Bird', password: PASSWORD, standards: ['ST0071@1.2'], standardisedOn: '2025-09-01' },
    });
    assessorId = created.json().id;
    assessor = await t.signIn('early@start.test');
    const record = await t.request('POST', '/api/v1/records', {
      cookie: provider,
      body: {
        uln: validUln(730000000),
        givenNames: 'Ava',
        familyName: 'Early',
        dateOfBirth: '2004-04-04',
        employerId,
        startDate: '2024-06-03',
        standard: 'ST0071@1.2',
        policy: null,
      },
    });
    recordId = record.json().id;
    await t.ctx.db
      .updateTable('epaRecords')
      .set({ status: 'gateway-approved', gatewayApprovedOn: '2026-01-05', epaStart: '2026-01-05', epaEnd: '2026-04-05' })
      .where('id', '=', recordId)
      .execute();
  });
  afterAll(() => t.close());

  const call = async (cookie: string, method: string, url: string, body?: unknown) => t.request(method, url, { cookie, body });
  /** Moves "today" (noon UTC) and signs the assessor in again: sessions expire as the clock moves. */
  const day = async (date: string) => {
    t.setToday(date);
    assessor = await t.signIn('early@start.test');
  };

  it('refuses judging and submitting before the start, on the day itself too, and accepts both once it has started', async () => {
    const booked = await call(admin, 'POST', `/api/v1/records/${recordId}/bookings`, {
      method: 'observation',
      date: '2026-02-02',
      startTime: '14:00',
      assessorId,
      venue: 'Head office, Leeds',
    });
    expect(booked.statusCode, booked.body).toBe(201);
    // Opening the record to read the criteria beforehand is allowed.
    const opened = await call(assessor, 'POST', `/api/v1/bookings/${booked.json().id}/assessment`);
    expect(opened.statusCode, opened.body).toBe(200);
    const assessment = opened.json() as Json & { version: number; criteria: { id: string }[] };
    expect(assessment.notStarted).toMatch(/14:00 on 2026-02-02/);
    const judgements = Object.fromEntries(assessment.criteria.map((c) => [c.id, { judgement: 'met' }]));
    const draft = (version: number) => ({
      version,
      identityChecked: true,
      idDocument: 'A valid passport',
      startedAt: '2026-02-02T14:00:00Z',
      endedAt: '2026-02-02T15:00:00Z',
      questioningMinutes: 8,
      judgements,
    });

    for (const today of ['2026-01-05', '2026-02-02']) {
      // Noon UTC: 12:00 in London, two hours before the start on the day itself.
      await day(today);
      const save = await call(assessor, 'PATCH', `/api/v1/assessments/${assessment.id}`, draft(assessment.version));
      expect(save.statusCode, save.body).toBe(422);
      expect(save.json()).toMatchObject({
        code: 'ASSESSMENT_NOT_STARTED',
        findings: [{ code: 'ASSESSMENT_NOT_STARTED', source: expect.stringMatching(/001 §5/) }],
      });
      const submit = await call(assessor, 'POST', `/api/v1/assessments/${assessment.id}/submit`, { version: assessment.version });
      expect(submit.statusCode, submit.body).toBe(422);
      expect(submit.json().code).toBe('ASSESSMENT_NOT_STARTED');
    }
    const unchanged = (await call(assessor, 'GET', `/api/v1/assessments/${assessment.id}`)).json();
    expect(unchanged).toMatchObject({ version: assessment.version, status: 'draft', judgements: {} });

    await day('2026-02-03');
    const saved = await call(assessor, 'PATCH', `/api/v1/assessments/${assessment.id}`, draft(assessment.version));
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().notStarted).toBeNull();
    const submitted = await call(assessor, 'POST', `/api/v1/assessments/${assessment.id}/submit`, { version: saved.json().version });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json().status).toBe('submitted');
  });
});

describe('the demo draft an assessor is part-way through', () => {
  // A Sunday and a Monday: "yesterday's" observation is the last weekday before today, already held.
  it.each(['2026-11-22', '2026-11-23'])('has been held, so it can be recorded, when the demo is loaded on %s', async (date) => {
    const t = await createTestApp();
    try {
      t.setToday(date, '07:00');
      await loadDemo(t.ctx);
      const helen = await t.signIn('assessor.one@demo.capstone.test', DEMO_PASSWORD);
      const drafts = (await t.request('GET', '/api/v1/assessments', { cookie: helen })).json().assessments as { id: string; status: string }[];
      const draft = drafts.find((a) => a.status === 'draft');
      const view = (await t.request('GET', `/api/v1/assessments/${draft?.id}`, { cookie: helen })).json();
      expect(view.notStarted).toBeNull();
      expect(new Date(view.startsAt).getTime()).toBeLessThan(Date.parse(`${date}T00:00:00Z`));
      const saved = await t.request('PATCH', `/api/v1/assessments/${draft?.id}`, { cookie: helen, body: { version: view.version, identityChecked: true } });
      expect(saved.statusCode, saved.body).toBe(200);
    } finally {
      await t.close();
    }
  });
});
