// Propose → review → accept through the API, on a real PostgreSQL: every waiting method of
// every apprentice approved at gateway is placed by the scheduler, accepting books exactly
// what was proposed through the booking use-case, and what the rules now refuse is reported
// with its code. The booking use-case's own caps and travel rule, and re-planning after a
// cancellation. "Today" is fixed: Monday 5 January 2026.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedRecord as approvedRecordIn } from './approved-record.ts';
import { createTestApp, type TestApp } from './harness.ts';

const PASSWORD = 'a long enough assessor password';

describe('the schedule: propose, review, accept', () => {
  let t: TestApp;
  let admin: { cookie: string };
  let providerId: string;
  let employerId: string;
  let uln = 0;
  let assessors = 0;

  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-01-05');
    admin = await t.user('epao-admin');
    providerId = await t.organisation('provider', 'Northern Training');
    employerId = await t.organisation('employer', 'Acme Retail');
  }, 60_000);
  afterAll(() => t.close());

  const approvedRecord = (standard = 'ST0071@1.2') =>
    approvedRecordIn(t, { providerId, employerId, standard, uln: String(1_200_000_000 + ++uln), familyName: `Hopper ${uln}` });

  async function assessor(standards = ['ST0071@1.2']): Promise<string> {
    const created = await t.request('POST', '/api/v1/assessors', {
      cookie: admin.cookie,
      body: {
        email: `sched.${++assessors}@test.invalid`,
        name: `Scheduled Assessor ${assessors}`,
        password: PASSWORD,
        standards,
        standardisedOn: '2025-06-01',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    return created.json().id as string;
  }

  const propose = (body: Record<string, unknown>, path = '/api/v1/schedule/proposals') => t.request('POST', path, { cookie: admin.cookie, body });
  const bookingsOf = async (recordId: string) =>
    t.ctx.db.selectFrom('bookings').select(['id', 'method', 'assessorId', 'startsAt', 'status', 'version']).where('epaRecordId', '=', recordId).execute();

  it('proposes every waiting method with an assessor, date and reasons, and books exactly that when accepted', async () => {
    const records = [await approvedRecord(), await approvedRecord()];
    const [x1] = [await assessor(), await assessor()];
    const proposed = await propose({ from: '2026-01-19', to: '2026-02-27' });
    expect(proposed.statusCode, proposed.body).toBe(201);
    const p = proposed.json();
    expect(p.status).toBe('proposed');
    expect(p.hardViolations).toBe(0);
    // ST0071 has three methods: each record's three are placed, nothing is booked yet.
    const mine = p.placements.filter((x: { recordId: string }) => records.includes(x.recordId));
    expect(mine).toHaveLength(6);
    for (const x of mine) {
      expect(x.assessorName).toMatch(/^Scheduled Assessor/);
      expect(x.reasons.length).toBeGreaterThan(0);
      // The observation needs 14 days' notice from today (001 §5).
      if (x.method === 'observation') expect(x.date >= '2026-01-19').toBe(true);
    }
    expect(p.after.placed).toBeGreaterThanOrEqual(6);
    expect(await bookingsOf(records[0] as string)).toHaveLength(0);
    expect(x1).toBeTruthy();

    const accepted = await t.request('POST', `/api/v1/schedule/proposals/${p.id}/accept`, { cookie: admin.cookie, body: {} });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const done = accepted.json();
    expect(done.status).toBe('accepted');
    expect(done.outcome.refused).toEqual([]);
    expect(done.outcome.booked).toHaveLength(p.placements.length);
    for (const x of mine) {
      const booked = (await bookingsOf(x.recordId)).find((b) => b.method === x.method);
      expect(booked?.assessorId).toBe(x.assessorId);
      const at = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
        booked?.startsAt as Date,
      );
      expect(at).toBe(x.start);
    }
    const again = await t.request('POST', `/api/v1/schedule/proposals/${p.id}/accept`, { cookie: admin.cookie, body: {} });
    expect([again.statusCode, again.json().code]).toEqual([409, 'PROPOSAL_NOT_OPEN']);
  });

  it('reports each refusal when accepting, and books the rest', async () => {
    const record = await approvedRecord('ST0072@1.1');
    const x = await assessor(['ST0072@1.1']);
    const proposed = await propose({ from: '2026-01-19', to: '2026-02-27', standard: 'ST0072@1.1' });
    expect(proposed.statusCode, proposed.body).toBe(201);
    const p = proposed.json();
    const mine = p.placements.filter((y: { recordId: string }) => y.recordId === record);
    expect(mine.length).toBeGreaterThan(0);
    const first = mine[0];
    // The assessor goes on leave on the first proposed day, after the proposal was made.
    await t.ctx.db.insertInto('assessorLeave').values({ assessorId: x, fromDate: first.date, toDate: first.date, reason: 'ill' }).execute();
    const accepted = await t.request('POST', `/api/v1/schedule/proposals/${p.id}/accept`, { cookie: admin.cookie, body: {} });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const outcome = accepted.json().outcome;
    const refusedHere = outcome.refused.filter((r: { key: string }) =>
      mine.some((m: { key: string; date: string }) => m.key === r.key && m.date === first.date),
    );
    expect(refusedHere.length).toBeGreaterThan(0);
    expect(refusedHere.every((r: { code: string }) => r.code === 'ASSESSOR_ON_LEAVE')).toBe(true);
    expect(outcome.booked.length + outcome.refused.length).toBe(p.placements.length);
  });

  it('refuses a schedule that ends before it starts, an unknown standard, and anyone but the EPAO', async () => {
    const backwards = await propose({ from: '2026-02-10', to: '2026-02-01' });
    expect([backwards.statusCode, backwards.json().code]).toEqual([400, 'DATES_OUT_OF_ORDER']);
    const unknown = await propose({ standard: 'ST9999@1.0' });
    expect([unknown.statusCode, unknown.json().code]).toEqual([400, 'UNKNOWN_STANDARD']);
    const tooLong = await propose({ from: '2026-01-06', to: '2026-12-31' });
    expect([tooLong.statusCode, tooLong.json().code]).toEqual([400, 'SCHEDULE_TOO_LONG']);
    const provider = await t.user('provider', { organisationId: providerId });
    const refused = await t.request('POST', '/api/v1/schedule/proposals', { cookie: provider.cookie, body: {} });
    expect(refused.statusCode).toBe(403);
  });

  it('makes one schedule at a time: a second asked meanwhile is told, not queued', async () => {
    const [first, second] = await Promise.all([propose({ from: '2026-05-04', to: '2026-05-29' }), propose({ from: '2026-05-04', to: '2026-05-29' })]);
    const codes = [first.statusCode, second.statusCode].sort();
    expect(codes).toEqual([201, 409]);
    expect([first, second].find((r) => r.statusCode === 409)?.json().code).toBe('SCHEDULE_RUN_UNDER_WAY');
  });

  it('caps an assessor’s day and gives them time to travel between venues when booking by hand', async () => {
    const x = await assessor();
    await t.ctx.db.updateTable('assessors').set({ maxPerDay: 1 }).where('id', '=', x).execute();
    const [a, b, c] = [await approvedRecord(), await approvedRecord(), await approvedRecord()];
    const book = (recordId: string, body: Record<string, unknown>) =>
      t.request('POST', `/api/v1/records/${recordId}/bookings`, { cookie: admin.cookie, body: { method: 'discussion', assessorId: x, ...body } });
    expect((await book(a, { date: '2026-03-02', startTime: '09:00', venue: 'Leeds office' })).statusCode).toBe(201);
    const full = await book(b, { date: '2026-03-02', startTime: '13:00', venue: 'Leeds office' });
    expect([full.statusCode, full.json().code]).toEqual([422, 'ASSESSOR_DAY_FULL']);
    await t.ctx.db.updateTable('assessors').set({ maxPerDay: null }).where('id', '=', x).execute();
    // The discussion runs 66 minutes at most; the next at another venue 30 minutes later leaves no time to travel.
    const tight = await book(b, { date: '2026-03-02', startTime: '10:36', venue: 'York office' });
    expect([tight.statusCode, tight.json().code]).toEqual([422, 'NO_TIME_TO_TRAVEL']);
    expect((await book(b, { date: '2026-03-02', startTime: '10:36', venue: 'Leeds office' })).statusCode).toBe(201);
    expect((await book(c, { date: '2026-03-02', startTime: '13:00', venue: 'York office' })).statusCode).toBe(201);
  });

  it('re-plans after a cancellation: the cancelled method gets a new date, few bookings move', async () => {
    const record = await approvedRecord();
    await assessor();
    const proposed = (await propose({ from: '2026-03-09', to: '2026-04-03' })).json();
    await t.request('POST', `/api/v1/schedule/proposals/${proposed.id}/accept`, { cookie: admin.cookie, body: {} });
    const booking = (await bookingsOf(record)).find((b) => b.method === 'discussion' && b.status === 'booked');
    expect(booking).toBeTruthy();
    const cancelled = await t.request('POST', `/api/v1/bookings/${booking?.id}/cancel`, {
      cookie: admin.cookie,
      body: { version: booking?.version, reason: 'The apprentice is ill.' },
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    const replan = await propose({ from: '2026-03-09', to: '2026-04-03' }, '/api/v1/schedule/replans');
    expect(replan.statusCode, replan.body).toBe(201);
    const r = replan.json();
    expect(r.kind).toBe('replan');
    expect(r.hardViolations).toBe(0);
    expect(r.placements.some((x: { recordId: string; method: string }) => x.recordId === record && x.method === 'discussion')).toBe(true);
    expect(r.moved.length).toBeLessThanOrEqual(3);
  });
});
