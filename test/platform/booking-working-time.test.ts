// Booking at a time nobody works — a Saturday, a Sunday, a bank holiday, the night, or a
// session running past the end of the day — is booked with a warning in the API's
// response (NOT_A_WORKING_DAY, OUTSIDE_WORKING_HOURS); so is a project interview booked
// before the report is in (PROJECT_NOT_SUBMITTED). A weekday daytime booking gets none.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINES, PASSWORD, type TestApp } from './harness.ts';

type Warning = { code: string; message: string; source: string };

describe.each(ENGINES)('booking outside working time (%s)', (engine) => {
  let t: TestApp;
  let admin: string;
  let providerId: string;
  let employerId: string;
  let n = 0;

  beforeAll(async () => {
    t = await createTestApp(engine);
    t.setToday('2026-01-05');
    admin = (await t.user('epao-admin')).cookie;
    providerId = await t.organisation('provider');
    employerId = await t.organisation('employer');
  }, 30_000);
  afterAll(() => t.close());
  afterEach(() => {
    delete process.env.WORKING_HOURS;
  });

  /** An ST0071 apprentice approved at gateway on 5 January 2026, and a free assessor. */
  async function setUp(): Promise<{ recordId: string; assessorId: string }> {
    n++;
    const apprentice = await t.ctx.db
      .insertInto('apprentices')
      .values({ uln: String(1_300_000_000 + n), givenNames: 'Ada', familyName: `Working ${n}`, dateOfBirth: '2004-05-06', email: null, providerId, employerId })
      .returning('id')
      .executeTakeFirstOrThrow();
    const record = await t.ctx.db
      .insertInto('epaRecords')
      .values({
        apprenticeId: apprentice.id,
        uln: String(1_300_000_000 + n),
        standard: 'ST0071@1.2',
        standardCode: 'ST0071',
        policy: null,
        status: 'gateway-approved',
        startDate: '2024-09-02',
        registeredOn: '2025-09-01',
        gatewayApprovedOn: '2026-01-05',
        epaStart: '2026-01-05',
        epaEnd: '2026-04-05',
        channel: null,
        extraTimePercent: 0,
        adjustments: null,
        updatedAt: new Date('2026-01-05T12:00:00Z'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const assessor = await t.request('POST', '/api/v1/assessors', {
      cookie: admin,
      body: {
        email: `working.${engine}.${n}@test.invalid`,
        name: `Assessor ${n}`,
        password: PASSWORD,
        standards: ['ST0071@1.2'],
        standardisedOn: '2025-09-01',
      },
    });
    return { recordId: record.id, assessorId: assessor.json().id };
  }

  async function book(recordId: string, body: Record<string, unknown>): Promise<Warning[]> {
    const r = await t.request('POST', `/api/v1/records/${recordId}/bookings`, { cookie: admin, body: { venue: 'Leeds', ...body } });
    expect(r.statusCode, r.body).toBe(201);
    const stored = await t.request('GET', `/api/v1/bookings/${r.json().id}`, { cookie: admin });
    expect(stored.json().warnings).toEqual(r.json().warnings);
    return r.json().warnings;
  }
  const codes = (warnings: Warning[]) => warnings.map((w) => w.code);

  it('a weekday in the day: no warnings', async () => {
    const { recordId, assessorId } = await setUp();
    expect(await book(recordId, { method: 'observation', date: '2026-02-04', startTime: '10:00', assessorId })).toEqual([]);
  });

  it('a Saturday, a Sunday and Good Friday: NOT_A_WORKING_DAY, with its source', async () => {
    const cases: [string, string][] = [
      ['2026-02-07', 'Saturday'],
      ['2026-02-08', 'Sunday'],
      ['2026-04-03', 'a bank holiday'],
    ];
    for (const [date, why] of cases) {
      const { recordId, assessorId } = await setUp();
      const warnings = await book(recordId, { method: 'observation', date, startTime: '10:00', assessorId });
      expect(codes(warnings)).toEqual(['NOT_A_WORKING_DAY']);
      expect(warnings[0]?.message).toContain(why);
      expect(warnings[0]?.source).toMatch(/004 Section 5/);
    }
  });

  it('at night, before the hours, or ending after them: OUTSIDE_WORKING_HOURS', async () => {
    for (const startTime of ['02:00', '07:30', '17:30']) {
      const { recordId, assessorId } = await setUp();
      const warnings = await book(recordId, { method: 'observation', date: '2026-02-04', startTime, assessorId });
      expect(codes(warnings)).toEqual(['OUTSIDE_WORKING_HOURS']);
      expect(warnings[0]?.source).toMatch(/WORKING_HOURS \(08:00-18:00/);
    }
  });

  it('takes the hours from the EPAO setting WORKING_HOURS', async () => {
    process.env.WORKING_HOURS = '06:00-20:00';
    const { recordId, assessorId } = await setUp();
    expect(await book(recordId, { method: 'observation', date: '2026-02-04', startTime: '07:00', assessorId })).toEqual([]);
    process.env.WORKING_HOURS = '09:00-12:00';
    const other = await setUp();
    const warnings = await book(other.recordId, { method: 'observation', date: '2026-02-04', startTime: '11:30', assessorId: other.assessorId });
    expect(warnings).toEqual([expect.objectContaining({ code: 'OUTSIDE_WORKING_HOURS', from: '09:00', until: '12:00' })]);
  });

  it('a project interview booked before the report is in: PROJECT_NOT_SUBMITTED, its due date and source (001 §5)', async () => {
    const { recordId, assessorId } = await setUp();
    const warnings = await book(recordId, {
      method: 'project',
      date: '2026-03-04',
      startTime: '10:00',
      assessorId,
      venue: undefined,
      remoteLink: 'https://meet.test/x',
    });
    expect(warnings).toEqual([
      expect.objectContaining({ code: 'PROJECT_NOT_SUBMITTED', due: '2026-02-18', rule: 'PROJECT_LATE', source: expect.stringMatching(/001/) }),
    ]);
  });
});
