// Complaints through the API: made by anyone signed in, acknowledged and answered by the EPAO,
// each step by its deadline in working days, with the complainant e-mailed at each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINES, type TestApp } from './harness.ts';

describe.each(ENGINES)('complaints (%s)', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(engine);
    t.setToday('2026-12-17');
  }, 60_000);
  afterAll(() => t.close());

  it('is made, seen only by its maker and the EPAO, acknowledged, answered once, and late when its day passes', async () => {
    const admin = await t.user('epao-admin');
    const employer = await t.user('employer');
    const other = await t.user('employer');
    const made = await t.request('POST', '/api/v1/complaints', {
      cookie: employer.cookie,
      body: { subject: 'Moved at a day’s notice', details: 'The observation was moved the evening before.' },
    });
    expect(made.statusCode).toBe(201);
    // Thursday 17 December 2026: 5 working days is Thursday 24th; 20 ends on Tuesday 19 January 2027 (Christmas, Boxing Day and New Year aside).
    expect(made.json()).toMatchObject({
      receivedOn: '2026-12-17',
      deadlines: { acknowledgeBy: '2026-12-24', answerBy: '2027-01-19' },
      due: { step: 'acknowledge', late: false },
    });
    expect(made.json()).not.toHaveProperty('complainantEmail');
    const id = made.json().id;
    expect((await t.request('GET', `/api/v1/complaints/${id}`, { cookie: other.cookie })).statusCode).toBe(404);
    expect((await t.request('GET', '/api/v1/complaints', { cookie: other.cookie })).json().complaints).toEqual([]);
    const elsewhere = await t.request('POST', '/api/v1/complaints', {
      cookie: employer.cookie,
      body: { subject: 'About a record', details: 'Not one of mine.', recordId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(elsewhere.statusCode).toBe(404);

    // Sessions last hours: keep these alive across the jump.
    await t.ctx.db.updateTable('sessions').set({ expiresAt: '2030-01-01T00:00:00Z' }).execute();
    t.setToday('2026-12-29');
    const open = (await t.request('GET', '/api/v1/complaints', { cookie: admin.cookie })).json().complaints;
    expect(open.find((c: { id: string }) => c.id === id).due).toEqual({ step: 'acknowledge', by: '2026-12-24', late: true });
    expect((await t.request('POST', `/api/v1/complaints/${id}/acknowledgement`, { cookie: employer.cookie })).statusCode).toBe(403);
    const acknowledged = await t.request('POST', `/api/v1/complaints/${id}/acknowledgement`, { cookie: admin.cookie });
    expect(acknowledged.json()).toMatchObject({ acknowledgedOn: '2026-12-29', due: { step: 'answer', by: '2027-01-19', late: false } });
    const again = await t.request('POST', `/api/v1/complaints/${id}/acknowledgement`, { cookie: admin.cookie });
    expect([again.statusCode, again.json().code]).toEqual([409, 'COMPLAINT_ACKNOWLEDGED']);
    const answered = await t.request('POST', `/api/v1/complaints/${id}/response`, {
      cookie: admin.cookie,
      body: { response: 'We are sorry: the assessor was ill.' },
    });
    expect(answered.json()).toMatchObject({ respondedOn: '2026-12-29', response: 'We are sorry: the assessor was ill.', due: null });
    const twice = await t.request('POST', `/api/v1/complaints/${id}/response`, { cookie: admin.cookie, body: { response: 'Again.' } });
    expect([twice.statusCode, twice.json().code]).toEqual([409, 'COMPLAINT_ANSWERED']);
    const mail = await t.ctx.db
      .selectFrom('outbox')
      .select(['kind', 'body'])
      .where('toAddress', '=', employer.email.toLowerCase())
      .orderBy('createdAt')
      .execute();
    expect(mail.map((m) => m.kind)).toEqual(['complaint-acknowledged', 'complaint-responded']);
    expect(mail[0]?.body).toContain('We will respond by 2027-01-19');
    expect(mail[1]?.body).toContain('the assessor was ill');
    expect((await t.request('GET', '/api/v1/complaints', { cookie: admin.cookie })).json().complaints.map((c: { id: string }) => c.id)).not.toContain(id);
    // Hostile paging on the pages is ignored, never a 500.
    for (const url of [
      '/complaints?afterReceivedOn=2024-02-30&afterId=------------------------------------',
      '/appeals?afterLodgedOn=2024-13-01&afterId=x',
      '/admin/people?afterName=a&afterId=------------------------------------',
    ])
      expect((await t.request('GET', url, { cookie: admin.cookie })).statusCode, url).toBe(200);
  });
});

describe.each(ENGINES)('the daily chase of casework (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
    t.setToday('2026-12-17');
  }, 60_000);
  afterAll(() => t.close());

  it('mails the EPAO’s admins about each appeal and complaint whose next step is due within 2 working days or late, once a step and day', async () => {
    const { runCaseworkReminders } = await import('../../src/app/casework-reminders.ts');
    const admin = await t.user('epao-admin');
    const quiet = await t.user('epao-admin');
    await t.request('PUT', '/api/v1/me/preferences', { cookie: quiet.cookie, body: { reminders: false } });
    const employer = await t.user('employer');
    const made = (
      await t.request('POST', '/api/v1/complaints', { cookie: employer.cookie, body: { subject: 'Slow answers', details: 'Nobody answered our e-mails.' } })
    ).json();
    // Made Thursday 17 December: acknowledgement due Thursday 24th, chased from Tuesday 22nd.
    expect(await runCaseworkReminders(t.ctx, '2026-12-21')).toBe(0);
    expect(await runCaseworkReminders(t.ctx, '2026-12-22')).toBe(1);
    expect(await runCaseworkReminders(t.ctx, '2026-12-22')).toBe(0);
    expect(await runCaseworkReminders(t.ctx, '2026-12-29')).toBe(0);
    const mail = await t.ctx.db.selectFrom('outbox').select(['toAddress', 'subject', 'body']).where('kind', '=', 'casework-due').execute();
    expect(mail.map((m) => m.toAddress)).toEqual([admin.email.toLowerCase()]);
    expect(mail[0]?.subject).toBe('A complaint waits for its acknowledgement by 2026-12-24');
    expect(mail[0]?.body).toContain(`/complaints/${made.id}`);
  });
});
