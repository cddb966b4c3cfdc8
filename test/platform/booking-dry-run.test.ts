// A dry run of booking, moving and cancelling (the pages' "Check the booking" step): the
// same verdict as the real call, and nothing written — no booking row or change, no audit
// entry, the record's version and status as they were. Records are put at gateway-approved straight into the
// database, as in bookings.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssessor } from '../../src/app/assessors.ts';
import { bookAssessment, cancelBooking, moveBooking } from '../../src/app/bookings.ts';
import { AppError } from '../../src/app/errors.ts';
import type { Actor } from '../../src/domain/access/access.ts';
import { createTestApp, ENGINES, type TestApp } from './harness.ts';

describe.each(ENGINES)('booking dry runs (%s)', (engine) => {
  let t: TestApp;
  let admin: Actor;
  let providerId: string;
  let employerId: string;
  let uln = 0;
  let assessorCount = 0;

  beforeAll(async () => {
    t = await createTestApp(engine);
    t.setToday('2026-01-05');
    const user = await t.user('epao-admin');
    const row = await t.ctx.db.selectFrom('users').select(['id', 'name', 'organisationId']).where('id', '=', user.id).executeTakeFirstOrThrow();
    admin = { userId: row.id, role: 'epao-admin', organisationId: row.organisationId, apprenticeId: null, assessorId: null, name: row.name };
    providerId = await t.organisation('provider', 'Northern Training');
    employerId = await t.organisation('employer', 'Acme Retail');
  }, 30_000);
  afterAll(() => t.close());

  /** An apprentice at gateway-approved on 5 January 2026 (ST0071: the window runs to 5 April). */
  async function approvedRecord(o: { standard?: string; policy?: string | null } = {}): Promise<string> {
    const standard = o.standard ?? 'ST0071@1.2';
    const number = String(1_200_000_000 + ++uln);
    const apprentice = await t.ctx.db
      .insertInto('apprentices')
      .values({ uln: number, givenNames: 'Ada', familyName: `Lovelace ${uln}`, dateOfBirth: '2004-05-06', email: null, providerId, employerId })
      .returning('id')
      .executeTakeFirstOrThrow();
    const record = await t.ctx.db
      .insertInto('epaRecords')
      .values({
        apprenticeId: apprentice.id,
        uln: number,
        standard,
        standardCode: standard.split('@')[0] as string,
        policy: o.policy ?? null,
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
    return record.id;
  }

  async function assessor(standards = ['ST0071@1.2']): Promise<string> {
    assessorCount++;
    const created = await createAssessor(t.ctx, admin, {
      email: `dry.${engine}.${assessorCount}@test.invalid`,
      name: `Assessor ${assessorCount}`,
      password: 'a long enough assessor password',
      standards,
      standardisedOn: '2025-06-01',
    });
    return created.id;
  }

  /** Everything a dry run must leave alone. */
  async function snapshot(recordId: string) {
    const record = await t.ctx.db
      .selectFrom('epaRecords')
      .select(['version', 'status', 'epaStart', 'epaEnd'])
      .where('id', '=', recordId)
      .executeTakeFirstOrThrow();
    const bookings = await t.ctx.db.selectFrom('bookings').selectAll().where('epaRecordId', '=', recordId).orderBy('id').execute();
    const audit = await t.ctx.db
      .selectFrom('auditLog')
      .select((eb) => eb.fn.max('id').as('lastId'))
      .executeTakeFirstOrThrow();
    const auditRows = await t.ctx.db
      .selectFrom('auditLog')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return { record, bookings, audit, auditRows: Number(auditRows.n) };
  }

  /** The refusal a call throws, as code, status, findings and details. */
  async function refusal(run: () => Promise<unknown>) {
    try {
      await run();
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return { status: error.status, code: error.code, message: error.message, details: error.details };
    }
    throw new Error('expected a refusal');
  }

  /** A view without what only the real write settles (the new row's id). */
  const withoutId = <T extends { id: string }>({ id: _id, ...rest }: T) => rest;

  it('books: a dry run returns what the real booking does, warnings included, and writes nothing', async () => {
    t.setToday('2026-01-05');
    const recordId = await approvedRecord({ policy: 'PAL' });
    const a = await assessor();
    await bookAssessment(t.ctx, admin, recordId, { method: 'discussion', date: '2026-02-20', startTime: '10:00', assessorId: a, venue: 'Acme Retail, Leeds' });
    // PAL prefers the discussion before the observation: booking the observation first warns.
    const input = { method: 'observation', date: '2026-02-10', startTime: '09:30', assessorId: a, venue: 'Acme Retail, Leeds' };

    const before = await snapshot(recordId);
    const dry = await bookAssessment(t.ctx, admin, recordId, input, { dryRun: true });
    expect(await snapshot(recordId)).toEqual(before);
    expect(dry.warnings.map((w) => w.code)).toEqual(['ORDER_NOT_RECOMMENDED']);
    expect(dry.warnings[0]?.source).toContain('004_f9b9047560044387.txt');

    const real = await bookAssessment(t.ctx, admin, recordId, input);
    expect(withoutId(dry)).toEqual(withoutId(real));
    expect(dry.id).not.toBe(real.id);
    const after = await snapshot(recordId);
    expect(after.bookings).toHaveLength(2);
    expect(after.auditRows).toBe(before.auditRows + 1);
  });

  it('refuses in a dry run exactly as the real call does, writing nothing', async () => {
    t.setToday('2026-01-05');
    const recordId = await approvedRecord();
    const a = await assessor();
    const outside = { method: 'observation', date: '2026-04-10', startTime: '10:00', assessorId: a, venue: 'Acme Retail, Leeds' };
    const before = await snapshot(recordId);
    const dry = await refusal(() => bookAssessment(t.ctx, admin, recordId, outside, { dryRun: true }));
    expect(await snapshot(recordId)).toEqual(before);
    const real = await refusal(() => bookAssessment(t.ctx, admin, recordId, outside));
    expect(dry).toEqual(real);
    expect(dry).toMatchObject({ status: 422, code: 'OUTSIDE_EPA_WINDOW' });
    expect(await snapshot(recordId)).toEqual(before);

    // The first booking moves the record to "in EPA": a dry run leaves it at gateway-approved.
    const fine = { ...outside, date: '2026-02-16' };
    const ok = await bookAssessment(t.ctx, admin, recordId, fine, { dryRun: true });
    expect(ok).toMatchObject({ method: 'observation', date: '2026-02-16', startTime: '10:00', status: 'booked' });
    expect((await snapshot(recordId)).record).toEqual({ ...before.record, status: 'gateway-approved' });
  });

  it('moves: a dry run returns the moved booking and leaves it (and its version) as it was; a stale version is refused alike', async () => {
    t.setToday('2026-01-05');
    const recordId = await approvedRecord();
    const a = await assessor();
    const b = await assessor();
    const booked = await bookAssessment(t.ctx, admin, recordId, {
      method: 'observation',
      date: '2026-02-16',
      startTime: '10:00',
      assessorId: a,
      venue: 'Leeds',
    });
    const move = { version: booked.version, date: '2026-02-18', startTime: '13:00', assessorId: b };

    const before = await snapshot(recordId);
    const dry = await moveBooking(t.ctx, admin, booked.id, move, { dryRun: true });
    expect(await snapshot(recordId)).toEqual(before);
    expect(dry).toMatchObject({ id: booked.id, version: booked.version + 1, date: '2026-02-18', startTime: '13:00', assessor: { id: b } });

    const stale = { ...move, version: booked.version + 5 };
    const dryStale = await refusal(() => moveBooking(t.ctx, admin, booked.id, stale, { dryRun: true }));
    expect(dryStale).toEqual(await refusal(() => moveBooking(t.ctx, admin, booked.id, stale)));
    expect(dryStale.code).toBe('STALE_VERSION');

    const real = await moveBooking(t.ctx, admin, booked.id, move);
    expect(dry).toEqual(real);
    expect((await snapshot(recordId)).auditRows).toBe(before.auditRows + 1);
  });

  it('cancels: a dry run returns the policy’s charge and leaves the booking booked', async () => {
    t.setToday('2026-01-05');
    const recordId = await approvedRecord({ standard: 'ST0071@1.1', policy: 'VTCT' });
    const a = await assessor(['ST0071@1.1']);
    const booked = await bookAssessment(t.ctx, admin, recordId, {
      method: 'project',
      date: '2026-02-20',
      startTime: '10:00',
      assessorId: a,
      remoteLink: 'https://meet.example/p',
    });
    t.setToday('2026-02-10');
    const cancel = { version: booked.version, reason: 'apprentice ill' };

    const before = await snapshot(recordId);
    const dry = await cancelBooking(t.ctx, admin, booked.id, cancel, { dryRun: true });
    expect(await snapshot(recordId)).toEqual(before);
    expect(before.bookings[0]?.status).toBe('booked');
    expect(dry).toMatchObject({ status: 'cancelled', cancellationCharge: 'full-fee', cancellation: { charge: 'full-fee', workingDaysBefore: 8 } });
    expect(dry.cancellation.source).toContain('000_105fd02c04a4443e.txt');

    const real = await cancelBooking(t.ctx, admin, booked.id, cancel);
    expect(dry).toEqual(real);
    // Cancelled now: a dry run is refused as the real call is.
    const again = { version: real.version, reason: 'again' };
    const dryAgain = await refusal(() => cancelBooking(t.ctx, admin, booked.id, again, { dryRun: true }));
    expect(dryAgain).toEqual(await refusal(() => cancelBooking(t.ctx, admin, booked.id, again)));
    expect(dryAgain.code).toBe('BOOKING_CANCELLED');
  });
});
