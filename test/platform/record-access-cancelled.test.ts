// An assessor sees a record through a live booking (booked or held) or their own
// judgements on it, never through a cancelled booking alone: once the EPAO cancels it,
// the record, its list entry and what hangs off it answer 404 to that assessor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validUln } from '../helpers.ts';
import { createTestApp, ENGINES, PASSWORD, type TestApp } from './harness.ts';

describe.each(ENGINES)('an assessor and a cancelled booking (%s)', (engine) => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  const assessorIds: Record<string, string> = {};
  let providerId: string;
  let employerId: string;
  let n = 0;

  const people = ['admin', 'xavier', 'yasmin', 'zara'];
  const day = async (date: string) => {
    t.setToday(date);
    for (const who of people) cookies[who] = await t.signIn(`${who}@cancelled.test`);
  };
  const get = (who: string, url: string) => t.request('GET', url, { cookie: cookies[who] });
  const send = async (who: string, method: string, url: string, body: unknown, status: number) => {
    const r = await t.request(method, url, { cookie: cookies[who], body });
    expect(r.statusCode, `${method} ${url}: ${r.body}`).toBe(status);
    return r.json();
  };
  const listed = async (who: string) => ((await get(who, '/api/v1/records')).json().records as { id: string }[]).map((r) => r.id);

  beforeAll(async () => {
    t = await createTestApp(engine);
    t.setToday('2026-01-05');
    providerId = await t.organisation('provider');
    employerId = await t.organisation('employer');
    await t.user('epao-admin', { email: 'admin@cancelled.test' });
    cookies.admin = await t.signIn('admin@cancelled.test');
    for (const who of ['xavier', 'yasmin', 'zara']) {
      const a = await send(
        'admin',
        'POST',
        '/api/v1/assessors',
        { email: `${who}@cancelled.test`, name: who, password: PASSWORD, standards: ['ST0071@1.2'], standardisedOn: '2025-09-01' },
        201,
      );
      assessorIds[who] = a.id;
    }
    await day('2026-01-05');
  });
  afterAll(() => t.close());

  async function approvedRecord(): Promise<string> {
    const provider = await t.user('provider', { organisationId: providerId });
    const record = await t.request('POST', '/api/v1/records', {
      cookie: provider.cookie,
      body: {
        uln: validUln(840000000 + ++n * 10),
        givenNames: 'Ada',
        familyName: `Cancelled ${n}`,
        dateOfBirth: '2004-04-04',
        employerId,
        startDate: '2024-06-03',
        standard: 'ST0071@1.2',
        policy: null,
      },
    });
    await t.ctx.db
      .updateTable('epaRecords')
      .set({ status: 'gateway-approved', gatewayApprovedOn: '2026-01-05', epaStart: '2026-01-05', epaEnd: '2026-04-05' })
      .where('id', '=', record.json().id)
      .execute();
    return record.json().id;
  }
  const book = (recordId: string, method: string, date: string, who: string) =>
    send('admin', 'POST', `/api/v1/records/${recordId}/bookings`, { method, date, startTime: '10:00', assessorId: assessorIds[who], venue: 'Leeds' }, 201);
  const cancel = (booking: { id: string; version: number }) =>
    send('admin', 'POST', `/api/v1/bookings/${booking.id}/cancel`, { version: booking.version, reason: 'The apprentice is on leave.' }, 200);

  it('loses the record with its cancelled booking, while an assessor with a live booking keeps it', async () => {
    const recordId = await approvedRecord();
    const observation = await book(recordId, 'observation', '2026-02-04', 'xavier');
    await book(recordId, 'discussion', '2026-02-11', 'yasmin');
    expect((await get('xavier', `/api/v1/records/${recordId}`)).statusCode).toBe(200);
    expect(await listed('xavier')).toContain(recordId);

    await cancel(observation);
    expect((await get('xavier', `/api/v1/records/${recordId}`)).statusCode).toBe(404);
    expect(await listed('xavier')).not.toContain(recordId);
    expect((await get('xavier', `/api/v1/records/${recordId}/files`)).statusCode).toBe(404);
    expect((await get('xavier', `/api/v1/records/${recordId}/bookings`)).statusCode).toBe(404);
    // Yasmin's discussion is still booked.
    expect((await get('yasmin', `/api/v1/records/${recordId}`)).statusCode).toBe(200);
    expect(await listed('yasmin')).toContain(recordId);
  });

  it('keeps the record for an assessor who judged it before the booking was cancelled', async () => {
    const recordId = await approvedRecord();
    const observation = await book(recordId, 'observation', '2026-02-05', 'zara');
    // On the day, after the start: Zara opens the record and judges a criterion; then it is called off.
    await day('2026-02-05');
    const opened = await send('zara', 'POST', `/api/v1/bookings/${observation.id}/assessment`, undefined, 200);
    const criterion = (opened.criteria as { id: string }[])[0]?.id as string;
    await send('zara', 'PATCH', `/api/v1/assessments/${opened.id}`, { version: opened.version, judgements: { [criterion]: { judgement: 'met' } } }, 200);
    await cancel(observation);
    expect((await get('zara', `/api/v1/records/${recordId}`)).statusCode).toBe(200);
    expect(await listed('zara')).toContain(recordId);
    // Xavier never had anything to do with it.
    expect((await get('xavier', `/api/v1/records/${recordId}`)).statusCode).toBe(404);
  });
});
