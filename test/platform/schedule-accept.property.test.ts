// A property, on a real PostgreSQL: whatever the scheduler proposes, and whatever changes
// between the proposal and its acceptance (an assessor goes on leave, their day is capped,
// someone books by hand a slot the proposal meant to use), accepting books exactly what was
// proposed (method, date, UK start time, assessor) or reports that placement's refusal with
// a code: every placement is one or the other, never both, never neither, and nothing else
// is booked.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedRecord } from './approved-record.ts';
import { createTestApp, type TestApp } from './harness.ts';

const PASSWORD = 'a long enough assessor password';
const londonTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const londonDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

type Placement = { key: string; recordId: string; method: string; assessorId: string; date: string; start: string; venue: string };

describe('accepting a proposal', () => {
  let t: TestApp;
  let admin: { cookie: string };
  let providerId: string;
  let employerId: string;
  let n = 0;

  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-01-05');
    admin = await t.user('epao-admin');
    providerId = await t.organisation('provider', 'Property Training');
    employerId = await t.organisation('employer', 'Property Retail');
  }, 60_000);
  afterAll(() => t.close());

  const record = () => approvedRecord(t, { providerId, employerId, uln: String(1_300_000_000 + ++n), familyName: `Property ${n}` });

  async function assessor(maxPerDay: number | null): Promise<string> {
    const created = await t.request('POST', '/api/v1/assessors', {
      cookie: admin.cookie,
      body: {
        email: `property.${++n}@test.invalid`,
        name: `Property Assessor ${n}`,
        password: PASSWORD,
        standards: ['ST0071@1.2'],
        standardisedOn: '2025-06-01',
        maxPerDay,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    return created.json().id as string;
  }

  const change = fc.oneof(
    fc.record({ kind: fc.constant('leave' as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant('cap' as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant('taken' as const), pick: fc.nat() }),
  );

  /** Something changes after the proposal: the placement it picks may no longer be allowed. */
  async function disturb(placements: Placement[], c: { kind: 'leave' | 'cap' | 'taken'; pick: number }) {
    const p = placements[c.pick % placements.length];
    if (!p) return;
    if (c.kind === 'leave')
      await t.ctx.db.insertInto('assessorLeave').values({ assessorId: p.assessorId, fromDate: p.date, toDate: p.date, reason: 'ill' }).execute();
    if (c.kind === 'cap') await t.ctx.db.updateTable('assessors').set({ maxPerDay: 1, maxPerWeek: 1 }).where('id', '=', p.assessorId).execute();
    if (c.kind === 'taken') {
      // Someone books the same method by hand first.
      const r = await t.request('POST', `/api/v1/records/${p.recordId}/bookings`, {
        cookie: admin.cookie,
        body: { method: p.method, date: p.date, startTime: p.start, assessorId: p.assessorId, venue: p.venue },
      });
      expect([201, 409, 422]).toContain(r.statusCode);
    }
  }

  it('books exactly what was proposed, or reports each refusal', { timeout: 180_000 }, async () => {
    let week = 0;
    const seen = { booked: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 3 }), fc.constantFrom(null, 1, 2), fc.array(change, { maxLength: 3 }), async (records, cap, changes) => {
        // Each case schedules its own month, so the cases do not meet.
        const from = londonDate.format(new Date(Date.UTC(2026, 1, 2 + 35 * week++)));
        const to = londonDate.format(new Date(Date.UTC(2026, 1, 27 + 35 * (week - 1))));
        await Promise.all([...Array(records)].map(() => record()));
        await assessor(cap);
        const proposed = await t.request('POST', '/api/v1/schedule/proposals', { cookie: admin.cookie, body: { from, to } });
        expect(proposed.statusCode, proposed.body).toBe(201);
        const proposal = proposed.json() as { id: string; placements: Placement[]; hardViolations: number };
        expect(proposal.hardViolations).toBe(0);
        for (const c of changes) await disturb(proposal.placements, c);
        const before = await t.ctx.db.selectFrom('bookings').select('id').where('status', '=', 'booked').execute();
        const accepted = await t.request('POST', `/api/v1/schedule/proposals/${proposal.id}/accept`, { cookie: admin.cookie, body: {} });
        expect(accepted.statusCode, accepted.body).toBe(200);
        const outcome = accepted.json().outcome as { booked: { key: string; bookingId: string }[]; refused: { key: string; code: string }[] };
        const keys = proposal.placements.map((p) => p.key).sort();
        expect([...outcome.booked.map((b) => b.key), ...outcome.refused.map((r) => r.key)].sort()).toEqual(keys);
        for (const r of outcome.refused) expect(r.code).toMatch(/^[A-Z_]+$/);
        seen.booked += outcome.booked.length;
        seen.refused += outcome.refused.length;
        for (const b of outcome.booked) {
          const p = proposal.placements.find((x) => x.key === b.key) as Placement;
          const row = await t.ctx.db.selectFrom('bookings').selectAll().where('id', '=', b.bookingId).executeTakeFirstOrThrow();
          expect([row.epaRecordId, row.method, row.assessorId, londonDate.format(row.startsAt), londonTime.format(row.startsAt)]).toEqual([
            p.recordId,
            p.method,
            p.assessorId,
            p.date,
            p.start,
          ]);
        }
        const after = await t.ctx.db.selectFrom('bookings').select('id').where('status', '=', 'booked').execute();
        expect(after.length - before.length).toBe(outcome.booked.length);
      }),
      { numRuns: 6, seed: 20261204 },
    );
    // The cases reached both sides: bookings made, and refusals reported.
    expect(seen.booked).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);
  });
});
