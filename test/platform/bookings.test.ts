// Assessors and bookings through the API.
// Records are put at gateway-approved straight into the database: the gateway use-case is
// tested on its own. "Today" is fixed with t.setToday.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldLine } from '../../src/app/calendar-invite.ts';
import { createTestApp, ENGINES, type TestApp } from './harness.ts';

const ASSESSOR_PASSWORD = 'a long enough assessor password';

describe('the calendar invitation format (RFC 5545)', () => {
  it('folds at 75 octets without splitting a UTF-8 character', () => {
    const line = `SUMMARY:${'é'.repeat(60)}—${'x'.repeat(40)}`;
    const folded = foldLine(line);
    const lines = folded.split('\r\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
    expect(lines.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(lines.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe(line);
    expect(foldLine('SHORT:line')).toBe('SHORT:line');
  });
});

describe.each(ENGINES)('assessors and bookings (%s)', (engine) => {
  let t: TestApp;
  let admin: { email: string; cookie: string };
  let providerId: string;
  let employerId: string;
  let provider: { cookie: string };
  let otherProvider: { cookie: string };
  let uln = 0;

  beforeAll(async () => {
    t = await createTestApp(engine);
    t.setToday('2026-01-05');
    admin = await t.user('epao-admin');
    providerId = await t.organisation('provider', 'Northern Training');
    employerId = await t.organisation('employer', 'Acme Retail');
    provider = await t.user('provider', { organisationId: providerId });
    otherProvider = await t.user('provider');
  }, 30_000);
  afterAll(() => t.close());

  type RecordOptions = {
    standard?: string;
    policy?: string | null;
    gatewayApprovedOn?: string;
    epaStart?: string | null;
    epaEnd?: string | null;
    extraTimePercent?: number;
    adjustments?: string | null;
    givenNames?: string;
    familyName?: string;
    status?: 'gateway-approved' | 'registered';
    email?: string | null;
  };

  /** An apprentice at gateway-approved (ST0071's window from approval on 5 January 2026: to 5 April). */
  async function approvedRecord(o: RecordOptions = {}): Promise<{ recordId: string; apprenticeId: string }> {
    const standard = o.standard ?? 'ST0071@1.2';
    const fromApproval = standard.startsWith('ST0071');
    const number = String(1_100_000_000 + ++uln);
    const apprentice = await t.ctx.db
      .insertInto('apprentices')
      .values({
        uln: number,
        givenNames: o.givenNames ?? 'Grace',
        familyName: o.familyName ?? `Hopper ${uln}`,
        dateOfBirth: '2004-05-06',
        email: o.email ?? null,
        providerId,
        employerId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const record = await t.ctx.db
      .insertInto('epaRecords')
      .values({
        apprenticeId: apprentice.id,
        uln: number,
        standard,
        standardCode: standard.split('@')[0] as string,
        policy: o.policy === undefined ? null : o.policy,
        status: o.status ?? 'gateway-approved',
        startDate: '2024-09-02',
        registeredOn: '2025-09-01',
        gatewayApprovedOn: o.status === 'registered' ? null : (o.gatewayApprovedOn ?? '2026-01-05'),
        epaStart: o.epaStart !== undefined ? o.epaStart : fromApproval ? '2026-01-05' : null,
        epaEnd: o.epaEnd !== undefined ? o.epaEnd : fromApproval ? '2026-04-05' : null,
        channel: standard.startsWith('ST0072') ? 'face-to-face' : null,
        extraTimePercent: o.extraTimePercent ?? 0,
        adjustments: o.adjustments ?? null,
        updatedAt: new Date('2026-01-05T12:00:00Z'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { recordId: record.id, apprenticeId: apprentice.id };
  }

  let assessorCount = 0;
  /** An assessor appointed through the API, signed in. */
  async function assessor(o: { standards?: string[]; standardisedOn?: string | null; name?: string } = {}) {
    assessorCount++;
    const email = `assessor.${engine}.${assessorCount}@test.invalid`;
    const created = await t.request('POST', '/api/v1/assessors', {
      cookie: admin.cookie,
      body: {
        email,
        name: o.name ?? `Assessor ${assessorCount}`,
        password: ASSESSOR_PASSWORD,
        standards: o.standards ?? ['ST0071@1.2'],
        ...(o.standardisedOn === null ? {} : { standardisedOn: o.standardisedOn ?? '2025-06-01' }),
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    return { id: created.json().id as string, email, cookie: await t.signIn(email, ASSESSOR_PASSWORD) };
  }

  /** Moves "today"; a session lasts 8 hours of it, so the admin signs in again. */
  async function setToday(date: string) {
    t.setToday(date);
    admin.cookie = await t.signIn(admin.email);
  }

  const book = (recordId: string, body: Record<string, unknown>, options: { cookie?: string; headers?: Record<string, string> } = {}) =>
    t.request('POST', `/api/v1/records/${recordId}/bookings`, { cookie: options.cookie ?? admin.cookie, body, headers: options.headers });

  const minutesOf = (b: { startsAt: string; endsAt: string }) => (Date.parse(b.endsAt) - Date.parse(b.startsAt)) / 60_000;

  it('appoints an assessor who can sign in, and keeps their standards, standardisation and qualifications with a version', async () => {
    await setToday('2026-01-05');
    const created = await t.request('POST', '/api/v1/assessors', {
      cookie: admin.cookie,
      body: { email: `Ada.Assessor.${engine}@Test.invalid`, name: 'Ada Assessor', password: ASSESSOR_PASSWORD, qualifications: [{ name: 'TAQA' }] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const a = created.json();
    expect(a).toMatchObject({
      version: 1,
      name: 'Ada Assessor',
      email: `ada.assessor.${engine}@test.invalid`,
      standards: [],
      standardisedOn: null,
      currentUntil: null,
    });
    const cookie = await t.signIn(`ada.assessor.${engine}@test.invalid`, ASSESSOR_PASSWORD);
    const me = await t.request('GET', '/api/v1/me', { cookie });
    expect(me.json().user).toMatchObject({ role: 'assessor', assessorId: a.id });

    const patched = await t.request('PATCH', `/api/v1/assessors/${a.id}`, {
      cookie: admin.cookie,
      body: { version: 1, standards: ['ST0072@1.1', 'ST0071@1.2'], standardisedOn: '2025-03-10', qualifications: [{ name: 'TAQA', awardedOn: '2019-07-01' }] },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({
      version: 2,
      standards: ['ST0071@1.2', 'ST0072@1.1'],
      standardisedOn: '2025-03-10',
      currentUntil: '2026-03-10',
      qualifications: [{ name: 'TAQA', awardedOn: '2019-07-01' }],
    });
    const stale = await t.request('PATCH', `/api/v1/assessors/${a.id}`, { cookie: admin.cookie, body: { version: 1, standardisedOn: '2025-12-01' } });
    expect([stale.statusCode, stale.json().code]).toEqual([409, 'STALE_VERSION']);

    const bad: [string, unknown, number, string][] = [
      ['PATCH', { version: 2, standards: ['ST9999@1.0'] }, 400, 'UNKNOWN_STANDARD'],
      ['PATCH', { version: 2, standards: ['customer service'] }, 400, 'VALIDATION_FAILED'],
      ['PATCH', { version: 2, standardisedOn: '2026-02-01' }, 400, 'STANDARDISED_IN_FUTURE'],
      ['PATCH', { version: 2, standardisedOn: '2025-02-30' }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [method, body, status, code] of bad) {
      const r = await t.request(method, `/api/v1/assessors/${a.id}`, { cookie: admin.cookie, body });
      expect([r.statusCode, r.json().code], JSON.stringify(body)).toEqual([status, code]);
    }
    const again = await t.request('POST', '/api/v1/assessors', {
      cookie: admin.cookie,
      body: { email: `ada.assessor.${engine}@test.invalid`, name: 'Ada Again', password: ASSESSOR_PASSWORD },
    });
    expect([again.statusCode, again.json().code]).toEqual([409, 'EMAIL_TAKEN']);
    const byProvider = await t.request('POST', '/api/v1/assessors', {
      cookie: provider.cookie,
      body: { email: 'x@test.invalid', name: 'X', password: ASSESSOR_PASSWORD },
    });
    expect([byProvider.statusCode, byProvider.json().code]).toEqual([403, 'FORBIDDEN']);

    // Staff see every assessor; an assessor sees itself only; a provider none.
    const other = await assessor();
    const all = await t.request('GET', '/api/v1/assessors', { cookie: admin.cookie });
    expect(all.json().assessors.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining([a.id, other.id]));
    const own = await t.request('GET', '/api/v1/assessors', { cookie });
    expect(own.json().assessors.map((x: { id: string }) => x.id)).toEqual([a.id]);
    expect((await t.request('GET', `/api/v1/assessors/${other.id}`, { cookie })).statusCode).toBe(404);
    expect((await t.request('GET', '/api/v1/assessors', { cookie: provider.cookie })).statusCode).toBe(403);
    const iqa = await t.user('iqa');
    expect((await t.request('GET', `/api/v1/assessors/${a.id}`, { cookie: iqa.cookie })).json()).toMatchObject({ id: a.id, version: 2 });

    // Relationships and availability: the assessor themself or the EPAO, nobody else.
    const declared = await t.request('POST', `/api/v1/assessors/${a.id}/relationships`, {
      cookie,
      body: { organisationId: providerId, nature: 'taught there until 2023' },
    });
    expect(declared.statusCode, declared.body).toBe(201);
    expect(declared.json()).toMatchObject({ organisationId: providerId, apprenticeId: null, nature: 'taught there until 2023' });
    const forOther = await t.request('POST', `/api/v1/assessors/${other.id}/relationships`, { cookie, body: { organisationId: employerId, nature: 'x' } });
    expect(forOther.statusCode).toBe(403);
    const both = await t.request('POST', `/api/v1/assessors/${a.id}/relationships`, {
      cookie: admin.cookie,
      body: { organisationId: employerId, apprenticeId: '00000000-0000-4000-8000-000000000000', nature: 'x' },
    });
    expect([both.statusCode, both.json().code]).toEqual([400, 'VALIDATION_FAILED']);
    const unknownOrg = await t.request('POST', `/api/v1/assessors/${a.id}/relationships`, {
      cookie: admin.cookie,
      body: { organisationId: '00000000-0000-4000-8000-000000000000', nature: 'x' },
    });
    expect([unknownOrg.statusCode, unknownOrg.json().code]).toEqual([400, 'UNKNOWN_ORGANISATION']);
    const window = await t.request('POST', `/api/v1/assessors/${a.id}/availability`, {
      cookie,
      body: { startsAt: '2026-02-02T09:00:00Z', endsAt: '2026-02-02T17:00:00Z' },
    });
    expect(window.statusCode, window.body).toBe(201);
    const backwards = await t.request('POST', `/api/v1/assessors/${a.id}/availability`, {
      cookie,
      body: { startsAt: '2026-02-02T17:00:00Z', endsAt: '2026-02-02T09:00:00Z' },
    });
    expect([backwards.statusCode, backwards.json().code]).toEqual([400, 'VALIDATION_FAILED']);
    const read = await t.request('GET', `/api/v1/assessors/${a.id}`, { cookie });
    expect(read.json()).toMatchObject({
      relationships: [{ organisationId: providerId }],
      availability: [{ startsAt: '2026-02-02T09:00:00.000Z', endsAt: '2026-02-02T17:00:00.000Z' }],
    });

    // Creating POSTs accept an Idempotency-Key: a retry gets the same assessor.
    const headers = { 'idempotency-key': `appoint-${engine}` };
    const body = { email: `idem.${engine}@test.invalid`, name: 'Idem Potent', password: ASSESSOR_PASSWORD };
    const first = await t.request('POST', '/api/v1/assessors', { cookie: admin.cookie, body, headers });
    const retry = await t.request('POST', '/api/v1/assessors', { cookie: admin.cookie, body, headers });
    expect([first.statusCode, retry.statusCode]).toEqual([201, 201]);
    expect(retry.json().id).toBe(first.json().id);
  });

  it("sets, clears and refuses an assessor's caps and home region, and audits each change", async () => {
    await setToday('2026-01-05');
    const audits = (id: string) =>
      t.ctx.db.selectFrom('auditLog').select(['action', 'before', 'after']).where('entity', '=', 'assessor').where('entityId', '=', id).orderBy('id').execute();
    const assessorCount = async () => (await t.ctx.db.selectFrom('assessors').select('id').execute()).length;
    const created = await t.request('POST', '/api/v1/assessors', {
      cookie: admin.cookie,
      body: { email: `capped.${engine}@test.invalid`, name: 'Cora Capped', password: ASSESSOR_PASSWORD, maxPerDay: 3, maxPerWeek: 10, homeRegion: '  LS, BD ' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const a = created.json();
    expect(a).toMatchObject({ version: 1, maxPerDay: 3, maxPerWeek: 10, homeRegion: 'LS, BD' });
    expect((await audits(a.id))[0]?.after).toMatchObject({ maxPerDay: 3, maxPerWeek: 10, homeRegion: 'LS, BD' });
    const listed = (await t.request('GET', '/api/v1/assessors', { cookie: admin.cookie })).json().assessors.find((x: { id: string }) => x.id === a.id);
    expect(listed).toMatchObject({ maxPerDay: 3, maxPerWeek: 10, homeRegion: 'LS, BD' });
    const plain = await assessor();
    expect((await t.request('GET', `/api/v1/assessors/${plain.id}`, { cookie: admin.cookie })).json()).toMatchObject({
      maxPerDay: null,
      maxPerWeek: null,
      homeRegion: null,
    });

    // A week below the day is refused, on appointing and on a change (against what is saved), and nothing is written.
    const before = await assessorCount();
    const upside = await t.request('POST', '/api/v1/assessors', {
      cookie: admin.cookie,
      body: { email: `upside.${engine}@test.invalid`, name: 'Una Upside', password: ASSESSOR_PASSWORD, maxPerDay: 5, maxPerWeek: 4 },
    });
    expect([upside.statusCode, upside.json().code]).toEqual([422, 'WEEK_CAP_BELOW_DAY_CAP']);
    expect(await assessorCount()).toBe(before);
    const auditsBefore = (await audits(a.id)).length;
    for (const body of [{ maxPerWeek: 2 }, { maxPerDay: 11 }, { maxPerDay: 6, maxPerWeek: 5 }]) {
      const r = await t.request('PATCH', `/api/v1/assessors/${a.id}`, { cookie: admin.cookie, body: { version: 1, ...body } });
      expect([r.statusCode, r.json().code], JSON.stringify(body)).toEqual([422, 'WEEK_CAP_BELOW_DAY_CAP']);
    }
    expect((await t.request('GET', `/api/v1/assessors/${a.id}`, { cookie: admin.cookie })).json()).toMatchObject({ version: 1, maxPerDay: 3, maxPerWeek: 10 });
    expect((await audits(a.id)).length).toBe(auditsBefore);

    // Out of range, not whole, or an empty region: the shape is refused.
    const bad: Record<string, unknown>[] = [
      { maxPerDay: 0 },
      { maxPerDay: 21 },
      { maxPerDay: 2.5 },
      { maxPerDay: '3' },
      { maxPerWeek: 0 },
      { maxPerWeek: 101 },
      { homeRegion: '   ' },
      { homeRegion: 'x'.repeat(101) },
    ];
    for (const body of bad) {
      const r = await t.request('PATCH', `/api/v1/assessors/${a.id}`, { cookie: admin.cookie, body: { version: 1, ...body } });
      expect([r.statusCode, r.json().code], JSON.stringify(body)).toEqual([400, 'VALIDATION_FAILED']);
    }

    // Set one and keep the others; then the edges; then clear each with null.
    const set = await t.request('PATCH', `/api/v1/assessors/${a.id}`, { cookie: admin.cookie, body: { version: 1, maxPerDay: 4, homeRegion: 'Leeds ' } });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ version: 2, maxPerDay: 4, maxPerWeek: 10, homeRegion: 'Leeds' });
    const update = (await audits(a.id)).at(-1);
    expect(update).toMatchObject({
      action: 'update',
      before: { maxPerDay: 3, maxPerWeek: 10, homeRegion: 'LS, BD' },
      after: { maxPerDay: 4, homeRegion: 'Leeds' },
    });
    const edges = await t.request('PATCH', `/api/v1/assessors/${a.id}`, {
      cookie: admin.cookie,
      body: { version: 2, maxPerDay: 20, maxPerWeek: 20, homeRegion: 'x'.repeat(100) },
    });
    expect(edges.json()).toMatchObject({ version: 3, maxPerDay: 20, maxPerWeek: 20, homeRegion: 'x'.repeat(100) });
    const cleared = await t.request('PATCH', `/api/v1/assessors/${a.id}`, { cookie: admin.cookie, body: { version: 3, maxPerDay: null, homeRegion: null } });
    expect(cleared.json()).toMatchObject({ version: 4, maxPerDay: null, maxPerWeek: 20, homeRegion: null });
    // With no day cap, any week cap stands.
    const weekOnly = await t.request('PATCH', `/api/v1/assessors/${a.id}`, { cookie: admin.cookie, body: { version: 4, maxPerWeek: 1 } });
    expect(weekOnly.json()).toMatchObject({ version: 5, maxPerDay: null, maxPerWeek: 1 });
    const stale = await t.request('PATCH', `/api/v1/assessors/${a.id}`, { cookie: admin.cookie, body: { version: 4, maxPerWeek: null } });
    expect([stale.statusCode, stale.json().code]).toEqual([409, 'STALE_VERSION']);
    const none = await t.request('PATCH', `/api/v1/assessors/${a.id}`, { cookie: admin.cookie, body: { version: 5, maxPerWeek: null } });
    expect(none.json()).toMatchObject({ version: 6, maxPerDay: null, maxPerWeek: null, homeRegion: null });
    expect((await audits(a.id)).at(-1)).toMatchObject({ before: { maxPerWeek: 1 }, after: { maxPerWeek: null } });
    const row = await t.ctx.db.selectFrom('assessors').select(['maxPerDay', 'maxPerWeek', 'homeRegion']).where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ maxPerDay: null, maxPerWeek: null, homeRegion: null });
    // An assessor may not change their own caps.
    const own = await t.request('PATCH', `/api/v1/assessors/${plain.id}`, { cookie: plain.cookie, body: { version: 1, maxPerDay: 8 } });
    expect(own.statusCode).toBe(403);
  });

  it('books a full valid set for ST0071@1.2: observation, project, discussion (UK time, BST included)', async () => {
    await setToday('2026-01-05');
    const { recordId } = await approvedRecord();
    const a = await assessor();
    const observation = await book(recordId, { method: 'observation', date: '2026-02-02', startTime: '10:00', assessorId: a.id, venue: 'Acme Retail, Leeds' });
    expect(observation.statusCode, observation.body).toBe(201);
    expect(observation.json()).toMatchObject({
      method: 'observation',
      methodName: 'Practical observation with Q&As',
      date: '2026-02-02',
      startTime: '10:00',
      endTime: '11:06',
      startsAt: '2026-02-02T10:00:00.000Z',
      endsAt: '2026-02-02T11:06:00.000Z',
      minutes: 66,
      bookedOn: '2026-01-05',
      status: 'booked',
      version: 1,
      warnings: [],
      slot: { minutes: 60, maxMinutes: 66 },
      assessor: { id: a.id },
    });
    const project = await book(recordId, {
      method: 'project',
      date: '2026-03-10',
      startTime: '10:00',
      assessorId: a.id,
      remoteLink: 'https://meet.example/project',
    });
    expect(project.statusCode, project.body).toBe(201);
    // 1 April is in British Summer Time: 09:30 in the UK is 08:30 UTC.
    const discussion = await book(recordId, {
      method: 'discussion',
      date: '2026-04-01',
      startTime: '09:30',
      assessorId: a.id,
      remoteLink: 'https://meet.example/pd',
    });
    expect(discussion.statusCode, discussion.body).toBe(201);
    expect(discussion.json()).toMatchObject({ startsAt: '2026-04-01T08:30:00.000Z', startTime: '09:30', endTime: '10:36', warnings: [] });

    const record = await t.request('GET', `/api/v1/records/${recordId}`, { cookie: admin.cookie });
    expect(record.json()).toMatchObject({ status: 'in-epa', version: 2, epaStart: '2026-01-05', epaEnd: '2026-04-05' });
    const listed = await t.request('GET', `/api/v1/records/${recordId}/bookings`, { cookie: admin.cookie });
    expect(listed.json().bookings.map((b: { method: string }) => b.method)).toEqual(['observation', 'project', 'discussion']);

    const again = await book(recordId, { method: 'observation', date: '2026-02-20', startTime: '10:00', assessorId: a.id, venue: 'Acme Retail, Leeds' });
    expect([again.statusCode, again.json().code]).toEqual([409, 'METHOD_ALREADY_BOOKED']);
  });

  it('books a full valid set for ST0072@1.1 (Highfield); the window starts at the first assessment', async () => {
    await setToday('2026-01-05');
    const { recordId } = await approvedRecord({ standard: 'ST0072@1.1', policy: 'HIGHFIELD' });
    const a = await assessor({ standards: ['ST0072@1.1'] });
    const showcase = await book(recordId, {
      method: 'showcase',
      date: '2026-02-10',
      startTime: '10:00',
      assessorId: a.id,
      remoteLink: 'https://meet.example/showcase',
    });
    expect(showcase.statusCode, showcase.body).toBe(201);
    // The presentation (about 45 minutes) and the interview (up to 30).
    expect(showcase.json()).toMatchObject({ minutes: 75, slot: { minutes: 75, maxMinutes: 75, parts: [{ id: 'interview', minutes: 30 }] } });
    const afterFirst = await t.request('GET', `/api/v1/records/${recordId}`, { cookie: admin.cookie });
    expect(afterFirst.json()).toMatchObject({ status: 'in-epa', epaStart: '2026-02-10', epaEnd: '2026-05-10' });

    const observation = await book(recordId, { method: 'observation', date: '2026-03-03', startTime: '13:00', assessorId: a.id, venue: 'Acme Retail, York' });
    expect(observation.statusCode, observation.body).toBe(201);
    expect(observation.json().minutes).toBe(90);
    // The kit does not say the discussion may be remote.
    const remote = await book(recordId, {
      method: 'discussion',
      date: '2026-03-17',
      startTime: '10:00',
      assessorId: a.id,
      remoteLink: 'https://meet.example/pd',
    });
    expect([remote.statusCode, remote.json().code]).toEqual([422, 'REMOTE_NOT_ALLOWED']);
    const discussion = await book(recordId, { method: 'discussion', date: '2026-03-17', startTime: '10:00', assessorId: a.id, venue: 'Acme Retail, York' });
    expect(discussion.statusCode, discussion.body).toBe(201);
    expect(discussion.json().warnings).toEqual([]);
    // Outside the window the first assessment fixed: 10 February + 3 months = 10 May.
    const { recordId: second } = await approvedRecord({ standard: 'ST0072@1.1', policy: 'HIGHFIELD' });
    await book(second, { method: 'showcase', date: '2026-02-11', startTime: '10:00', assessorId: a.id, remoteLink: 'https://meet.example/s2' });
    const late = await book(second, { method: 'observation', date: '2026-05-12', startTime: '10:00', assessorId: a.id, venue: 'Acme Retail, York' });
    expect([late.statusCode, late.json().code]).toEqual([422, 'OUTSIDE_EPA_WINDOW']);
  });

  it('refuses each broken rule with its code and the findings', async () => {
    await setToday('2026-01-05');
    const a = await assessor();
    const observationOn = (date: string, assessorId = a.id) => ({ method: 'observation', date, startTime: '10:00', assessorId, venue: 'Acme Retail, Leeds' });

    const { recordId } = await approvedRecord();
    const outside = await book(recordId, observationOn('2026-04-10'));
    expect([outside.statusCode, outside.json().code]).toEqual([422, 'OUTSIDE_EPA_WINDOW']);
    expect(outside.json().findings).toEqual([expect.objectContaining({ code: 'OUTSIDE_EPA_WINDOW', methods: ['observation'], epaEnd: '2026-04-05' })]);
    expect(outside.headers['content-type']).toContain('application/problem+json');

    const notice = await book(recordId, observationOn('2026-01-15'));
    expect([notice.statusCode, notice.json().code]).toEqual([422, 'NOTICE_TOO_SHORT']);
    expect(notice.json().findings[0].source).toContain('001_1e92b44f98d10fcb.txt');

    // VTCT on ST0071@1.1: 20 working days ahead (from 5 January, 2 February at the earliest).
    const vtct = await approvedRecord({ standard: 'ST0071@1.1', policy: 'VTCT' });
    const v11 = await assessor({ standards: ['ST0071@1.1'] });
    const lead = await book(vtct.recordId, {
      method: 'project',
      date: '2026-01-30',
      startTime: '10:00',
      assessorId: v11.id,
      remoteLink: 'https://meet.example/p',
    });
    expect([lead.statusCode, lead.json().code]).toEqual([422, 'BOOKING_LEAD_TIME']);
    expect(lead.json().findings[0]).toMatchObject({ requiredWorkingDays: 20, source: expect.stringContaining('000_105fd02c04a4443e.txt') });

    // The assessor declares a relationship with the apprentice's employer.
    const related = await assessor();
    const declared = await t.request('POST', `/api/v1/assessors/${related.id}/relationships`, {
      cookie: related.cookie,
      body: { organisationId: employerId, nature: 'worked at Acme Retail until 2024' },
    });
    expect(declared.statusCode).toBe(201);
    const notIndependent = await book(recordId, observationOn('2026-02-02', related.id));
    expect([notIndependent.statusCode, notIndependent.json().code]).toEqual([422, 'ASSESSOR_NOT_INDEPENDENT']);
    expect(notIndependent.json().findings[0].relationships).toEqual([{ with: 'employer', nature: 'worked at Acme Retail until 2024' }]);

    // A relationship with the apprentice, declared by the EPAO.
    const { recordId: r2, apprenticeId } = await approvedRecord();
    const knowsApprentice = await assessor();
    await t.request('POST', `/api/v1/assessors/${knowsApprentice.id}/relationships`, { cookie: admin.cookie, body: { apprenticeId, nature: 'neighbour' } });
    const apprenticeRelated = await book(r2, observationOn('2026-02-02', knowsApprentice.id));
    expect([apprenticeRelated.statusCode, apprenticeRelated.json().code]).toEqual([422, 'ASSESSOR_NOT_INDEPENDENT']);

    const lapsed = await assessor({ standardisedOn: '2025-02-01' });
    const notCurrent = await book(recordId, observationOn('2026-02-02', lapsed.id));
    expect([notCurrent.statusCode, notCurrent.json().code]).toEqual([422, 'ASSESSOR_NOT_CURRENT']);
    expect(notCurrent.json().findings[0]).toMatchObject({ currentUntil: '2026-02-01' });
    const never = await assessor({ standardisedOn: null });
    expect((await book(recordId, observationOn('2026-02-02', never.id))).json().code).toBe('ASSESSOR_NOT_CURRENT');
    // Standardised exactly 12 months before: still current.
    const boundary = await assessor({ standardisedOn: '2025-02-02' });
    const onBoundary = await book(r2, observationOn('2026-02-02', boundary.id));
    expect(onBoundary.statusCode, onBoundary.body).toBe(201);

    const otherStandard = await assessor({ standards: ['ST0072@1.1'] });
    const notApproved = await book(recordId, observationOn('2026-02-02', otherStandard.id));
    expect([notApproved.statusCode, notApproved.json().code]).toEqual([422, 'ASSESSOR_NOT_APPROVED']);

    // Busy: the assessor holds 10:00–11:06 on 2 February for another apprentice.
    const first = await book(recordId, observationOn('2026-02-02'));
    expect(first.statusCode, first.body).toBe(201);
    const { recordId: r3 } = await approvedRecord();
    const busy = await book(r3, { ...observationOn('2026-02-02'), startTime: '11:00' });
    expect([busy.statusCode, busy.json().code]).toEqual([409, 'ASSESSOR_BUSY']);
    expect(busy.json().busy).toEqual({ date: '2026-02-02', from: '10:00', until: '11:06' });
    // Back to back is not an overlap.
    const next = await book(r3, { ...observationOn('2026-02-02'), startTime: '11:06' });
    expect(next.statusCode, next.body).toBe(201);
  });

  it('refuses bad input with a stable code, never a 500', async () => {
    await setToday('2026-01-05');
    const a = await assessor();
    const { recordId } = await approvedRecord();
    const registered = await approvedRecord({ status: 'registered' });
    const ok = { method: 'discussion', date: '2026-02-16', startTime: '10:00', assessorId: a.id, venue: 'Acme Retail, Leeds' };
    const cases: [string, Record<string, unknown>, number, string][] = [
      [recordId, { ...ok, method: 'interview' }, 400, 'UNKNOWN_METHOD'],
      [recordId, { ...ok, date: '2026-03-29', startTime: '01:30' }, 400, 'TIME_DOES_NOT_EXIST'],
      [recordId, { ...ok, startTime: '25:00' }, 400, 'VALIDATION_FAILED'],
      [recordId, { ...ok, date: '2026-02-30' }, 400, 'VALIDATION_FAILED'],
      [recordId, { ...ok, venue: undefined }, 400, 'VENUE_REQUIRED'],
      [recordId, { ...ok, remoteLink: 'javascript:alert(1)' }, 400, 'VALIDATION_FAILED'],
      [recordId, { ...ok, method: 'observation', venue: undefined, remoteLink: 'https://meet.example/o' }, 422, 'REMOTE_NOT_ALLOWED'],
      [recordId, { ...ok, assessorId: '00000000-0000-4000-8000-000000000000' }, 400, 'UNKNOWN_ASSESSOR'],
      [recordId, { ...ok, date: '2026-01-02' }, 400, 'DATES_OUT_OF_ORDER'],
      [recordId, { ...ok, extra: true }, 400, 'VALIDATION_FAILED'],
      [registered.recordId, ok, 409, 'NOT_GATEWAY_APPROVED'],
      ['00000000-0000-4000-8000-000000000000', ok, 404, 'NOT_FOUND'],
      ['not-a-uuid', ok, 404, 'NOT_FOUND'],
    ];
    for (const [id, body, status, code] of cases) {
      const r = await book(id, body);
      expect([r.statusCode, r.json().code], JSON.stringify(body)).toEqual([status, code]);
    }
    const byProvider = await book(recordId, ok, { cookie: provider.cookie });
    expect([byProvider.statusCode, byProvider.json().code]).toEqual([403, 'FORBIDDEN']);
    const anonymous = await t.request('GET', '/api/v1/bookings');
    expect(anonymous.statusCode).toBe(401);
    expect((await t.request('GET', '/api/v1/bookings/not-a-uuid', { cookie: admin.cookie })).statusCode).toBe(404);
  });

  it('returns the order warning but makes the booking, and stores the warning', async () => {
    await setToday('2026-01-05');
    // PAL prefers discussion → observation → project (004 Section 2).
    const { recordId } = await approvedRecord({ policy: 'PAL' });
    const a = await assessor();
    await book(recordId, { method: 'observation', date: '2026-02-02', startTime: '10:00', assessorId: a.id, venue: 'Acme Retail, Leeds' });
    const discussion = await book(recordId, { method: 'discussion', date: '2026-02-16', startTime: '10:00', assessorId: a.id, venue: 'Acme Retail, Leeds' });
    expect(discussion.statusCode, discussion.body).toBe(201);
    expect(discussion.json().warnings).toEqual([
      expect.objectContaining({
        code: 'ORDER_NOT_RECOMMENDED',
        pairs: [{ before: 'discussion', after: 'observation' }],
        source: expect.stringContaining('004_'),
      }),
    ]);
    const stored = await t.request('GET', `/api/v1/bookings/${discussion.json().id}`, { cookie: admin.cookie });
    expect(stored.json().warnings.map((w: { code: string }) => w.code)).toEqual(['ORDER_NOT_RECOMMENDED']);
  });

  it('lengthens the slot by the extra time agreed and puts the adjustment in the .ics invitation', async () => {
    await setToday('2026-01-05');
    const { recordId, apprenticeId } = await approvedRecord({
      givenNames: 'Grace',
      familyName: 'Hopper',
      extraTimePercent: 25,
      adjustments: 'Reader provided; quiet room, please',
    });
    const a = await assessor({ name: 'Alan Turing' });
    const booked = await book(recordId, {
      method: 'discussion',
      date: '2026-04-01',
      startTime: '09:30',
      assessorId: a.id,
      remoteLink: 'https://meet.example/pd?a=1,b=2',
    });
    expect(booked.statusCode, booked.body).toBe(201);
    // 60 minutes +10% = 66, and 25% extra time: 82.5, rounded up to 83.
    expect(booked.json()).toMatchObject({ minutes: 83, extraTimePercent: 25, slot: { minutes: 75, maxMinutes: 83, extraTimePercent: 25 } });
    expect(minutesOf(booked.json())).toBe(83);

    const ics = await t.request('GET', `/api/v1/bookings/${booked.json().id}/invite.ics`, { cookie: admin.cookie });
    expect(ics.statusCode).toBe(200);
    expect(ics.headers['content-type']).toContain('text/calendar');
    expect(ics.headers['content-disposition']).toContain('.ics');
    const text = ics.body;
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line), line).toBeLessThanOrEqual(75);
    const unfolded = text.replace(/\r\n /g, '');
    const lines = unfolded.split('\r\n');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toEqual(
      expect.arrayContaining([
        'VERSION:2.0',
        'BEGIN:VEVENT',
        `UID:${booked.json().id}@capstone`,
        'DTSTAMP:20260105T120000Z',
        'DTSTART:20260401T083000Z',
        'DTEND:20260401T095300Z',
        'SUMMARY:End-point assessment: Professional discussion supported by portfolio evidence — Grace Hopper',
        'LOCATION:https://meet.example/pd?a=1\\,b=2',
        'END:VEVENT',
        'END:VCALENDAR',
      ]),
    );
    const description = lines.find((l) => l.startsWith('DESCRIPTION:')) as string;
    expect(description).toContain('Reasonable adjustment agreed: 25% extra time');
    expect(description).toContain('Reader provided\\; quiet room\\, please');
    expect(description).toContain('Independent assessor: Alan Turing.\\n');

    // The apprentice may download their own invitation; another provider may not see it.
    const apprentice = await t.user('apprentice', { apprenticeId });
    expect((await t.request('GET', `/api/v1/bookings/${booked.json().id}/invite.ics`, { cookie: apprentice.cookie })).statusCode).toBe(200);
    expect((await t.request('GET', `/api/v1/bookings/${booked.json().id}/invite.ics`, { cookie: otherProvider.cookie })).statusCode).toBe(404);
  });

  it('gives each assessor a private calendar feed of their bookings, which a new link replaces and which can be stopped', async () => {
    await setToday('2026-01-05');
    const { recordId } = await approvedRecord({ givenNames: 'Katherine', familyName: 'Johnson' });
    const a = await assessor({ name: 'Mary Jackson' });
    const booked = await book(recordId, {
      method: 'discussion',
      date: '2026-04-02',
      startTime: '10:00',
      assessorId: a.id,
      remoteLink: 'https://meet.example/kj',
    });
    expect(booked.statusCode, booked.body).toBe(201);
    const someoneElse = await t.user('assessor');
    expect((await t.request('POST', `/api/v1/assessors/${a.id}/calendar-link`, { cookie: someoneElse.cookie })).statusCode).toBe(403);
    const made = await t.request('POST', `/api/v1/assessors/${a.id}/calendar-link`, { cookie: admin.cookie });
    expect(made.statusCode).toBe(201);
    const path = new URL(made.json().url).pathname;
    expect(path).toMatch(/^\/calendar\/[\w-]{43}\.ics$/);
    const feed = await t.request('GET', path);
    expect([feed.statusCode, feed.headers['content-type']]).toEqual([200, 'text/calendar; charset=utf-8']);
    const lines = feed.body.replace(/\r\n /g, '').split('\r\n');
    expect(lines).toEqual(
      expect.arrayContaining(['X-WR-CALNAME:End-point assessments: Mary Jackson', `UID:${booked.json().id}@capstone`, 'DTSTART:20260402T090000Z']),
    );
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
    const again = await t.request('POST', `/api/v1/assessors/${a.id}/calendar-link`, { cookie: admin.cookie });
    expect((await t.request('GET', path)).statusCode).toBe(404);
    const newPath = new URL(again.json().url).pathname;
    expect((await t.request('GET', newPath)).statusCode).toBe(200);
    expect((await t.request('DELETE', `/api/v1/assessors/${a.id}/calendar-link`, { cookie: admin.cookie })).statusCode).toBe(204);
    expect((await t.request('GET', newPath)).statusCode).toBe(404);
    expect((await t.request('GET', '/calendar/short.ics')).statusCode).toBe(404);
  });

  it('tells the apprentice by e-mail when an assessment is booked, moved and cancelled, in the EPAO’s words', async () => {
    await setToday('2026-01-05');
    const { recordId, apprenticeId } = await approvedRecord({ givenNames: 'Dorothy', familyName: 'Vaughan' });
    await t.ctx.db.updateTable('apprentices').set({ email: 'dorothy.vaughan@example.test' }).where('id', '=', apprenticeId).execute();
    const a = await assessor();
    const booked = await book(recordId, { method: 'observation', date: '2026-03-04', startTime: '10:00', assessorId: a.id, venue: 'Leeds office' });
    expect(booked.statusCode, booked.body).toBe(201);
    const moved = await t.request('PATCH', `/api/v1/bookings/${booked.json().id}`, {
      cookie: admin.cookie,
      body: { version: 1, date: '2026-03-05', startTime: '11:00' },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const cancelled = await t.request('POST', `/api/v1/bookings/${booked.json().id}/cancel`, {
      cookie: admin.cookie,
      body: { version: 2, reason: 'The assessor is ill.' },
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    const mail = await t.ctx.db
      .selectFrom('outbox')
      .select(['kind', 'subject', 'body'])
      .where('toAddress', '=', 'dorothy.vaughan@example.test')
      .orderBy('createdAt')
      .orderBy('kind')
      .execute();
    expect(mail.map((m) => m.kind).sort()).toEqual(['booking-cancelled', 'booking-made', 'booking-moved']);
    expect(mail.find((m) => m.kind === 'booking-made')?.body).toContain('booked for 2026-03-04 at 10:00 (UK time). Where: Leeds office.');
    expect(mail.find((m) => m.kind === 'booking-moved')?.body).toContain('now on 2026-03-05 at 11:00');
    expect(mail.find((m) => m.kind === 'booking-cancelled')?.body).toContain('Why: The assessor is ill.');
  });

  it('refuses a day of the assessor’s leave, and warns outside their weekly hours (UK time)', async () => {
    await setToday('2026-01-05');
    const a = await assessor();
    // Wednesdays 09:00 to 13:00, UK time; away 9 to 13 February.
    const hours = await t.request('PUT', `/api/v1/assessors/${a.id}/weekly-hours`, {
      cookie: a.cookie,
      body: { hours: [{ weekday: 3, starts: '09:00', ends: '13:00' }] },
    });
    expect(hours.json().weeklyHours).toEqual([{ weekday: 3, starts: '09:00', ends: '13:00' }]);
    const overlap = await t.request('PUT', `/api/v1/assessors/${a.id}/weekly-hours`, {
      cookie: a.cookie,
      body: {
        hours: [
          { weekday: 3, starts: '09:00', ends: '13:00' },
          { weekday: 3, starts: '12:00', ends: '15:00' },
        ],
      },
    });
    expect([overlap.statusCode, overlap.json().code]).toEqual([400, 'HOURS_OVERLAP']);
    const leave = await t.request('POST', `/api/v1/assessors/${a.id}/leave`, {
      cookie: a.cookie,
      body: { fromDate: '2026-02-09', toDate: '2026-02-13', reason: 'holiday' },
    });
    expect(leave.statusCode).toBe(201);
    const { recordId } = await approvedRecord();
    const away = await book(recordId, { method: 'observation', date: '2026-02-11', startTime: '09:00', assessorId: a.id, venue: 'Leeds' });
    expect([away.statusCode, away.json().code]).toEqual([422, 'ASSESSOR_ON_LEAVE']);
    expect(away.json().findings[0]).toMatchObject({ fromDate: '2026-02-09', toDate: '2026-02-13' });
    const inHours = await book(recordId, { method: 'observation', date: '2026-02-04', startTime: '09:00', assessorId: a.id, venue: 'Leeds' });
    expect([inHours.statusCode, inHours.json().warnings]).toEqual([201, []]);
    const thursday = await book(recordId, { method: 'discussion', date: '2026-02-19', startTime: '09:00', assessorId: a.id, venue: 'Leeds' });
    expect(thursday.json().warnings.map((w: { code: string }) => w.code)).toContain('OUTSIDE_ASSESSOR_AVAILABILITY');
    const time = (await t.request('GET', `/api/v1/assessors/${a.id}/time`, { cookie: admin.cookie })).json();
    expect(time.leave).toEqual([expect.objectContaining({ fromDate: '2026-02-09', toDate: '2026-02-13', reason: 'holiday' })]);
    expect((await t.request('DELETE', `/api/v1/assessors/${a.id}/leave/${leave.json().id}`, { cookie: a.cookie })).statusCode).toBe(204);
    expect((await t.request('GET', `/api/v1/assessors/${a.id}/time`, { cookie: a.cookie })).json().leave).toEqual([]);
  });

  it("warns when the slot is outside the assessor's declared availability", async () => {
    await setToday('2026-01-05');
    const a = await assessor();
    const window = await t.request('POST', `/api/v1/assessors/${a.id}/availability`, {
      cookie: a.cookie,
      body: { startsAt: '2026-02-04T09:00:00Z', endsAt: '2026-02-04T13:00:00Z' },
    });
    expect(window.statusCode).toBe(201);
    const { recordId } = await approvedRecord();
    const inside = await book(recordId, { method: 'observation', date: '2026-02-04', startTime: '09:00', assessorId: a.id, venue: 'Leeds' });
    expect(inside.json().warnings).toEqual([]);
    const outside = await book(recordId, { method: 'project', date: '2026-02-05', startTime: '09:00', assessorId: a.id, venue: 'Leeds' });
    expect(outside.statusCode, outside.body).toBe(201);
    // No project report is in yet either: the interview waits for it (001 §5).
    expect(outside.json().warnings.map((w: { code: string }) => w.code)).toEqual(['PROJECT_NOT_SUBMITTED', 'OUTSIDE_ASSESSOR_AVAILABILITY']);
  });

  it('shows each role only its bookings', async () => {
    await setToday('2026-01-05');
    const mine = await assessor();
    const theirs = await assessor();
    const { recordId, apprenticeId } = await approvedRecord();
    const { recordId: other } = await approvedRecord();
    const b1 = await book(recordId, { method: 'observation', date: '2026-02-03', startTime: '10:00', assessorId: mine.id, venue: 'Leeds' });
    const b2 = await book(other, { method: 'observation', date: '2026-02-03', startTime: '10:00', assessorId: theirs.id, venue: 'York' });
    expect([b1.statusCode, b2.statusCode]).toEqual([201, 201]);
    const ids = (r: { json(): { bookings: { id: string }[] } }) => r.json().bookings.map((b) => b.id);

    const asAssessor = await t.request('GET', '/api/v1/bookings', { cookie: mine.cookie });
    expect(ids(asAssessor)).toEqual([b1.json().id]);
    expect((await t.request('GET', `/api/v1/bookings/${b2.json().id}`, { cookie: mine.cookie })).statusCode).toBe(404);
    expect((await t.request('GET', `/api/v1/records/${other}/bookings`, { cookie: mine.cookie })).statusCode).toBe(404);

    const asProvider = await t.request('GET', '/api/v1/bookings?from=2026-02-03&to=2026-02-03', { cookie: provider.cookie });
    expect(ids(asProvider)).toEqual(expect.arrayContaining([b1.json().id, b2.json().id]));
    const asOtherProvider = await t.request('GET', '/api/v1/bookings', { cookie: otherProvider.cookie });
    expect(ids(asOtherProvider)).toEqual([]);
    expect((await t.request('GET', `/api/v1/records/${recordId}/bookings`, { cookie: otherProvider.cookie })).statusCode).toBe(404);

    const apprentice = await t.user('apprentice', { apprenticeId });
    expect(ids(await t.request('GET', '/api/v1/bookings', { cookie: apprentice.cookie }))).toEqual([b1.json().id]);
    const cancelByProvider = await t.request('POST', `/api/v1/bookings/${b1.json().id}/cancel`, { cookie: provider.cookie, body: { version: 1, reason: 'x' } });
    expect(cancelByProvider.statusCode).toBe(403);
  });

  it('moves a booking with its version, re-checked like a new one; a stale version gets 409', async () => {
    await setToday('2026-01-05');
    const a = await assessor();
    const b = await assessor();
    const { recordId } = await approvedRecord();
    const booked = await book(recordId, { method: 'observation', date: '2026-02-02', startTime: '10:00', assessorId: a.id, venue: 'Leeds' });
    const id = booked.json().id;

    await setToday('2026-01-07');
    // Half an hour later on the same day overlaps only itself.
    const moved = await t.request('PATCH', `/api/v1/bookings/${id}`, { cookie: admin.cookie, body: { version: 1, startTime: '10:30' } });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ version: 2, date: '2026-02-02', startTime: '10:30', bookedOn: '2026-01-07', assessor: { id: a.id }, venue: 'Leeds' });
    const stale = await t.request('PATCH', `/api/v1/bookings/${id}`, { cookie: admin.cookie, body: { version: 1, date: '2026-02-09' } });
    expect([stale.statusCode, stale.json().code]).toEqual([409, 'STALE_VERSION']);
    // Moved to ten days' time: the notice counts from the day it is moved.
    const short = await t.request('PATCH', `/api/v1/bookings/${id}`, { cookie: admin.cookie, body: { version: 2, date: '2026-01-17' } });
    expect([short.statusCode, short.json().code]).toEqual([422, 'NOTICE_TOO_SHORT']);
    const lapsed = await assessor({ standardisedOn: '2024-12-01' });
    const toLapsed = await t.request('PATCH', `/api/v1/bookings/${id}`, { cookie: admin.cookie, body: { version: 2, assessorId: lapsed.id } });
    expect([toLapsed.statusCode, toLapsed.json().code]).toEqual([422, 'ASSESSOR_NOT_CURRENT']);
    // Another assessor's diary is checked too.
    const { recordId: other } = await approvedRecord();
    await book(other, { method: 'observation', date: '2026-02-09', startTime: '10:00', assessorId: b.id, venue: 'York' });
    const clash = await t.request('PATCH', `/api/v1/bookings/${id}`, { cookie: admin.cookie, body: { version: 2, date: '2026-02-09', assessorId: b.id } });
    expect([clash.statusCode, clash.json().code]).toEqual([409, 'ASSESSOR_BUSY']);
    const toB = await t.request('PATCH', `/api/v1/bookings/${id}`, { cookie: admin.cookie, body: { version: 2, date: '2026-02-10', assessorId: b.id } });
    expect(toB.statusCode, toB.body).toBe(200);
    expect(toB.json()).toMatchObject({ version: 3, date: '2026-02-10', assessor: { id: b.id } });
  });

  it('VTCT: emails the apprentice the remote link as it is booked or moved, and warns when it has no address (000, Scheduling)', async () => {
    await setToday('2026-01-05');
    const a = await assessor({ standards: ['ST0071@1.1'] });
    const outbox = (recordId: string) =>
      t.ctx.db.selectFrom('outbox').select(['toAddress', 'subject', 'body', 'kind']).where('body', 'like', `%${recordId}%`).orderBy('createdAt').execute();

    const withEmail = await approvedRecord({ standard: 'ST0071@1.1', policy: 'VTCT', email: 'grace.link@test.invalid' });
    const booked = await book(withEmail.recordId, {
      method: 'project',
      date: '2026-02-20',
      startTime: '10:00',
      assessorId: a.id,
      remoteLink: 'https://meet.example/p1',
    });
    expect(booked.statusCode, booked.body).toBe(201);
    expect(booked.json().warnings.map((w: { code: string }) => w.code)).not.toContain('REMOTE_LINK_NOT_SENT');
    expect(await outbox(withEmail.recordId)).toEqual([
      {
        toAddress: 'grace.link@test.invalid',
        subject: expect.stringContaining('2026-02-20 at 10:00'),
        body: expect.stringMatching(/https:\/\/meet\.example\/p1[\s\S]*000_105fd02c04a4443e\.txt/),
        kind: 'remote-link',
      },
    ]);
    // A move that keeps the time and the link sends nothing; a new link goes out again.
    const venue = await t.request('PATCH', `/api/v1/bookings/${booked.json().id}`, { cookie: admin.cookie, body: { version: 1, assessorId: a.id } });
    expect(venue.statusCode, venue.body).toBe(200);
    expect(await outbox(withEmail.recordId)).toHaveLength(1);
    const relinked = await t.request('PATCH', `/api/v1/bookings/${booked.json().id}`, {
      cookie: admin.cookie,
      body: { version: 2, remoteLink: 'https://meet.example/p2' },
    });
    expect(relinked.statusCode, relinked.body).toBe(200);
    expect((await outbox(withEmail.recordId)).map((m) => m.body.includes('https://meet.example/p2'))).toEqual([false, true]);

    const noEmail = await approvedRecord({ standard: 'ST0071@1.1', policy: 'VTCT' });
    const warned = await book(noEmail.recordId, {
      method: 'project',
      date: '2026-02-20',
      startTime: '14:00',
      assessorId: a.id,
      remoteLink: 'https://meet.example/p3',
    });
    expect(warned.statusCode, warned.body).toBe(201);
    expect(warned.json().warnings).toContainEqual(
      expect.objectContaining({ code: 'REMOTE_LINK_NOT_SENT', withinHours: 72, source: expect.stringContaining('000_105fd02c04a4443e.txt') }),
    );
    expect(await outbox(noEmail.recordId)).toEqual([]);

    // No such promise without the policy: a remote booking on ST0071@1.2 sends nothing.
    const plain = await approvedRecord({ email: 'plain@test.invalid' });
    const b12 = await assessor();
    const unpromised = await book(plain.recordId, {
      method: 'project',
      date: '2026-02-20',
      startTime: '10:00',
      assessorId: b12.id,
      remoteLink: 'https://meet.example/p4',
    });
    expect(unpromised.statusCode, unpromised.body).toBe(201);
    expect(await outbox(plain.recordId)).toEqual([]);
  });

  it('cancels with the policy charge: VTCT inside 10 working days costs the full fee', async () => {
    await setToday('2026-01-05');
    const a = await assessor({ standards: ['ST0071@1.1'] });
    const { recordId } = await approvedRecord({ standard: 'ST0071@1.1', policy: 'VTCT' });
    const project = await book(recordId, { method: 'project', date: '2026-02-20', startTime: '10:00', assessorId: a.id, remoteLink: 'https://meet.example/p' });
    expect(project.statusCode, project.body).toBe(201);
    const discussion = await book(recordId, {
      method: 'discussion',
      date: '2026-03-20',
      startTime: '10:00',
      assessorId: a.id,
      remoteLink: 'https://meet.example/d',
    });
    expect(discussion.statusCode, discussion.body).toBe(201);

    await setToday('2026-02-10');
    const stale = await t.request('POST', `/api/v1/bookings/${project.json().id}/cancel`, { cookie: admin.cookie, body: { version: 2, reason: 'ill' } });
    expect([stale.statusCode, stale.json().code]).toEqual([409, 'STALE_VERSION']);
    // 11 February to 20 February: 8 working days to go.
    const late = await t.request('POST', `/api/v1/bookings/${project.json().id}/cancel`, {
      cookie: admin.cookie,
      body: { version: 1, reason: 'apprentice ill' },
    });
    expect(late.statusCode, late.body).toBe(200);
    expect(late.json()).toMatchObject({
      status: 'cancelled',
      version: 2,
      cancelledOn: '2026-02-10',
      cancellationCharge: 'full-fee',
      cancellationReason: 'apprentice ill',
      cancellation: { charge: 'full-fee', workingDaysBefore: 8, withinWorkingDays: 10, source: expect.stringContaining('000_105fd02c04a4443e.txt') },
    });
    const twice = await t.request('POST', `/api/v1/bookings/${project.json().id}/cancel`, { cookie: admin.cookie, body: { version: 2, reason: 'again' } });
    expect([twice.statusCode, twice.json().code]).toEqual([409, 'BOOKING_CANCELLED']);
    // 28 working days to go: no charge.
    const early = await t.request('POST', `/api/v1/bookings/${discussion.json().id}/cancel`, {
      cookie: admin.cookie,
      body: { version: 1, reason: 'rearranging' },
    });
    expect(early.json()).toMatchObject({ cancellationCharge: 'none', cancellation: { workingDaysBefore: 28 } });
    // The cancelled method can be booked again (20 working days from 10 February: 10 March).
    const rebooked = await book(recordId, {
      method: 'project',
      date: '2026-03-12',
      startTime: '10:00',
      assessorId: a.id,
      remoteLink: 'https://meet.example/p2',
    });
    expect(rebooked.statusCode, rebooked.body).toBe(201);
    const cancelled = await t.request('GET', `/api/v1/records/${recordId}/bookings?status=cancelled`, { cookie: admin.cookie });
    expect(cancelled.json().bookings).toHaveLength(2);

    // Without a cancellation rule (PAL), nothing is charged, however late.
    await setToday('2026-01-05');
    const pal = await approvedRecord({ policy: 'PAL' });
    const p = await assessor();
    const palBooking = await book(pal.recordId, { method: 'discussion', date: '2026-01-20', startTime: '10:00', assessorId: p.id, venue: 'Leeds' });
    expect(palBooking.statusCode, palBooking.body).toBe(201);
    await setToday('2026-01-19');
    const palCancel = await t.request('POST', `/api/v1/bookings/${palBooking.json().id}/cancel`, { cookie: admin.cookie, body: { version: 1, reason: 'x' } });
    expect(palCancel.json()).toMatchObject({ cancellationCharge: 'none' });
  });

  it('lets the database decide races: one assessor booked twice at once gets one 201 and one 409', async () => {
    await setToday('2026-01-05');
    const a = await assessor();
    for (const [round, date] of ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'].entries()) {
      const { recordId: r1 } = await approvedRecord();
      const { recordId: r2 } = await approvedRecord();
      const body = { method: 'observation', date, startTime: '10:00', assessorId: a.id, venue: `Room ${round}` };
      const responses = await Promise.all([book(r1, body), book(r2, { ...body, startTime: '10:30' })]);
      const outcome = responses.map((r) => [r.statusCode, r.statusCode === 201 ? 'BOOKED' : r.json().code]).sort();
      expect(outcome, responses.map((r) => r.body).join('\n')).toEqual([
        [201, 'BOOKED'],
        [409, 'ASSESSOR_BUSY'],
      ]);
    }
    const held = await t.request('GET', `/api/v1/bookings?assessorId=${a.id}&from=2026-02-16&to=2026-02-20`, { cookie: admin.cookie });
    expect(held.json().bookings).toHaveLength(5);
  });

  it('holds the exclusion constraint in the database itself', async () => {
    await setToday('2026-01-05');
    const a = await assessor();
    const { recordId: r1 } = await approvedRecord();
    const { recordId: r2 } = await approvedRecord();
    const row = (epaRecordId: string, startsAt: string, endsAt: string) => ({
      epaRecordId,
      method: 'observation',
      assessorId: a.id,
      startsAt,
      endsAt,
      bookedOn: '2026-01-05',
      venue: 'Leeds',
      status: 'booked' as const,
      warnings: '[]',
    });
    await t.ctx.db
      .insertInto('bookings')
      .values(row(r1, '2026-03-02T10:00:00Z', '2026-03-02T11:00:00Z'))
      .execute();
    await expect(
      t.ctx.db
        .insertInto('bookings')
        .values(row(r2, '2026-03-02T10:59:00Z', '2026-03-02T12:00:00Z'))
        .execute(),
    ).rejects.toMatchObject({
      code: '23P01',
    });
  });

  it('moves a selection’s bookings from one assessor to another on the list’s page, each as a single move, saying what was not moved and why', async () => {
    await setToday('2026-01-05');
    const leaving = await assessor({ name: 'Leaving Assessor' });
    const cover = await assessor({ name: 'Cover Assessor' });
    const other = await assessor({ name: 'Other Assessor' });
    const { recordId: first } = await approvedRecord({ familyName: 'Moved' });
    const { recordId: second } = await approvedRecord({ familyName: 'Clashing' });
    await book(first, { method: 'observation', date: '2026-03-02', startTime: '10:00', assessorId: leaving.id, venue: 'Leeds' });
    await book(first, { method: 'project', date: '2026-03-03', startTime: '10:00', assessorId: other.id, remoteLink: 'https://meet.example/x' });
    await book(second, { method: 'observation', date: '2026-03-04', startTime: '10:00', assessorId: leaving.id, venue: 'York' });
    // The cover assessor is already busy when the second apprentice's assessment is.
    const { recordId: busy } = await approvedRecord({ familyName: 'Busy' });
    await book(busy, { method: 'observation', date: '2026-03-04', startTime: '10:30', assessorId: cover.id, venue: 'Hull' });

    const list = await t.request('GET', `/apprentices?assessor=${leaving.id}`, { cookie: admin.cookie });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('id="bulk-reassign"');
    expect(list.body).toContain('Give their bookings with Leaving Assessor to another assessor');
    const token = /name="_csrf" value="([^"]+)"/.exec(list.body)?.[1] ?? '';
    const send = (fields: [string, string][]) =>
      t.request('POST', '/apprentices/bulk/reassign-bookings', {
        cookie: admin.cookie,
        body: new URLSearchParams([['_csrf', token], ...fields]).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    const unchosen = await send([
      ['from', leaving.id],
      ['record', first],
    ]);
    expect(unchosen.statusCode).toBe(400);
    expect(unchosen.body).toContain('choose the assessor to give the bookings to'.replace(/^c/, 'C'));
    const sent = await send([
      ['from', leaving.id],
      ['assessorId', cover.id],
      ['record', first],
      ['record', second],
    ]);
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.body).toContain('1 of 2 done');
    const held = await t.request('GET', `/api/v1/bookings?assessorId=${cover.id}`, { cookie: admin.cookie });
    const moved = (held.json().bookings as { recordId: string; method: string; version: number }[]).filter((b) => b.recordId === first);
    // Only the leaving assessor's booking moved, as a move does: version 2.
    expect(moved.map((b) => [b.method, b.version])).toEqual([['observation', 2]]);
    const stayed = await t.request('GET', `/api/v1/bookings?assessorId=${leaving.id}`, { cookie: admin.cookie });
    expect((stayed.json().bookings as { recordId: string }[]).map((b) => b.recordId)).toEqual([second]);
    expect(sent.body).toMatch(/Clashing[^<]*: Practical observation[\s\S]*Not done/);
  });

  it('has the assessor confirm a booking of theirs; an unconfirmed one in the next 14 days waits in a queue, and a move asks again', async () => {
    await setToday('2026-01-05');
    const a = await assessor();
    const stranger = await assessor();
    const { recordId } = await approvedRecord({ familyName: 'Confirmed' });
    const booked = (await book(recordId, { method: 'observation', date: '2026-03-02', startTime: '10:00', assessorId: a.id, venue: 'Leeds' })).json();
    expect(booked.confirmedAt).toBeNull();
    const waiting = async () => {
      const reply = await t.request('GET', '/api/v1/records?queue=unconfirmed-bookings', { cookie: admin.cookie });
      return (reply.json().records as { id: string }[]).map((r) => r.id);
    };
    // Eight weeks ahead: not yet worth chasing.
    expect(await waiting()).not.toContain(recordId);
    const confirm = (cookie: string, version: number) => t.request('POST', `/api/v1/bookings/${booked.id}/confirmation`, { cookie, body: { version } });
    expect((await confirm(stranger.cookie, booked.version)).statusCode).toBe(404);
    expect((await confirm(admin.cookie, booked.version)).statusCode).toBe(403);
    expect((await confirm(a.cookie, booked.version + 1)).json().code).toBe('STALE_VERSION');
    const confirmed = await confirm(a.cookie, booked.version);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ confirmedAt: expect.any(String), version: booked.version + 1 });
    // Confirming again changes nothing.
    expect((await confirm(a.cookie, booked.version)).json().version).toBe(booked.version + 1);
    // A new venue keeps the confirmation; a new time needs a new one.
    const revenued = await t.request('PATCH', `/api/v1/bookings/${booked.id}`, { cookie: admin.cookie, body: { version: booked.version + 1, venue: 'York' } });
    expect(revenued.statusCode, revenued.body).toBe(200);
    expect(revenued.json().confirmedAt).toEqual(expect.any(String));
    const moved = await t.request('PATCH', `/api/v1/bookings/${booked.id}`, {
      cookie: admin.cookie,
      body: { version: booked.version + 2, startTime: '11:00' },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().confirmedAt).toBeNull();
    // Within two weeks and unconfirmed: the EPAO chases it, until the assessor confirms.
    await setToday('2026-02-20');
    a.cookie = await t.signIn(a.email, ASSESSOR_PASSWORD);
    expect(await waiting()).toContain(recordId);
    expect((await confirm(a.cookie, booked.version + 3)).statusCode).toBe(200);
    expect(await waiting()).not.toContain(recordId);
  });

  it('two moves of one booking with the same version: one 200, one 409', async () => {
    await setToday('2026-01-05');
    const a = await assessor();
    const { recordId } = await approvedRecord();
    const booked = await book(recordId, { method: 'observation', date: '2026-03-02', startTime: '10:00', assessorId: a.id, venue: 'Leeds' });
    const id = booked.json().id;
    const responses = await Promise.all([
      t.request('PATCH', `/api/v1/bookings/${id}`, { cookie: admin.cookie, body: { version: 1, date: '2026-03-03' } }),
      t.request('PATCH', `/api/v1/bookings/${id}`, { cookie: admin.cookie, body: { version: 1, date: '2026-03-04' } }),
    ]);
    const outcome = responses.map((r) => [r.statusCode, r.statusCode === 200 ? 'MOVED' : r.json().code]).sort();
    expect(outcome).toEqual([
      [200, 'MOVED'],
      [409, 'STALE_VERSION'],
    ]);
    const now = await t.request('GET', `/api/v1/bookings/${id}`, { cookie: admin.cookie });
    expect(now.json().version).toBe(2);
  });

  it('books idempotently with an Idempotency-Key, and audits every change in one intact chain', async () => {
    await setToday('2026-01-05');
    const a = await assessor();
    const { recordId } = await approvedRecord();
    const body = { method: 'project', date: '2026-03-05', startTime: '14:00', assessorId: a.id, remoteLink: 'https://meet.example/p' };
    const headers = { 'idempotency-key': `book-${engine}` };
    const first = await book(recordId, body, { headers });
    const retry = await book(recordId, body, { headers });
    expect([first.statusCode, retry.statusCode]).toEqual([201, 201]);
    expect(retry.json().id).toBe(first.json().id);
    const { recordId: other } = await approvedRecord();
    const sameKeyOtherRecord = await book(other, body, { headers });
    expect([sameKeyOtherRecord.statusCode, sameKeyOtherRecord.json().code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);

    const entries = await t.ctx.db.selectFrom('auditLog').select(['action', 'entity']).where('entity', 'in', ['booking', 'assessor']).execute();
    const actions = new Set(entries.map((e) => `${e.entity}:${e.action}`));
    for (const expected of [
      'assessor:create',
      'assessor:update',
      'assessor:declare-relationship',
      'assessor:add-availability',
      'booking:book',
      'booking:move',
      'booking:cancel',
    ])
      expect(actions, expected).toContain(expected);
    const verify = await t.request('GET', '/api/v1/audit/verify', { cookie: admin.cookie });
    expect(verify.json()).toMatchObject({ intact: true });
  });
});
