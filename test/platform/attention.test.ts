// What needs the EPAO's attention is gathered from every record under way, which takes most
// of a second at 100,000 apprentices, so the answer is kept while the day and the data stay
// the same, and brought up to date from the records each change (each audit entry) touched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attention } from '../../src/app/dashboard.ts';
import type { Actor } from '../../src/domain/access/access.ts';
import { appendAudit } from '../../src/store/audit.ts';
import { createTestApp, type TestApp } from './harness.ts';

describe('what needs attention, kept while nothing changes', () => {
  let t: TestApp;
  let admin: Actor;
  let providerId: string;
  let employerId: string;

  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-01-05');
    const user = await t.user('epao-admin');
    admin = { userId: user.id, name: 'Admin', role: 'epao-admin', organisationId: null, apprenticeId: null, assessorId: null };
    providerId = await t.organisation('provider');
    employerId = await t.organisation('employer');
  }, 60_000);

  afterAll(() => t.close());

  /** An ST0071 record approved at gateway on `approvedOn`, written behind Capstone's back (no audit entry). */
  async function recordUnderWay(uln: string, familyName: string, approvedOn: string): Promise<string> {
    const apprentice = await t.ctx.db
      .insertInto('apprentices')
      .values({ uln, givenNames: 'Ada', familyName, dateOfBirth: '2004-05-06', email: null, providerId, employerId })
      .returning('id')
      .executeTakeFirstOrThrow();
    const record = await t.ctx.db
      .insertInto('epaRecords')
      .values({
        apprenticeId: apprentice.id,
        uln,
        standard: 'ST0071@1.2',
        standardCode: 'ST0071',
        policy: null,
        status: 'gateway-approved',
        startDate: '2024-01-08',
        registeredOn: '2025-01-06',
        gatewayApprovedOn: approvedOn,
        epaStart: approvedOn,
        epaEnd: null,
        channel: null,
        extraTimePercent: 0,
        adjustments: null,
        updatedAt: new Date(`${approvedOn}T12:00:00Z`),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return record.id;
  }

  const recordsIn = (a: { overdue: { recordId: string }[]; dueSoon: { recordId: string }[] }) => new Set([...a.overdue, ...a.dueSoon].map((r) => r.recordId));

  it('answers again only when the data or the day moves on', async () => {
    const before = await attention(t.ctx, admin);
    expect(await attention(t.ctx, admin)).toBe(before);

    // Approved at gateway long ago, written behind Capstone's back: not yet seen.
    const recordId = await recordUnderWay('1100000017', 'Hopper', '2025-02-03');
    expect(await attention(t.ctx, admin)).toBe(before);

    // Any change Capstone makes is audited: the answer is brought up to date and sees the record.
    await appendAudit(t.ctx.db, { actorId: admin.userId, actor: 'Admin', action: 'update', entity: 'epa-record', entityId: recordId });
    const changed = await attention(t.ctx, admin);
    expect(changed).not.toBe(before);
    expect(changed.overdue.some((r) => r.recordId === recordId && r.code === 'EPA_WINDOW_PASSED')).toBe(true);
    expect(await attention(t.ctx, admin)).toBe(changed);

    // A new day: gathered again.
    t.setToday('2026-01-06');
    expect(await attention(t.ctx, admin)).not.toBe(changed);
  });

  it('brings the kept answer up to date from the records the changes touched, to what gathering everything gives', async () => {
    await attention(t.ctx, admin);
    // A record changed through a row of its own (a submission), and one written behind Capstone's back.
    const other = await recordUnderWay('1100000025', 'Turing', '2025-11-03');
    const hidden = await recordUnderWay('1100000033', 'Hidden', '2025-11-03');
    const submission = await t.ctx.db
      .insertInto('submissions')
      .values({ epaRecordId: other, kind: 'portfolio', fileId: null, submittedOn: '2026-01-06', wordCount: null, outcome: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(t.ctx.db, { actorId: admin.userId, actor: 'Admin', action: 'submit', entity: 'submission', entityId: submission.id });
    const brought = await attention(t.ctx, admin);
    // Brought up to date, not gathered afresh: the changed record is in, the hidden one is not.
    expect(recordsIn(brought).has(other)).toBe(true);
    expect(recordsIn(brought).has(hidden)).toBe(false);
    // Gathering everything afresh (a new day and back again forgets what was kept) gives the same, the hidden record besides.
    t.setToday('2026-01-07');
    await attention(t.ctx, admin);
    t.setToday('2026-01-06');
    const afresh = await attention(t.ctx, admin);
    expect(recordsIn(afresh).has(hidden)).toBe(true);
    const without = (a: typeof afresh) => ({
      overdue: a.overdue.filter((r) => r.recordId !== hidden),
      dueSoon: a.dueSoon.filter((r) => r.recordId !== hidden),
    });
    expect(without(afresh)).toEqual(brought);
  });
});
