// Each work queue holds the records in its state and no others; its count is what the list
// narrowed to it holds; each role sees its own queues, within what it may see.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimCertificates } from '../../src/app/bulk-actions.ts';
import { validUln } from '../helpers.ts';
import { createTestApp, type TestApp } from './harness.ts';

type Queue = { id: string; count: number; href: string };

describe('work queues', () => {
  let t: TestApp;
  let admin: { cookie: string };
  let iqa: { cookie: string };
  let assessor: { id: string; cookie: string };
  const rec: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-03-20');
    const db = t.ctx.db;
    admin = await t.user('epao-admin');
    iqa = await t.user('iqa');
    const providerId = await t.organisation('provider', 'Northern Training');
    const employerId = await t.organisation('employer', 'Harbour Foods');
    const provider = await t.user('provider', { organisationId: providerId });
    const names = [
      'submitted',
      'approved',
      'approvedBooked',
      'pastBooking',
      'sampled',
      'appealed',
      'malpractice',
      'passed',
      'claimed',
      'registered',
      'ready',
      'late',
    ];
    for (const [i, name] of names.entries()) {
      const body = {
        uln: validUln(420000000 + i * 2),
        givenNames: name,
        familyName: 'Queue',
        dateOfBirth: '2004-01-01',
        employerId,
        standard: 'ST0071@1.2',
        startDate: '2024-01-08',
      };
      rec[name] = (await t.request('POST', '/api/v1/records', { cookie: provider.cookie, body })).json().id;
    }
    const asked = await t.request('POST', `/api/v1/records/${rec.registered}/withdrawal-requests`, {
      cookie: provider.cookie,
      body: { reason: 'Moved away.' },
    });
    expect(asked.statusCode, asked.body).toBe(201);
    assessor = await t.user('assessor');
    const assessorId = (await db.selectFrom('assessors').select('id').where('userId', '=', assessor.id).executeTakeFirstOrThrow()).id;
    const status = (ids: string[], value: 'gateway-submitted' | 'gateway-approved' | 'in-epa') =>
      db.updateTable('epaRecords').set({ status: value }).where('id', 'in', ids).execute();
    await status([rec.submitted as string], 'gateway-submitted');
    await status([rec.approved as string, rec.approvedBooked as string], 'gateway-approved');
    await status(
      [
        rec.pastBooking as string,
        rec.sampled as string,
        rec.appealed as string,
        rec.malpractice as string,
        rec.passed as string,
        rec.claimed as string,
        rec.ready as string,
        rec.late as string,
      ],
      'in-epa',
    );
    // In EPA, its window (as recorded) ended on 1 March: the EPA window has passed.
    await db
      .updateTable('epaRecords')
      .set({ epaEnd: '2026-03-01' })
      .where('id', '=', rec.late as string)
      .execute();
    const book = (epaRecordId: string, startsAt: string, bookingStatus: 'booked' | 'held', method = 'observation') =>
      db
        .insertInto('bookings')
        .values({
          epaRecordId,
          method,
          assessorId,
          startsAt,
          endsAt: startsAt.replace('T10', 'T11'),
          bookedOn: '2026-01-06',
          venue: 'Leeds',
          status: bookingStatus,
          warnings: '[]',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    await book(rec.approvedBooked as string, '2026-04-02T10:00:00Z', 'booked');
    await book(rec.pastBooking as string, '2026-03-02T10:00:00Z', 'booked');
    const held = await book(rec.sampled as string, '2026-03-03T10:00:00Z', 'held');
    await db
      .insertInto('assessments')
      .values({
        bookingId: held.id,
        epaRecordId: rec.sampled as string,
        method: 'observation',
        assessorId,
        status: 'submitted',
        judgements: '{}',
        sessionFindings: '[]',
        provisionalGrade: 'pass',
        sampled: true,
        moderationStatus: 'pending',
      })
      .execute();
    // Every method assessed and its moderation decided, nothing released: ready to release.
    for (const [k, method] of ['observation', 'project', 'discussion'].entries()) {
      const booking = await book(rec.ready as string, `2026-03-0${4 + k}T10:00:00Z`, 'held', method);
      await db
        .insertInto('assessments')
        .values({
          bookingId: booking.id,
          epaRecordId: rec.ready as string,
          method,
          assessorId,
          status: 'submitted',
          judgements: '{}',
          sessionFindings: '[]',
          provisionalGrade: 'pass',
          sampled: k === 0,
          moderationStatus: k === 0 ? 'agreed' : 'signed-off',
        })
        .execute();
    }
    const result = async (epaRecordId: string, overall: 'pass' | 'fail') =>
      (
        await db
          .insertInto('results')
          .values({ epaRecordId, overall, capped: false, methodGrades: '{}', finalAssessmentOn: '2026-03-10', releasedOn: '2026-03-12', status: 'released' })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const appealed = await result(rec.appealed as string, 'fail');
    await db
      .insertInto('appeals')
      // Lodged Thursday 12 March and not acknowledged: 5 working days ran out on the 19th, so on the 20th it is late.
      .values({ epaRecordId: rec.appealed as string, resultId: appealed, lodgedOn: '2026-03-12', grounds: 'Wrong.', status: 'lodged' })
      .execute();
    const suspect = await result(rec.malpractice as string, 'fail');
    await db
      .insertInto('malpracticeCases')
      .values({ epaRecordId: rec.malpractice as string, resultId: suspect, openedOn: '2026-03-13', allegation: 'Copied work.', status: 'open' })
      .execute();
    await result(rec.passed as string, 'pass');
    // DfE refused the claimed record's EPA outcome (the ILR spells the name otherwise); the passed one's is accepted.
    // Each release queued its record's EPA outcomes: DfE took the passed one's.
    await db
      .updateTable('dfeSubmissions')
      .set({ state: 'done' })
      .where('epaRecordId', '=', rec.passed as string)
      .execute();
    const claimed = await result(rec.claimed as string, 'pass');
    // DfE refused the claimed record's (the ILR spells the name otherwise).
    const refused = JSON.stringify([{ code: 'DFE_REFUSED', message: 'ULN, FamilyName and Standard not found.' }]);
    await db
      .updateTable('dfeSubmissions')
      .set({ state: 'rejected', problems: refused })
      .where('epaRecordId', '=', rec.claimed as string)
      .execute();
    await db
      .insertInto('certificates')
      .values({
        epaRecordId: rec.claimed as string,
        resultId: claimed,
        status: 'requested',
        claimedGivenNames: 'claimed',
        claimedFamilyName: 'Queue',
        claimedUln: '1',
        requestedOn: '2026-03-13',
      })
      .execute();
  });
  afterAll(() => t.close());

  const queuesOf = async (cookie: string): Promise<Queue[]> => {
    const reply = await t.request('GET', '/api/v1/queues', { cookie });
    expect(reply.statusCode, reply.body).toBe(200);
    return reply.json().queues;
  };
  const membersOf = async (queue: string, cookie = admin.cookie) => {
    const reply = await t.request('GET', `/api/v1/records?queue=${queue}`, { cookie });
    expect(reply.statusCode, reply.body).toBe(200);
    return (reply.json().records as { apprentice: { givenNames: string } }[]).map((r) => r.apprentice.givenNames).sort();
  };

  it.each([
    ['gateway-review', ['submitted']],
    ['nothing-booked', ['approved']],
    ['withdrawals-requested', ['registered']],
    ['unconfirmed-bookings', ['approvedBooked']],
    ['work-overdue', ['late']],
    ['assessment-not-submitted', ['pastBooking']],
    ['awaiting-moderation', ['sampled']],
    ['open-appeals', ['appealed']],
    ['appeals-late', ['appealed']],
    ['open-malpractice', ['malpractice']],
    ['ready-to-release', ['ready']],
    ['certificates-to-claim', ['passed']],
    ['dfe-refused', ['claimed']],
  ])('holds in %s exactly the records in that state', async (queue, expected) => {
    expect(await membersOf(queue)).toEqual(expected);
  });

  it('downloads the results statements of a list as one PDF, a page for each released result', async () => {
    const statements = async (query: string) => t.request('GET', `/api/v1/records/results-statements.pdf?${query}`, { cookie: admin.cookie });
    const pages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;
    const claimable = await statements('queue=certificates-to-claim');
    expect(claimable.statusCode, claimable.body).toBe(200);
    expect(claimable.headers['content-type']).toBe('application/pdf');
    expect(claimable.headers['x-statements']).toBe('1');
    expect(claimable.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pages(claimable.rawPayload)).toBe(1);
    // Every apprentice called Queue: the four with a released result, a page each.
    const all = await statements('q=queue');
    expect(all.headers['x-statements']).toBe('4');
    expect(pages(all.rawPayload)).toBe(4);
    const none = await statements('queue=gateway-review');
    expect([none.statusCode, none.json().code]).toEqual([404, 'NO_RELEASED_RESULTS']);
  });

  it('counts each of the admin’s queues as its list holds them, each a link to the list', async () => {
    const queues = await queuesOf(admin.cookie);
    expect(queues.map((q) => q.id)).toEqual([
      'gateway-review',
      'nothing-booked',
      'withdrawals-requested',
      'unconfirmed-bookings',
      'work-overdue',
      'assessment-not-submitted',
      'awaiting-moderation',
      'open-appeals',
      'appeals-late',
      'open-malpractice',
      'ready-to-release',
      'certificates-to-claim',
      'dfe-refused',
    ]);
    for (const q of queues) {
      expect(q.count).toBe(1);
      expect(q.href).toBe(`/apprentices?queue=${q.id}`);
    }
  });

  it('gives the IQA and the assessor their own queues, within what they may see', async () => {
    expect((await queuesOf(iqa.cookie)).map((q) => [q.id, q.count])).toEqual([
      ['awaiting-moderation', 1],
      ['open-appeals', 1],
      ['appeals-late', 1],
    ]);
    expect((await queuesOf(assessor.cookie)).map((q) => [q.id, q.count])).toEqual([['assessment-not-submitted', 1]]);
    const stranger = await t.user('assessor');
    expect((await queuesOf(stranger.cookie)).map((q) => [q.id, q.count])).toEqual([['assessment-not-submitted', 0]]);
  });

  it('shows the counts on the admin home, each linking to the list narrowed to the queue', async () => {
    const home = await t.request('GET', '/admin', { cookie: admin.cookie });
    expect(home.body).toContain('href="/apprentices?queue=gateway-review"');
    const list = await t.request('GET', '/apprentices?queue=open-appeals', { cookie: admin.cookie });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('appealed Queue');
    expect(list.body).not.toContain('passed Queue');
  });

  it('refuses a queue it does not know (400)', async () => {
    const reply = await t.request('GET', '/api/v1/records?queue=everything', { cookie: admin.cookie });
    expect(reply.statusCode).toBe(400);
  });

  it('offers the claim on the queue’s page, ticked, and answers the form with each apprentice’s outcome', async () => {
    const list = await t.request('GET', '/apprentices?queue=certificates-to-claim', { cookie: admin.cookie });
    expect(list.body).toContain('id="bulk-claim"');
    expect(list.body).toContain(`value="${rec.passed}" checked`);
    const token = /name="_csrf" value="([^"]+)"/.exec(list.body)?.[1] ?? '';
    const sent = await t.request('POST', '/apprentices/bulk/claim-certificates', {
      cookie: admin.cookie,
      body: new URLSearchParams([
        ['_csrf', token],
        ['record', rec.passed as string],
      ]).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(sent.statusCode).toBe(200);
    expect(sent.body).toContain('1 of 1 done');
    expect(sent.body).toContain('passed Queue');
    const after = await t.request('GET', '/apprentices?queue=certificates-to-claim', { cookie: admin.cookie });
    expect(after.body).not.toContain('id="bulk-claim"');
    const gateway = await t.request('GET', '/apprentices?queue=gateway-review', { cookie: admin.cookie });
    expect(gateway.body).not.toContain('id="bulk-claim"');
  });

  it('claims the certificates of a selection, each through the single claim and its checks, saying what was not done and why', async () => {
    const user = await t.ctx.db.selectFrom('users').selectAll().where('role', '=', 'epao-admin').executeTakeFirstOrThrow();
    const actor = { userId: user.id, role: user.role, organisationId: user.organisationId, apprenticeId: null, assessorId: null, name: user.name };
    const nobody = '00000000-0000-4000-8000-000000000000';
    await t.ctx.db
      .insertInto('results')
      .values({
        epaRecordId: rec.sampled as string,
        overall: 'distinction',
        capped: false,
        methodGrades: '{}',
        finalAssessmentOn: '2026-03-10',
        releasedOn: '2026-03-12',
        status: 'released',
      })
      .execute();
    const outcomes = await claimCertificates(t.ctx, actor, [
      rec.sampled as string,
      rec.passed as string,
      rec.claimed as string,
      rec.registered as string,
      nobody,
    ]);
    expect(outcomes.map((o) => [o.name, o.done, o.done ? 'claimed' : o.code])).toEqual([
      ['sampled Queue', true, 'claimed'],
      ['passed Queue', false, 'CERTIFICATE_EXISTS'],
      ['claimed Queue', false, 'CERTIFICATE_EXISTS'],
      ['registered Queue', false, 'NO_RELEASED_RESULT'],
      ['', false, 'NOT_FOUND'],
    ]);
    const certificate = await t.ctx.db
      .selectFrom('certificates')
      .select(['claimedGivenNames', 'claimedUln'])
      .where('epaRecordId', '=', rec.passed as string)
      .executeTakeFirstOrThrow();
    expect(certificate.claimedGivenNames).toBe('passed');
    expect((await queuesOf(admin.cookie)).find((q) => q.id === 'certificates-to-claim')?.count).toBe(0);
    await expect(claimCertificates(t.ctx, actor, [])).rejects.toMatchObject({ code: 'SELECTION_EMPTY' });
    await expect(
      claimCertificates(
        t.ctx,
        actor,
        Array.from({ length: 101 }, (_, i) => `${i}`),
      ),
    ).rejects.toMatchObject({ code: 'SELECTION_TOO_LARGE' });
  });
});
