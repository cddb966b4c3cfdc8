// An apprentice put at gateway-approved straight into the database, approved on 5 January
// 2026 (ST0071's window from approval: to 5 April): the gateway use-case is tested on its own.
import type { TestApp } from './harness.ts';

export async function approvedRecord(
  t: TestApp,
  at: { providerId: string; employerId: string; uln: string; familyName: string; standard?: string },
): Promise<string> {
  const standard = at.standard ?? 'ST0071@1.2';
  const apprentice = await t.ctx.db
    .insertInto('apprentices')
    .values({ uln: at.uln, givenNames: 'Grace', familyName: at.familyName, dateOfBirth: '2004-05-06', providerId: at.providerId, employerId: at.employerId })
    .returning('id')
    .executeTakeFirstOrThrow();
  const record = await t.ctx.db
    .insertInto('epaRecords')
    .values({
      apprenticeId: apprentice.id,
      uln: at.uln,
      standard,
      standardCode: standard.split('@')[0] as string,
      policy: null,
      status: 'gateway-approved',
      startDate: '2024-09-02',
      registeredOn: '2025-09-01',
      gatewayApprovedOn: '2026-01-05',
      epaStart: '2026-01-05',
      epaEnd: '2026-04-05',
      extraTimePercent: 0,
      updatedAt: new Date('2026-01-05T12:00:00Z'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return record.id;
}
