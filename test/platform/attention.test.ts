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
});
