// What needs the EPAO's attention is gathered from every record under way, which takes most
// of a second at 100,000 apprentices, so the answer is kept while the day and the data stay
// the same: a change (every change appends an audit entry) or a new day gathers it again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attention } from '../../src/app/dashboard.ts';
import type { Actor } from '../../src/domain/access/access.ts';
import { appendAudit } from '../../src/store/audit.ts';
import { createTestApp, type TestApp } from './harness.ts';

describe('what needs attention, kept while nothing changes', () => {
  let t: TestApp;
  let admin: Actor;
  let recordId: string;

  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-01-05');
    const user = await t.user('epao-admin');
    admin = { userId: user.id, name: 'Admin', role: 'epao-admin', organisationId: null, apprenticeId: null, assessorId: null };
  }, 60_000);

  afterAll(() => t.close());

  it('answers again only when the data or the day moves on', async () => {
    const before = await attention(t.ctx, admin);
    expect(await attention(t.ctx, admin)).toBe(before);

    // A record approved at gateway long ago, written behind Capstone's back (no audit entry): not yet seen.
    const providerId = await t.organisation('provider');
    const employerId = await t.organisation('employer');
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
          startDate: '2024-01-08',
          registeredOn: '2025-01-06',
          gatewayApprovedOn: '2025-02-03',
          epaStart: '2025-02-03',
          epaEnd: '2025-05-03',
          channel: null,
          extraTimePercent: 0,
          adjustments: null,
          updatedAt: new Date('2025-02-03T12:00:00Z'),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    expect(await attention(t.ctx, admin)).toBe(before);

    // Any change Capstone makes is audited: the answer is gathered again and sees the record.
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
    // A second record under way, and a change to it named through a row of its own (a submission).
    const providerId = await t.organisation('provider');
    const employerId = await t.organisation('employer');
    const apprentice = await t.ctx.db
      .insertInto('apprentices')
      .values({ uln: '1100000025', givenNames: 'Alan', familyName: 'Turing', dateOfBirth: '2004-06-23', email: null, providerId, employerId })
      .returning('id')
      .executeTakeFirstOrThrow();
    const other = await t.ctx.db
      .insertInto('epaRecords')
      .values({
        apprenticeId: apprentice.id,
        uln: '1100000025',
        standard: 'ST0071@1.2',
        standardCode: 'ST0071',
        policy: null,
        status: 'gateway-approved',
        startDate: '2024-01-08',
        registeredOn: '2025-06-02',
        gatewayApprovedOn: '2025-11-03',
        epaStart: '2025-11-03',
        epaEnd: '2026-02-03',
        channel: null,
        extraTimePercent: 0,
        adjustments: null,
        updatedAt: new Date('2025-11-03T12:00:00Z'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // And one written behind Capstone's back (no entry): an update from the changes cannot see it.
    const hiddenApprentice = await t.ctx.db
      .insertInto('apprentices')
      .values({ uln: '1100000033', givenNames: 'Hidden', familyName: 'Record', dateOfBirth: '2004-06-23', email: null, providerId, employerId })
      .returning('id')
      .executeTakeFirstOrThrow();
    const hidden = await t.ctx.db
      .insertInto('epaRecords')
      .values({
        apprenticeId: hiddenApprentice.id,
        uln: '1100000033',
        standard: 'ST0071@1.2',
        standardCode: 'ST0071',
        policy: null,
        status: 'gateway-approved',
        startDate: '2024-01-08',
        registeredOn: '2025-06-02',
        gatewayApprovedOn: '2025-11-03',
        epaStart: '2025-11-03',
        epaEnd: '2026-02-03',
        channel: null,
        extraTimePercent: 0,
        adjustments: null,
        updatedAt: new Date('2025-11-03T12:00:00Z'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const submission = await t.ctx.db
      .insertInto('submissions')
      .values({ epaRecordId: other.id, kind: 'portfolio', fileId: null, submittedOn: '2026-01-06', wordCount: null, outcome: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(t.ctx.db, { actorId: admin.userId, actor: 'Admin', action: 'submit', entity: 'submission', entityId: submission.id });
    const brought = await attention(t.ctx, admin);
    const recordsIn = (a: { overdue: { recordId: string }[]; dueSoon: { recordId: string }[] }) => new Set([...a.overdue, ...a.dueSoon].map((r) => r.recordId));
    // Brought up to date, not gathered afresh: the changed record is in, the hidden one is not.
    expect(recordsIn(brought).has(other.id)).toBe(true);
    expect(recordsIn(brought).has(hidden.id)).toBe(false);
    // Gathering everything afresh (a new day and back again forgets what was kept) gives the same, the hidden record besides.
    t.setToday('2026-01-07');
    await attention(t.ctx, admin);
    t.setToday('2026-01-06');
    const afresh = await attention(t.ctx, admin);
    expect(recordsIn(afresh).has(hidden.id)).toBe(true);
    const without = (a: typeof afresh) => ({
      overdue: a.overdue.filter((r) => r.recordId !== hidden.id),
      dueSoon: a.dueSoon.filter((r) => r.recordId !== hidden.id),
    });
    expect(without(afresh)).toEqual(brought);
  });
});
