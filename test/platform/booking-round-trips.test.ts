// What one booking costs the database: every statement the pool's clients send while the
// use-case runs is counted, BEGIN and COMMIT included. The facts come in two statements
// (the record's side, the assessor's side) and the change goes back in one, with its audit
// entries, so a booking is at most 6 round trips whatever the record holds.
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
      statements.push(typeof first === 'string' ? first : first.text);
      return query.apply(this, args);
    });
  }, 60_000);

  afterEach(() => {
    statements.length = 0;
  });

  afterAll(async () => {
    vi.restoreAllMocks();
    await t.close();
  });

  let recordId: string;
  let bookingId: string;
  let version: number;

  it('books an assessment in at most 6, and a dry run writes and locks nothing', async () => {
    const input = { method: 'observation', date: '2026-02-10', startTime: '10:00', assessorId, venue: 'Head office, Leeds' } as const;
    const dry = await bookAssessment(t.ctx, actor, recordId, input, { dryRun: true });
    expect(statements.some((s) => /^\s*(insert|update|delete|begin)/i.test(s) || /for (no key )?update|for share/i.test(s))).toBe(false);
    expect(statements.length).toBe(2);
    statements.length = 0;

    const booked = await bookAssessment(t.ctx, actor, recordId, input);
    expect(booked).toMatchObject({ ...dry, id: booked.id });
    expect(statements.length, statements.join('\n---\n')).toBeLessThanOrEqual(6);
    expect(statements[0]).toMatch(/^begin/i);
    expect(statements.at(-1)).toMatch(/^commit/i);
    bookingId = booked.id;
    version = booked.version;
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
