// What one booking costs the database: every statement the pool's clients send while the
// use-case runs is counted, BEGIN and COMMIT included. The facts come in two statements
// (the record's side, the assessor's side) read without locks, and the change goes back in
// one statement, with its audit entries, written only if the record has not moved on since:
// a booking is 3 round trips whatever the record holds, and one that loses a race to
// another change of its record is decided again over the new facts.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { bookAssessment, cancelBooking, moveBooking } from '../../src/app/bookings.ts';
import type { Actor } from '../../src/domain/access/access.ts';
import { PreparedClient } from '../../src/store/prepared-client.ts';
import { createTestApp, type TestApp } from './harness.ts';

describe('database round trips of a booking', () => {
  let t: TestApp;
  let actor: Actor;
  let assessorId: string;
  const statements: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-01-05');
    const admin = await t.user('epao-admin');
    actor = { userId: admin.id, name: 'Admin', role: 'epao-admin', organisationId: null, apprenticeId: null, assessorId: null };
    const providerId = await t.organisation('provider');
    const employerId = await t.organisation('employer');
    const created = await t.request('POST', '/api/v1/assessors', {
      cookie: admin.cookie,
      body: {
        email: 'counted.assessor@test.invalid',
        name: 'Counted Assessor',
        password: 'a long enough assessor password',
        standards: ['ST0071@1.2'],
        standardisedOn: '2025-06-01',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    assessorId = created.json().id;
    await t.request('POST', `/api/v1/assessors/${assessorId}/availability`, {
      cookie: admin.cookie,
      body: { windows: [{ startsAt: '2026-02-01T08:00:00Z', endsAt: '2026-03-31T18:00:00Z' }] },
    });
    const apprentice = await t.ctx.db
      .insertInto('apprentices')
      .values({ uln: '1100000017', givenNames: 'Grace', familyName: 'Hopper', dateOfBirth: '2004-05-06', email: null, providerId, employerId })
      .returning('id')
      .executeTakeFirstOrThrow();
    recordId = (
      await t.ctx.db
        .insertInto('epaRecords')
        .values({
          apprenticeId: apprentice.id,
          uln: '1100000017',
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
        .executeTakeFirstOrThrow()
    ).id;
    const query = PreparedClient.prototype.query;
    vi.spyOn(PreparedClient.prototype, 'query').mockImplementation(function (this: PreparedClient, ...args: Parameters<typeof query>) {
      const first = args[0] as string | { text: string };
      const text = typeof first === 'string' ? first : first.text;
      statements.push(text);
      const before = beforeStatement;
      if (!before) return query.apply(this, args);
      return before(text).then(() => query.apply(this, args)) as ReturnType<typeof query>;
    });
  }, 60_000);

  afterEach(() => {
    statements.length = 0;
    beforeStatement = undefined;
  });

  /** Run before a statement is sent (another change racing this one), given its text. */
  let beforeStatement: ((text: string) => Promise<void>) | undefined;

  afterAll(async () => {
    vi.restoreAllMocks();
    await t.close();
  });

  let recordId: string;
  let bookingId: string;
  let version: number;

  const locking = (s: string) => /^\s*begin/i.test(s) || /for (no key )?update|for share/i.test(s);

  it('books an assessment in 3, taking no lock, and a dry run writes and locks nothing', async () => {
    const input = { method: 'observation', date: '2026-02-10', startTime: '10:00', assessorId, venue: 'Head office, Leeds' } as const;
    const dry = await bookAssessment(t.ctx, actor, recordId, input, { dryRun: true });
    expect(statements.some((s) => /^\s*(with|insert|update|delete)/i.test(s) || locking(s))).toBe(false);
    expect(statements.length).toBe(2);
    statements.length = 0;

    const booked = await bookAssessment(t.ctx, actor, recordId, input);
    expect(booked).toMatchObject({ ...dry, id: booked.id });
    expect(statements.length, statements.join('\n---\n')).toBe(3);
    expect(statements.filter(locking)).toEqual([]);
    bookingId = booked.id;
    version = booked.version;
  });

  it('decides a booking again when its record changes between the reading and the writing, and writes once', async () => {
    const input = { method: 'project', date: '2026-02-12', startTime: '10:00', assessorId, remoteLink: 'https://meet.example/race' } as const;
    const record = () => t.ctx.db.selectFrom('epaRecords').select(['version', 'bookingChanges']).where('id', '=', recordId).executeTakeFirstOrThrow();
    const auditRows = async () =>
      Number(
        (
          await t.ctx.db
            .selectFrom('auditLog')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const was = await record();
    const audited = await auditRows();
    let raced = 0;
    // Another change to the record lands after this booking read its facts, before it writes.
    beforeStatement = async (text) => {
      if (raced > 0 || !/^\s*with record as/i.test(text)) return;
      raced++;
      beforeStatement = undefined;
      await t.ctx.db
        .updateTable('epaRecords')
        .set({ bookingChanges: was.bookingChanges + 1 })
        .where('id', '=', recordId)
        .execute();
    };
    statements.length = 0;
    const booked = await bookAssessment(t.ctx, actor, recordId, input);
    expect(raced).toBe(1);
    // Read, read, write (lost: nothing written), then read, read, write again; the race's own update aside.
    const own = statements.filter((s) => !/^update "epa_records" set "booking_changes"/.test(s));
    expect(own.filter((s) => /^\s*with record as/i.test(s))).toHaveLength(2);
    expect(own.length, own.join('\n---\n')).toBe(6);
    expect(await record()).toMatchObject({ bookingChanges: was.bookingChanges + 2 });
    const rows = await t.ctx.db.selectFrom('bookings').select('id').where('epaRecordId', '=', recordId).where('method', '=', 'project').execute();
    expect(rows.map((r) => r.id)).toEqual([booked.id]);
    expect(await auditRows()).toBe(audited + 1);
  });

  it('falls back to deciding under lock when it keeps losing the race', async () => {
    const input = { method: 'discussion', date: '2026-02-24', startTime: '10:00', assessorId, remoteLink: 'https://meet.example/locked' } as const;
    const writes = () => statements.filter((s) => /^\s*with record as/i.test(s));
    // Every write made without a lock finds the record moved on.
    beforeStatement = async (text) => {
      if (!/^\s*with record as/i.test(text) || statements.some((s) => /^\s*begin/i.test(s))) return;
      await t.ctx.db
        .updateTable('epaRecords')
        .set((eb) => ({ bookingChanges: eb('bookingChanges', '+', 1) }))
        .where('id', '=', recordId)
        .execute();
    };
    const booked = await bookAssessment(t.ctx, actor, recordId, input);
    expect(booked.method).toBe('discussion');
    expect(writes()).toHaveLength(4);
    const locked = statements.slice(statements.findIndex((s) => /^\s*begin/i.test(s)));
    expect(locked[0]).toMatch(/^\s*begin/i);
    expect(locked.some((s) => /for no key update/i.test(s))).toBe(true);
    expect(locked.at(-1)).toMatch(/^\s*commit/i);
    const rows = await t.ctx.db.selectFrom('bookings').select('id').where('epaRecordId', '=', recordId).where('method', '=', 'discussion').execute();
    expect(rows.map((r) => r.id)).toEqual([booked.id]);
  });

  it('moves and cancels a booking in at most 7 each (one more: which record the booking is on)', async () => {
    const moved = await moveBooking(t.ctx, actor, bookingId, { version, date: '2026-02-11' });
    expect(moved.date).toBe('2026-02-11');
    expect(statements.length, statements.join('\n---\n')).toBeLessThanOrEqual(7);
    statements.length = 0;
    await cancelBooking(t.ctx, actor, bookingId, { version: moved.version, reason: 'the apprentice is ill' });
    expect(statements.length, statements.join('\n---\n')).toBeLessThanOrEqual(7);
  });
});
