// Issue 4: each role sees only its own records. One test tries every role against every
// endpoint, with apprentice A's records: an endpoint's allowed roles get past the access
// check (whatever the state then says), every other role gets 403 or 404, and nobody
// signed out gets in. The route list comes from the server itself, so a new endpoint
// without an entry here fails the test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart, pdf, words } from '../fixtures/documents.ts';
import { validUln } from '../helpers.ts';
import { createTestApp, PASSWORD, type TestApp } from './harness.ts';

type Actor = 'admin' | 'iqa' | 'assessorA' | 'assessorB' | 'providerA' | 'providerB' | 'employerA' | 'employerB' | 'apprenticeA' | 'apprenticeB';
const EVERYONE: Actor[] = ['admin', 'iqa', 'assessorA', 'assessorB', 'providerA', 'providerB', 'employerA', 'employerB', 'apprenticeA', 'apprenticeB'];
/** Who sees apprentice A's record: the EPAO's staff, its provider, its employer, itself and its assessor. */
const SEES_A: Actor[] = ['admin', 'iqa', 'providerA', 'employerA', 'apprenticeA', 'assessorA'];
const PUBLIC = new Set(['POST /api/v1/auth/sign-in', 'POST /api/v1/auth/sign-out', 'POST /api/v1/auth/password-reset', 'POST /api/v1/auth/password']);

const FIGURES = { meanDaysToComplete: null, worstDaysToComplete: null, placed: 0, unplaced: 0, load: { min: 0, max: 0, mean: 0 } };

describe('who may do what (every role × every endpoint)', () => {
  let t: TestApp;
  const cookie: Partial<Record<Actor, string>> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-03-20');
    const db = t.ctx.db;
    const providerA = await t.organisation('provider', 'Provider A');
    const providerB = await t.organisation('provider', 'Provider B');
    const employerA = await t.organisation('employer', 'Employer A');
    const employerB = await t.organisation('employer', 'Employer B');
    const admin = await t.user('epao-admin');
    cookie.admin = admin.cookie;
    cookie.iqa = (await t.user('iqa')).cookie;
    cookie.providerA = (await t.user('provider', { organisationId: providerA })).cookie;
    cookie.providerB = (await t.user('provider', { organisationId: providerB })).cookie;
    cookie.employerA = (await t.user('employer', { organisationId: employerA })).cookie;
    cookie.employerB = (await t.user('employer', { organisationId: employerB })).cookie;

    const register = async (providerCookie: string, employerId: string, uln: string) => {
      const r = await t.request('POST', '/api/v1/records', {
        cookie: providerCookie,
        body: {
          uln,
          givenNames: 'Ada',
          familyName: 'Lovelace',
          dateOfBirth: '2004-01-01',
          employerId,
          standard: 'ST0071@1.2',
          policy: null,
          startDate: '2024-01-08',
        },
      });
      return r.json() as { id: string; apprentice: { id: string } };
    };
    const a = await register(cookie.providerA as string, employerA, validUln(810000000));
    const b = await register(cookie.providerB as string, employerB, validUln(820000000));
    ids.record = a.id;
    ids.recordB = b.id;
    ids.employer = employerA;
    // Provider B asks to register apprentice A for the same standard: held for the EPAO.
    const held = await t.request('POST', '/api/v1/records', {
      cookie: cookie.providerB,
      body: {
        uln: validUln(810000000),
        givenNames: 'Ada',
        familyName: 'Lovelace',
        dateOfBirth: '2004-01-01',
        employerId: employerB,
        standard: 'ST0071@1.2',
        policy: null,
        startDate: '2024-01-08',
      },
    });
    ids.clash = held.json().held.id;
    cookie.apprenticeA = (await t.user('apprentice', { apprenticeId: a.apprentice.id })).cookie;
    cookie.apprenticeB = (await t.user('apprentice', { apprenticeId: b.apprentice.id })).cookie;
    const assessorA = await t.user('assessor');
    const assessorB = await t.user('assessor');
    cookie.assessorA = assessorA.cookie;
    cookie.assessorB = assessorB.cookie;
    const assessorRow = async (userId: string) => (await db.selectFrom('assessors').select('id').where('userId', '=', userId).executeTakeFirstOrThrow()).id;
    ids.assessor = await assessorRow(assessorA.id);
    ids.assessorB = await assessorRow(assessorB.id);
    await db
      .updateTable('assessors')
      .set({ standards: ['ST0071@1.2'], standardisedOn: '2025-10-01' })
      .execute();

    // Apprentice A part-way: gateway approved, an observation held and submitted, a result released.
    await db
      .updateTable('epaRecords')
      .set({ status: 'in-epa', gatewayApprovedOn: '2026-01-05', epaStart: '2026-01-05', epaEnd: '2026-04-05' })
      .where('id', 'in', [a.id, b.id])
      .execute();
    const file = await t.request('POST', `/api/v1/records/${a.id}/files`, {
      cookie: cookie.providerA,
      ...(() => {
        const form = multipart({ purpose: 'portfolio-piece', ksbs: 'K2' }, { fileName: 'piece.pdf', bytes: pdf(['Piece', ...words(20)]) });
        return { body: form.body, headers: form.headers };
      })(),
    });
    ids.file = file.json().id;
    ids.gateway = (
      await db
        .insertInto('gatewaySubmissions')
        .values({ epaRecordId: a.id, submittedOn: '2026-01-05', request: '{}', outcome: '{}', status: 'approved' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const booking = await db
      .insertInto('bookings')
      .values({
        epaRecordId: a.id,
        method: 'observation',
        assessorId: ids.assessor,
        startsAt: '2026-02-02T10:00:00Z',
        endsAt: '2026-02-02T11:06:00Z',
        bookedOn: '2026-01-06',
        venue: 'Leeds',
        status: 'held',
        warnings: '[]',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.booking = booking.id;
    const batch = await db.insertInto('moderationBatches').values({ assessorId: ids.assessor }).returning('id').executeTakeFirstOrThrow();
    ids.batch = batch.id;
    ids.assessment = (
      await db
        .insertInto('assessments')
        .values({
          bookingId: booking.id,
          epaRecordId: a.id,
          method: 'observation',
          assessorId: ids.assessor,
          status: 'submitted',
          judgements: '{}',
          sessionFindings: '[]',
          provisionalGrade: 'pass',
          sampled: true,
          moderationStatus: 'pending',
          moderationBatchId: batch.id,
          startedAt: '2026-02-02T10:00:00Z',
          endedAt: '2026-02-02T11:00:00Z',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    ids.result = (
      await db
        .insertInto('results')
        .values({
          epaRecordId: a.id,
          overall: 'pass',
          capped: false,
          methodGrades: JSON.stringify({ observation: 'pass', project: 'pass', discussion: 'pass' }),
          finalAssessmentOn: '2026-03-16',
          releasedOn: '2026-03-18',
          status: 'released',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    ids.certificate = (
      await db
        .insertInto('certificates')
        .values({
          epaRecordId: a.id,
          resultId: ids.result,
          status: 'requested',
          claimedGivenNames: 'Ada',
          claimedFamilyName: 'Lovelace',
          claimedUln: '1',
          requestedOn: '2026-03-19',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    ids.appeal = (
      await db
        .insertInto('appeals')
        .values({ epaRecordId: a.id, resultId: ids.result, lodgedOn: '2026-03-19', grounds: 'The grade is wrong.', status: 'lodged' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    ids.malpractice = (
      await db
        .insertInto('malpracticeCases')
        .values({ epaRecordId: b.id, openedOn: '2026-03-19', allegation: 'Copied work.', status: 'open' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const empty = {
      placements: [],
      moved: [],
      unplaced: [],
      before: FIGURES,
      after: FIGURES,
      cost: 0,
      costFloor: 0,
      costParts: {},
      hardViolations: 0,
      iterations: 0,
      ms: 0,
    };
    ids.proposal = (
      await db
        .insertInto('scheduleProposals')
        .values({
          kind: 'schedule',
          proposedBy: admin.id,
          scheduleFrom: '2026-04-01',
          scheduleTo: '2026-04-30',
          standard: null,
          proposal: JSON.stringify(empty),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    // A refused DfE item: the admin is let through to a 204 (resend), then to a 409 (not waiting).
    ids.dfe = (
      await db
        .updateTable('dfeSubmissions')
        .set({ state: 'rejected', problems: JSON.stringify([{ code: 'DFE_REFUSED', message: 'ULN, FamilyName and Standard not found.' }]) })
        .where('epaRecordId', '=', a.id)
        .where('kind', '=', 'epa')
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const requester = await db.selectFrom('users').select('id').where('role', '=', 'provider').executeTakeFirstOrThrow();
    ids.withdrawalRequest = (
      await db
        .insertInto('withdrawalRequests')
        .values({ epaRecordId: a.id, requestedBy: requester.id, requestedOn: '2026-03-19', reason: 'Left the employer.', status: 'requested' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    ids.complaint = (
      await t.request('POST', '/api/v1/complaints', { cookie: cookie.providerA, body: { subject: 'Late notice', details: 'Moved at a day’s notice.' } })
    ).json().id;
    // A person nobody here signs in as: the EPAO's re-invitation, disabling and enabling act on them.
    ids.person = (await t.user('iqa')).id;
    const token = await t.request('POST', '/api/v1/tokens', { cookie: cookie.providerA, body: { name: 'sync' } });
    ids.token = token.json().id;
  }, 120_000);
  afterAll(() => t.close());

  /** Each endpoint: who may use it (on apprentice A's records) and a request body that passes validation. */
  const rules = (): Record<string, { allowed: Actor[]; body?: unknown; raw?: { body: Buffer | string; headers: Record<string, string> } }> => ({
    'GET /api/v1/me': { allowed: EVERYONE },
    'POST /api/v1/tokens': { allowed: ['admin', 'providerA', 'providerB'], body: { name: 'x' } },
    'GET /api/v1/tokens': { allowed: ['admin', 'providerA', 'providerB'] },
    'GET /api/v1/records': { allowed: EVERYONE },
    'GET /api/v1/records/export.csv': { allowed: EVERYONE },
    // A's released result is the only one: whoever cannot see A has no statement to get (404).
    'GET /api/v1/records/results-statements.pdf': { allowed: SEES_A },
    'GET /api/v1/queues': { allowed: EVERYONE },
    'POST /api/v1/records': {
      allowed: ['admin', 'providerA', 'providerB'],
      body: {
        uln: validUln(830000000),
        givenNames: 'B',
        familyName: 'C',
        dateOfBirth: '2004-01-01',
        employerId: '00000000-0000-4000-8000-000000000000',
        standard: 'ST0071@1.2',
        policy: null,
        startDate: '2024-01-01',
      },
    },
    'GET /api/v1/registration-clashes': { allowed: ['admin', 'providerA', 'providerB'] },
    // The held registration is provider B's request: B and the EPAO see it, provider A (whose record it clashed with) does not.
    'GET /api/v1/registration-clashes/:id': { allowed: ['admin', 'providerB'] },
    'GET /api/v1/records/:id': { allowed: SEES_A },
    'PATCH /api/v1/records/:id': { allowed: ['admin', 'providerA'], body: { version: 99, adjustments: 'reader' } },
    'POST /api/v1/records/import': { allowed: ['admin', 'providerA', 'providerB'], raw: { body: 'uln\n', headers: { 'content-type': 'text/csv' } } },
    'POST /api/v1/records/:id/files': {
      allowed: ['admin', 'providerA', 'apprenticeA'],
      raw: (() => {
        const form = multipart({ purpose: 'project-report' }, { fileName: 'r.pdf', bytes: pdf(['Report', ...words(10)]) });
        return { body: form.body, headers: form.headers };
      })(),
    },
    'GET /api/v1/records/:id/files': { allowed: SEES_A },
    'GET /api/v1/files/:id': { allowed: SEES_A },
    'POST /api/v1/records/:id/gateway': {
      allowed: ['admin', 'providerA'],
      body: { qualifications: { english: 'level-2', maths: 'level-2' }, declarations: { employer: true, provider: true, apprentice: true } },
    },
    'GET /api/v1/records/:id/gateway': { allowed: SEES_A },
    'POST /api/v1/gateway/:id/decision': { allowed: ['admin'], body: { decision: 'approve' } },
    'POST /api/v1/records/:id/submissions': {
      allowed: ['admin', 'providerA', 'apprenticeA'],
      body: { kind: 'project-report', fileId: '00000000-0000-4000-8000-000000000000' },
    },
    'GET /api/v1/records/:id/submissions': { allowed: SEES_A },
    'POST /api/v1/assessors': { allowed: ['admin'], body: { email: 'new.assessor@test.invalid', name: 'New', password: PASSWORD } },
    'GET /api/v1/assessors': { allowed: ['admin', 'iqa', 'assessorA', 'assessorB'] },
    'GET /api/v1/assessors/:id': { allowed: ['admin', 'iqa', 'assessorA'] },
    'PATCH /api/v1/assessors/:id': { allowed: ['admin'], body: { version: 99, name: 'Renamed' } },
    'POST /api/v1/assessors/:id/relationships': {
      allowed: ['admin', 'assessorA'],
      body: { organisationId: '00000000-0000-4000-8000-000000000000', nature: 'friend' },
    },
    'POST /api/v1/assessors/:id/availability': { allowed: ['admin', 'assessorA'], body: { startsAt: '2026-04-01T09:00:00Z', endsAt: '2026-04-01T17:00:00Z' } },
    'POST /api/v1/records/:id/bookings': {
      allowed: ['admin'],
      body: { method: 'project', date: '2026-03-30', startTime: '10:00', assessorId: '00000000-0000-4000-8000-000000000000', venue: 'Leeds' },
    },
    'GET /api/v1/records/:id/bookings': { allowed: SEES_A },
    'GET /api/v1/bookings': { allowed: EVERYONE },
    'GET /api/v1/bookings/:id': { allowed: SEES_A },
    'PATCH /api/v1/bookings/:id': { allowed: ['admin'], body: { version: 99, venue: 'York' } },
    'GET /api/v1/bookings/:id/invite.ics': { allowed: SEES_A },
    'POST /api/v1/bookings/:id/assessment': { allowed: ['admin', 'iqa', 'assessorA'] },
    'GET /api/v1/assessments': { allowed: EVERYONE },
    'GET /api/v1/assessments/:id': { allowed: ['admin', 'iqa', 'assessorA'] },
    'PATCH /api/v1/assessments/:id': { allowed: ['assessorA'], body: { version: 99 } },
    'POST /api/v1/assessments/:id/submit': { allowed: ['assessorA'], body: { version: 99 } },
    'GET /api/v1/moderation': { allowed: ['admin', 'iqa'] },
    'POST /api/v1/assessments/:id/moderation': { allowed: ['admin', 'iqa'], body: { decision: 'agree' } },
    'POST /api/v1/moderation/batches/:id/sign-off': { allowed: ['admin', 'iqa'] },
    'GET /api/v1/records/:id/result': { allowed: SEES_A },
    'POST /api/v1/records/:id/result': { allowed: ['admin', 'iqa'], body: {} },
    'POST /api/v1/records/:id/reattempts': { allowed: ['admin'], body: { method: 'observation', kind: 'resit', plannedOn: '2026-05-01' } },
    'POST /api/v1/records/:id/certificate': { allowed: ['admin'], body: { givenNames: 'Ada', familyName: 'Lovelace', uln: '1' } },
    'GET /api/v1/certificates': { allowed: ['admin', 'iqa'] },
    'POST /api/v1/certificates/:id/steps': { allowed: ['admin'], body: { version: 99, step: 'issued' } },
    'GET /api/v1/records/:id/results-statement.pdf': { allowed: SEES_A },
    'GET /api/v1/achievements?from=2026-03-01&to=2026-03-31': { allowed: ['admin'] },
    'POST /api/v1/achievements/send': { allowed: ['admin'], body: { from: '2026-03-01', to: '2026-03-31' } },
    'POST /api/v1/records/:id/appeals': {
      allowed: ['admin', 'providerA', 'employerA', 'apprenticeA'],
      body: { resultId: ids.result, grounds: 'The observation grade is wrong.' },
    },
    'GET /api/v1/appeals': { allowed: ['admin', 'iqa'] },
    'GET /api/v1/appeals/:id': { allowed: SEES_A },
    'POST /api/v1/appeals/:id/decision': { allowed: ['admin', 'iqa'], body: { outcome: 'rejected', reason: 'The grade stands.' } },
    // After the decision: the EPAO's steps on a decided appeal are refused with 409, not by role.
    'POST /api/v1/appeals/:id/acknowledgement': { allowed: ['admin'] },
    'POST /api/v1/appeals/:id/reviewer': { allowed: ['admin'], body: { reviewerId: '00000000-0000-4000-8000-000000000000' } },
    'POST /api/v1/records/:id/malpractice': { allowed: ['admin'], body: { allegation: 'Suspected collusion.' } },
    'POST /api/v1/malpractice/:id/decision': { allowed: ['admin'], body: { outcome: 'dismissed', notes: 'No evidence found.' } },
    'GET /api/v1/outbox': { allowed: ['admin'] },
    'GET /api/v1/audit/verify': { allowed: ['admin'] },
    'GET /api/v1/audit/entries/:id/proof': { allowed: ['admin'] },
    'GET /api/v1/records/:id/withdrawal': { allowed: ['admin', 'providerA', 'employerA'] },
    'GET /api/v1/records/:id/declarations': { allowed: SEES_A },
    'GET /api/v1/assessors/:id/time': { allowed: ['admin', 'iqa', 'assessorA'] },
    'PUT /api/v1/assessors/:id/weekly-hours': { allowed: ['admin', 'assessorA'], body: { hours: [{ weekday: 6, starts: '09:00', ends: '12:00' }] } },
    'POST /api/v1/assessors/:id/leave': { allowed: ['admin', 'assessorA'], body: { fromDate: '2030-08-01', toDate: '2030-08-10' } },
    'DELETE /api/v1/assessors/:id/leave/:leaveId': { allowed: ['admin', 'assessorA'] },
    'POST /api/v1/assessors/:id/calendar-link': { allowed: ['admin', 'assessorA'] },
    'DELETE /api/v1/assessors/:id/calendar-link': { allowed: ['admin', 'assessorA'] },
    'GET /api/v1/organisations?kind=provider': { allowed: ['admin'] },
    'POST /api/v1/organisations': { allowed: ['admin'], body: { kind: 'employer', name: 'Harbour Bakeries', reference: 'HB-1' } },
    'GET /api/v1/people': { allowed: ['admin'] },
    'GET /api/v1/me/preferences': { allowed: EVERYONE },
    'PUT /api/v1/me/preferences': { allowed: EVERYONE, body: { reminders: true } },
    'GET /api/v1/mail-templates': { allowed: ['admin'] },
    'GET /api/v1/mail-templates/:kind': { allowed: ['admin'] },
    'POST /api/v1/mail-templates/:kind/preview': { allowed: ['admin'], body: { subject: 'Hi', body: '{{link}}' } },
    'PUT /api/v1/mail-templates/:kind': { allowed: ['admin'], body: { subject: 'You are invited', body: 'Choose a password: {{link}}', version: 99 } },
    'DELETE /api/v1/mail-templates/:kind': { allowed: ['admin'] },
    'POST /api/v1/people': { allowed: ['admin'], body: { email: 'invited.iqa@test.invalid', name: 'Invited IQA', role: 'iqa' } },
    'POST /api/v1/people/:id/invitation': { allowed: ['admin'] },
    'POST /api/v1/people/:id/disable': { allowed: ['admin'] },
    'POST /api/v1/people/:id/enable': { allowed: ['admin'] },
    // Record A is past gateway: the employer and apprentice are let through, to a 409.
    'POST /api/v1/records/:id/declaration': { allowed: ['employerA', 'apprenticeA'] },
    // Record A is past gateway: the provider and the EPAO are let through, to a 409.
    'GET /api/v1/dfe/submissions': { allowed: ['admin'] },
    'PUT /api/v1/records/:id/ilr-family-name': { allowed: ['admin'], body: { ilrFamilyName: 'Lovelace-Byron' } },
    // Not connected in this test: the admin and providers are let through, to a 409.
    'GET /api/v1/dfe/learner?uln=1234567890&familyName=Lovelace&standard=ST0071': { allowed: ['admin', 'providerA', 'providerB'] },
    'PUT /api/v1/organisations/:id/address': {
      allowed: ['admin'],
      body: { contactName: 'Sam Harbour', addressLine1: '1 Quay Street', city: 'Leeds', postCode: 'LS1 4AP' },
    },
    // The scheduler proposes over the seeded data; nothing is booked until a proposal is accepted.
    'POST /api/v1/schedule/proposals': { allowed: ['admin'], body: {} },
    'POST /api/v1/schedule/replans': { allowed: ['admin'], body: {} },
    'GET /api/v1/schedule/proposals': { allowed: ['admin'] },
    'GET /api/v1/schedule/proposals/:id': { allowed: ['admin'] },
    // An empty proposal: the admin accepts it (200), then may no longer discard it (409).
    'POST /api/v1/schedule/proposals/:id/accept': { allowed: ['admin'], body: {} },
    'POST /api/v1/schedule/proposals/:id/discard': { allowed: ['admin'] },
    'POST /api/v1/dfe/submissions/:id/resend': { allowed: ['admin'] },
    'POST /api/v1/dfe/submissions/:id/release-early': { allowed: ['admin'], body: { reason: 'The employer asked for it now.' } },
    'POST /api/v1/records/:id/declarations/signed-record': {
      allowed: ['admin', 'providerA'],
      body: { party: 'employer', signedBy: 'Sam Harbour', signedOn: '2024-01-02', fileId: '00000000-0000-4000-8000-000000000000' },
    },
    // A request already waits for record A: the provider and employer are let through, to a 409.
    'POST /api/v1/records/:id/withdrawal-requests': { allowed: ['providerA', 'employerA'], body: { reason: 'Left the employer.' } },
    'POST /api/v1/withdrawal-requests/:id/confirmation': { allowed: ['admin'], body: { version: 99 } },
    'POST /api/v1/complaints': { allowed: EVERYONE, body: { subject: 'Late notice', details: 'The assessment was moved at a day’s notice.' } },
    'GET /api/v1/complaints': { allowed: EVERYONE },
    // The complaint is provider A's: they and the EPAO see it.
    'GET /api/v1/complaints/:id': { allowed: ['admin', 'providerA'] },
    'POST /api/v1/complaints/:id/acknowledgement': { allowed: ['admin'] },
    'POST /api/v1/complaints/:id/response': { allowed: ['admin'], body: { response: 'We are sorry: the assessor was ill.' } },
    'GET /api/v1/malpractice/:id': { allowed: ['admin'] },
    'POST /api/v1/malpractice/:id/notes': { allowed: ['admin'], body: { note: 'Spoke to the assessor.' } },
    // Opens a case on record A (holding its result): after everything that reads the result.
    'POST /api/v1/records/:id/malpractice-reports': { allowed: SEES_A, body: { concerns: 'apprentice', allegation: 'The report was copied.' } },
    // Last: these change the state the others read.
    'POST /api/v1/withdrawal-requests/:id/decline': { allowed: ['admin'], body: { reason: 'Still employed: see the employer.' } },
    'POST /api/v1/bookings/:id/cancel': { allowed: ['admin'], body: { version: 99, reason: 'Illness.' } },
    'POST /api/v1/bookings/:id/confirmation': { allowed: ['assessorA'], body: { version: 99 } },
    'POST /api/v1/records/:id/withdraw': { allowed: ['admin', 'providerA'], body: { version: 99, reason: 'Left the employer.' } },
    'POST /api/v1/registration-clashes/:id/decision': { allowed: ['admin'], body: { decision: 'reject', reason: 'Still with provider A.' } },
    'DELETE /api/v1/tokens/:id': { allowed: ['providerA'] },
  });

  /** The id an endpoint's `:id` stands for. */
  function url(key: string): string {
    const path = key.split(' ')[1] as string;
    const id = (() => {
      if (path.startsWith('/api/v1/records/:id')) return ids.record;
      if (path.startsWith('/api/v1/files/')) return ids.file;
      if (path.startsWith('/api/v1/gateway/')) return ids.gateway;
      if (path.startsWith('/api/v1/assessors/')) return ids.assessor;
      if (path.startsWith('/api/v1/bookings/')) return ids.booking;
      if (path.startsWith('/api/v1/assessments/')) return ids.assessment;
      if (path.startsWith('/api/v1/moderation/batches/')) return ids.batch;
      if (path.startsWith('/api/v1/certificates/')) return ids.certificate;
      if (path.startsWith('/api/v1/appeals/')) return ids.appeal;
      if (path.startsWith('/api/v1/malpractice/')) return ids.malpractice;
      if (path.startsWith('/api/v1/tokens/')) return ids.token;
      if (path.startsWith('/api/v1/audit/entries/')) return '1';
      if (path.startsWith('/api/v1/registration-clashes/')) return ids.clash;
      if (path.startsWith('/api/v1/withdrawal-requests/')) return ids.withdrawalRequest;
      if (path.startsWith('/api/v1/people/')) return ids.person;
      if (path.startsWith('/api/v1/complaints/')) return ids.complaint;
      if (path.startsWith('/api/v1/dfe/submissions/')) return ids.dfe;
      if (path.startsWith('/api/v1/schedule/proposals/')) return ids.proposal;
      if (path.startsWith('/api/v1/organisations/')) return ids.employer;
      return '';
    })();
    return path
      .replace(':id', id as string)
      .replace(':kind', 'invitation')
      .replace(':leaveId', '00000000-0000-4000-8000-000000000000');
  }

  it('has a rule for every endpoint the server serves', () => {
    const served = t.app.capstoneRoutes.filter((r) => r.url.startsWith('/api/v1/')).map((r) => `${r.method} ${r.url}`);
    const covered = new Set([...Object.keys(rules()).map((k) => k.split('?')[0] as string), ...PUBLIC]);
    expect(served.filter((s) => !covered.has(s))).toEqual([]);
    expect([...covered].filter((c) => !served.includes(c))).toEqual([]);
  });

  it('lets the allowed roles past the access check, and no one else', async () => {
    const wrong: string[] = [];
    for (const [key, rule] of Object.entries(rules())) {
      const [method] = key.split(' ') as [string];
      const send = (c?: string) =>
        rule.raw
          ? t.request(method, url(key), { cookie: c, body: rule.raw.body, headers: rule.raw.headers })
          : t.request(method, url(key), { cookie: c, ...(rule.body !== undefined ? { body: rule.body } : {}) });
      const anonymous = await send();
      if (anonymous.statusCode !== 401) wrong.push(`${key} signed out: ${anonymous.statusCode}`);
      // Refused roles first: a refusal must change nothing the allowed roles then read.
      const order = [...EVERYONE.filter((a) => !rule.allowed.includes(a)), ...rule.allowed];
      for (const actor of order) {
        const r = await send(cookie[actor]);
        const allowed = rule.allowed.includes(actor);
        const denied = r.statusCode === 403 || r.statusCode === 404 || r.statusCode === 401;
        if (allowed === denied || r.statusCode >= 500) wrong.push(`${key} as ${actor}: ${r.statusCode} ${r.body.slice(0, 120)}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it('lists only what each role may see', async () => {
    const expectations: [Actor, string[]][] = [
      ['admin', [ids.record as string, ids.recordB as string]],
      ['iqa', [ids.record as string, ids.recordB as string]],
      ['providerA', [ids.record as string]],
      ['providerB', [ids.recordB as string]],
      ['employerA', [ids.record as string]],
      ['employerB', [ids.recordB as string]],
      ['apprenticeA', [ids.record as string]],
      ['apprenticeB', [ids.recordB as string]],
      ['assessorA', [ids.record as string]],
      ['assessorB', []],
    ];
    for (const [actor, expected] of expectations) {
      const records = (await t.request('GET', '/api/v1/records', { cookie: cookie[actor] })).json().records as { id: string }[];
      expect(
        records
          .map((r) => r.id)
          .filter((id) => id === ids.record || id === ids.recordB)
          .sort(),
        actor,
      ).toEqual([...expected].sort());
      const bookings = (await t.request('GET', '/api/v1/bookings', { cookie: cookie[actor] })).json();
      const bookingIds = (Array.isArray(bookings) ? bookings : (bookings.bookings ?? [])).map((b: { id: string }) => b.id);
      expect(bookingIds.includes(ids.booking), `${actor} bookings`).toBe(expected.includes(ids.record as string));
    }
  });
});
