// Issue 10 item 8, "Registration does not leak or squat": a ULN active with one training
// provider is neither refused to another with the first one's details, nor blocked by it;
// the registration is held for the EPAO, who decides. And a ULN names one person: the same
// ULN with another family name or date of birth is refused, by the API and row by row in
// a CSV file, and never stored as a second person.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCsv } from '../../src/app/csv.ts';
import { TRANSFER_REASON } from '../../src/app/registration-clashes.ts';
import { validUln } from '../helpers.ts';
import { createTestApp, ENGINES, type TestApp } from './harness.ts';

const MISMATCH = 'this ULN is registered to a different person: check the ULN, family name and date of birth against the ILR';

describe.each(ENGINES)('registration clashes and one person per ULN (%s)', (engine) => {
  let t: TestApp;
  let admin: { cookie: string };
  let providerA: { cookie: string };
  let providerB: { cookie: string };
  let employerUser: { cookie: string };
  let providerAId: string;
  let providerBId: string;
  let employerId: string;
  let otherEmployerId: string;
  let stem = 310_000_000;
  const nextUln = () => {
    stem += 1000;
    return validUln(stem);
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    t.setToday('2026-02-02');
    admin = await t.user('epao-admin');
    providerAId = await t.organisation('provider', 'Alderley Apprenticeships');
    providerBId = await t.organisation('provider', 'Brookfield Skills');
    employerId = await t.organisation('employer', 'Cobalt Retail');
    otherEmployerId = await t.organisation('employer', 'Dunmore Foods');
    providerA = await t.user('provider', { organisationId: providerAId });
    providerB = await t.user('provider', { organisationId: providerBId });
    employerUser = await t.user('employer', { organisationId: employerId });
  });
  afterAll(() => t.close());

  const person = { givenNames: 'Ada', familyName: 'Lovelace', dateOfBirth: '2005-03-01' };
  const registration = (uln: string, overrides: Record<string, unknown> = {}) => ({
    uln,
    ...person,
    employerId,
    standard: 'ST0071@1.2',
    policy: null,
    startDate: '2024-09-02',
    ...overrides,
  });
  const register = (cookie: string, body: unknown, headers: Record<string, string> = {}) => t.request('POST', '/api/v1/records', { cookie, body, headers });

  /** A registered with employer A on 2023-05-15; the details B must never learn. */
  async function activeWithA(uln: string) {
    const r = await register(providerA.cookie, registration(uln, { startDate: '2023-05-15', employerId: otherEmployerId }));
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as { id: string; version: number; apprentice: { id: string } };
  }

  const leaks = (body: string, record: { id: string }) =>
    [providerAId, 'Alderley', record.id, '2023-05-15', otherEmployerId, 'Dunmore'].filter((secret) => body.includes(secret));

  it('holds provider B’s registration of a ULN active with provider A, telling B nothing about A’s record', async () => {
    const uln = nextUln();
    const recordA = await activeWithA(uln);
    // ST0071@1.1 is the same standard as A's ST0071@1.2: one active record per ULN and standard code.
    const held = await register(providerB.cookie, registration(uln, { standard: 'ST0071@1.1' }));
    expect(held.statusCode, held.body).toBe(202);
    expect(held.json()).toMatchObject({
      code: 'REGISTRATION_HELD',
      message: expect.stringContaining('held for the EPAO to check'),
      held: { status: 'open', uln, standard: 'ST0071@1.1', providerId: providerBId, requestedOn: '2026-02-02', decidedOn: null, recordId: null },
    });
    expect(leaks(held.body, recordA)).toEqual([]);

    // Asking again is the same held registration, with the same answer.
    const again = await register(providerB.cookie, registration(uln, { standard: 'ST0071@1.1' }));
    expect([again.statusCode, again.json().held.id]).toEqual([202, held.json().held.id]);

    // A's record is untouched, and B sees nothing of it.
    const a = await t.request('GET', `/api/v1/records/${recordA.id}`, { cookie: providerA.cookie });
    expect(a.json()).toMatchObject({ status: 'registered', version: 1, provider: { id: providerAId } });
    expect((await t.request('GET', `/api/v1/records/${recordA.id}`, { cookie: providerB.cookie })).statusCode).toBe(404);
    const bFinds = await t.request('GET', `/api/v1/records?uln=${uln}`, { cookie: providerB.cookie });
    expect(bFinds.json().records).toEqual([]);
    const own = await t.request('GET', `/api/v1/registration-clashes/${held.json().held.id}`, { cookie: providerB.cookie });
    expect(own.statusCode).toBe(200);
    expect(own.json()).not.toHaveProperty('epao');
    expect(leaks(own.body, recordA)).toEqual([]);

    // Held, and audited once.
    const audit = await t.ctx.db.selectFrom('auditLog').select(['action', 'entity']).where('entityId', '=', held.json().held.id).execute();
    expect(audit).toEqual([{ action: 'hold', entity: 'registration-clash' }]);
  });

  it('answers the same for a held registration whoever holds the record and however often it is sent, with an Idempotency-Key too', async () => {
    const uln = nextUln();
    await activeWithA(uln);
    const first = await register(providerB.cookie, registration(uln), { 'idempotency-key': 'held-1' });
    const retried = await register(providerB.cookie, registration(uln), { 'idempotency-key': 'held-1' });
    expect([first.statusCode, retried.statusCode]).toEqual([202, 202]);
    expect(retried.json()).toEqual(first.json());
    // An EPAO user registering for B is held the same way: the EPAO decides in its queue.
    const byEpao = await register(admin.cookie, registration(uln, { providerId: providerBId }));
    expect([byEpao.statusCode, byEpao.json().held.id]).toEqual([202, first.json().held.id]);
  });

  it('shows the EPAO its queue with both sides, and no one else', async () => {
    const uln = nextUln();
    const recordA = await activeWithA(uln);
    const held = (await register(providerB.cookie, registration(uln))).json().held as { id: string };
    const queue = await t.request('GET', '/api/v1/registration-clashes', { cookie: admin.cookie });
    expect(queue.statusCode).toBe(200);
    const item = (queue.json().clashes as { id: string }[]).find((c) => c.id === held.id);
    expect(item).toMatchObject({
      status: 'open',
      uln,
      givenNames: 'Ada',
      familyName: 'Lovelace',
      epao: {
        requestedProvider: { id: providerBId, name: 'Brookfield Skills' },
        existing: {
          recordId: recordA.id,
          status: 'registered',
          standard: 'ST0071@1.2',
          startDate: '2023-05-15',
          provider: { id: providerAId, name: 'Alderley Apprenticeships' },
        },
      },
    });
    // A does not see B's request; an employer sees no queue; neither can open it.
    expect((await t.request('GET', '/api/v1/registration-clashes?status=all', { cookie: providerA.cookie })).json().clashes).toEqual([]);
    expect((await t.request('GET', `/api/v1/registration-clashes/${held.id}`, { cookie: providerA.cookie })).statusCode).toBe(404);
    expect((await t.request('GET', '/api/v1/registration-clashes', { cookie: employerUser.cookie })).statusCode).toBe(403);
    expect((await t.request('GET', `/api/v1/registration-clashes/${held.id}`, { cookie: employerUser.cookie })).statusCode).toBe(404);
    expect(
      (await t.request('POST', `/api/v1/registration-clashes/${held.id}/decision`, { cookie: providerB.cookie, body: { decision: 'transfer' } })).statusCode,
    ).toBe(403);
  });

  it('lets the EPAO reject with a reason the requesting provider reads; the existing record stands', async () => {
    const uln = nextUln();
    const recordA = await activeWithA(uln);
    const held = (await register(providerB.cookie, registration(uln))).json().held as { id: string };
    const noReason = await t.request('POST', `/api/v1/registration-clashes/${held.id}/decision`, { cookie: admin.cookie, body: { decision: 'reject' } });
    expect(noReason.statusCode).toBe(400);
    const reason = 'The apprentice is still on programme with their first provider.';
    const rejected = await t.request('POST', `/api/v1/registration-clashes/${held.id}/decision`, {
      cookie: admin.cookie,
      body: { decision: 'reject', reason },
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({ status: 'rejected', reason, decidedOn: '2026-02-02' });
    const seenByB = await t.request('GET', `/api/v1/registration-clashes/${held.id}`, { cookie: providerB.cookie });
    expect(seenByB.json()).toMatchObject({ status: 'rejected', reason, recordId: null });
    expect(leaks(seenByB.body, recordA)).toEqual([]);
    const a = await t.request('GET', `/api/v1/records/${recordA.id}`, { cookie: providerA.cookie });
    expect(a.json()).toMatchObject({ status: 'registered', version: 1 });
    const twice = await t.request('POST', `/api/v1/registration-clashes/${held.id}/decision`, { cookie: admin.cookie, body: { decision: 'transfer' } });
    expect([twice.statusCode, twice.json().code]).toEqual([409, 'ALREADY_DECIDED']);
    // Rejected is not open: the queue no longer shows it.
    const open = (await t.request('GET', '/api/v1/registration-clashes', { cookie: admin.cookie })).json().clashes as { id: string }[];
    expect(open.map((c) => c.id)).not.toContain(held.id);
  });

  it('lets the EPAO transfer: A’s record is closed as transferred, B’s registration is made, and each sees only its own', async () => {
    const uln = nextUln();
    // Asked for the day before the EPAO decides (the sessions were made on 2026-02-02, so the clock goes back, not on).
    t.setToday('2026-02-01');
    const recordA = await activeWithA(uln);
    const held = (await register(providerB.cookie, registration(uln, { startDate: '2025-01-06' }))).json().held as { id: string; requestedOn: string };
    t.setToday('2026-02-02');
    expect(held.requestedOn).toBe('2026-02-01');
    const transferred = await t.request('POST', `/api/v1/registration-clashes/${held.id}/decision`, { cookie: admin.cookie, body: { decision: 'transfer' } });
    expect(transferred.statusCode, transferred.body).toBe(200);
    const newRecordId = transferred.json().recordId as string;
    expect(transferred.json()).toMatchObject({
      status: 'transferred',
      decidedOn: '2026-02-02',
      epao: { existing: { recordId: recordA.id, status: 'withdrawn' } },
    });

    // B reads the outcome and its new record.
    const seenByB = await t.request('GET', `/api/v1/registration-clashes/${held.id}`, { cookie: providerB.cookie });
    expect(seenByB.json()).toMatchObject({ status: 'transferred', recordId: newRecordId });
    expect(leaks(seenByB.body, recordA)).toEqual([]);
    const recordB = await t.request('GET', `/api/v1/records/${newRecordId}`, { cookie: providerB.cookie });
    expect(recordB.json()).toMatchObject({
      status: 'registered',
      standard: 'ST0071@1.2',
      startDate: '2025-01-06',
      registeredOn: '2026-02-02',
      provider: { id: providerBId },
    });

    // A's record is closed as transferred, not told where; A cannot open B's.
    const closed = await t.ctx.db
      .selectFrom('epaRecords')
      .select(['status', 'withdrawnOn', 'withdrawalReason'])
      .where('id', '=', recordA.id)
      .executeTakeFirstOrThrow();
    expect(closed).toEqual({ status: 'withdrawn', withdrawnOn: '2026-02-02', withdrawalReason: TRANSFER_REASON });
    expect(TRANSFER_REASON).not.toContain('Brookfield');
    expect((await t.request('GET', `/api/v1/records/${newRecordId}`, { cookie: providerA.cookie })).statusCode).toBe(404);

    // One person: both records' apprentices carry the same identity.
    const people = await t.ctx.db.selectFrom('apprentices').select(['familyName', 'dateOfBirth', 'providerId', 'identityKey']).where('uln', '=', uln).execute();
    expect(new Set(people.map((p) => p.identityKey))).toEqual(new Set(['lovelace|2005-03-01']));
    expect(people.map((p) => p.providerId).sort()).toEqual([providerAId, providerBId].sort());

    const actions = await t.ctx.db
      .selectFrom('auditLog')
      .select(['action', 'entity', 'entityId'])
      .where('entityId', 'in', [held.id, recordA.id, newRecordId])
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => `${a.action} ${a.entity}`)).toEqual([
      'register epa-record',
      'hold registration-clash',
      'withdraw epa-record',
      'register epa-record',
      'transfer registration-clash',
    ]);
    expect((await t.request('GET', '/api/v1/audit/verify', { cookie: admin.cookie })).json()).toMatchObject({ intact: true });
  });

  it('refuses a ULN on record for a different person (family name or date of birth), saying nothing about them', async () => {
    const uln = nextUln();
    await activeWithA(uln);
    for (const [who, cookie] of [
      ['A', providerA.cookie],
      ['B', providerB.cookie],
    ] as const)
      for (const other of [{ familyName: 'Hopper' }, { dateOfBirth: '2005-03-02' }]) {
        const r = await register(cookie, registration(uln, { ...other, standard: 'ST0072@1.1', channel: 'both' }));
        expect([r.statusCode, r.json().code, r.json().detail], `${who} ${JSON.stringify(other)}`).toEqual([422, 'ULN_IDENTITY_MISMATCH', MISMATCH]);
        expect(r.json().findings).toEqual([expect.objectContaining({ source: expect.stringContaining('Learning Records Service') })]);
        expect(r.body).not.toMatch(/Lovelace|2005-03-01|Alderley/);
      }
    const people = await t.ctx.db.selectFrom('apprentices').select('familyName').where('uln', '=', uln).execute();
    expect(people.map((p) => p.familyName)).toEqual(['Lovelace']);
  });

  it('registers the same person for another standard as usual, with the provider’s row used again', async () => {
    const uln = nextUln();
    const recordA = await activeWithA(uln);
    // The same person, however the name is keyed.
    const sameProvider = await register(
      providerA.cookie,
      registration(uln, { familyName: 'LOVELÀCE', standard: 'ST0072@1.1', channel: 'both', employerId: otherEmployerId }),
    );
    expect(sameProvider.statusCode, sameProvider.body).toBe(201);
    expect(sameProvider.json().apprentice).toMatchObject({ id: recordA.apprentice.id, familyName: 'Lovelace' });
    const otherUln = nextUln();
    await activeWithA(otherUln);
    // Another provider: its own row (who sees the record goes by it), carrying the person as recorded.
    const otherProvider = await register(
      providerB.cookie,
      registration(otherUln, { familyName: 'LOVELACE', givenNames: 'Augusta Ada', standard: 'ST0072@1.1', channel: 'both' }),
    );
    expect(otherProvider.statusCode, otherProvider.body).toBe(201);
    expect(otherProvider.json()).toMatchObject({
      provider: { id: providerBId },
      standard: 'ST0072@1.1',
      apprentice: { givenNames: 'Ada', familyName: 'Lovelace' },
    });
    expect(otherProvider.json().apprentice.id).not.toBe(recordA.apprentice.id);
  });

  it('refuses the same provider’s second registration for the standard as a duplicate of its own record', async () => {
    const uln = nextUln();
    const recordA = await activeWithA(uln);
    const again = await register(providerA.cookie, registration(uln, { standard: 'ST0071@1.1' }));
    expect([again.statusCode, again.json().code, again.json().detail]).toEqual([
      409,
      'DUPLICATE_REGISTRATION',
      `ULN ${uln} already has an active EPA record for ST0071`,
    ]);
    expect(again.json().recordId).toBe(recordA.id);
  });

  it('settles racing registrations of one ULN: one person is stored, and the other provider is held, never a 409 or a 500', async () => {
    const uln = nextUln();
    const people = await Promise.all([
      register(providerA.cookie, registration(uln)),
      register(providerB.cookie, registration(uln, { familyName: 'Hopper', standard: 'ST0072@1.1', channel: 'both' })),
    ]);
    expect(people.map((r) => r.statusCode).sort()).toEqual([201, 422]);
    expect(await t.ctx.db.selectFrom('apprentices').select('familyName').where('uln', '=', uln).execute()).toHaveLength(1);

    const other = nextUln();
    const providers = await Promise.all([register(providerA.cookie, registration(other)), register(providerB.cookie, registration(other))]);
    expect(providers.map((r) => r.statusCode).sort()).toEqual([201, 202]);
  });

  it('never holds nor matches the temporary ULN, which many people share', async () => {
    const a = await register(providerA.cookie, registration('9999999999'));
    const b = await register(providerB.cookie, registration('9999999999', { familyName: 'Hopper', dateOfBirth: '2001-01-01' }));
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
  });

  describe('in a CSV file', () => {
    const COLUMNS = ['uln', 'given_names', 'family_name', 'date_of_birth', 'employer_id', 'provider_id', 'standard', 'start_date', 'channel'];
    const row = (uln: string, o: Record<string, string> = {}) => ({
      uln,
      given_names: 'Ada',
      family_name: 'Lovelace',
      date_of_birth: '2005-03-01',
      employer_id: employerId,
      provider_id: providerBId,
      standard: 'ST0071@1.2',
      start_date: '2024-09-02',
      channel: '',
      ...o,
    });
    const post = (rows: Record<string, string>[], cookie = providerB.cookie) =>
      t.request('POST', '/api/v1/records/import', {
        cookie,
        body: toCsv([COLUMNS, ...rows.map((r) => COLUMNS.map((c) => r[c] ?? ''))]),
        headers: { 'content-type': 'text/csv' },
      });

    it('refuses a row whose ULN is another person’s, holds a clash row for the EPAO without a leak, and imports the rest', async () => {
      const mismatched = nextUln();
      const clashing = nextUln();
      await activeWithA(mismatched);
      const recordA = await activeWithA(clashing);
      const fresh = nextUln();
      const response = await post([
        row(mismatched, { family_name: 'Hopper', standard: 'ST0072@1.1', channel: 'both' }), // line 2
        row(clashing), // line 3: active with A for ST0071
        row(fresh), // line 4
        row(fresh, { date_of_birth: '2006-03-01', standard: 'ST0072@1.1', channel: 'both' }), // line 5: line 4's ULN, another person
        row(clashing, { standard: 'ST0072@1.1', channel: 'both' }), // line 6: the same person, another standard
      ]);
      expect(response.statusCode, response.body).toBe(200);
      const report = response.json();
      expect(report).toMatchObject({ total: 5, imported: 2, held: 1, rejected: 2 });
      expect(report.rows.map((r: { line: number; status: string }) => [r.line, r.status])).toEqual([
        [2, 'rejected'],
        [3, 'held'],
        [4, 'imported'],
        [5, 'rejected'],
        [6, 'imported'],
      ]);
      expect(report.rows[0].reasons).toEqual([{ code: 'ULN_IDENTITY_MISMATCH', message: MISMATCH }]);
      expect(report.rows[3].reasons).toEqual([
        {
          code: 'ULN_IDENTITY_MISMATCH',
          message: `line 4 of this file gives ULN ${fresh} to a different person: check the ULN, family name and date of birth against the ILR`,
        },
      ]);
      expect(report.rows[1]).toMatchObject({ uln: clashing, status: 'held', heldId: expect.any(String), reasons: [{ code: 'REGISTRATION_HELD' }] });
      expect(leaks(JSON.stringify(report), recordA)).toEqual([]);
      expect(JSON.stringify(report)).not.toContain('Lovelace');

      // Nothing stored as a second person; the held row is in the EPAO's queue; A's record stands.
      const hoppers = await t.ctx.db
        .selectFrom('apprentices')
        .select('id')
        .where('familyName', '=', 'Hopper')
        .where('uln', 'in', [mismatched, fresh])
        .execute();
      expect(hoppers).toEqual([]);
      const freshPeople = await t.ctx.db.selectFrom('apprentices').select('dateOfBirth').where('uln', '=', fresh).execute();
      expect(freshPeople).toEqual([{ dateOfBirth: '2005-03-01' }]);
      const clash = await t.request('GET', `/api/v1/registration-clashes/${report.rows[1].heldId}`, { cookie: admin.cookie });
      expect(clash.json()).toMatchObject({ status: 'open', epao: { existing: { recordId: recordA.id } } });
      const a = await t.request('GET', `/api/v1/records/${recordA.id}`, { cookie: providerA.cookie });
      expect(a.json()).toMatchObject({ status: 'registered', version: 1 });

      // The same file again: the clash row is the same held registration, not a second one.
      const again = await post([row(clashing)]);
      expect(again.json()).toMatchObject({ total: 1, imported: 0, held: 1, rejected: 0, rows: [{ heldId: report.rows[1].heldId }] });
      expect(again.statusCode).toBe(200);
    });

    it('is the same person when the file keys the name differently', async () => {
      const uln = nextUln();
      await activeWithA(uln);
      const response = await post(
        [row(uln, { family_name: ' lovelace ', standard: 'ST0072@1.1', channel: 'both', provider_id: providerAId })],
        providerA.cookie,
      );
      expect(response.json()).toMatchObject({ imported: 1, rejected: 0, rows: [{ status: 'imported' }] });
    });
  });
});
