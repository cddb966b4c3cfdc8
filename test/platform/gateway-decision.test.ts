// The EPAO's gateway decision on a submission the engine found not eligible (one stored
// before a rule changed, or imported): it can be rejected with reasons, never approved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/app/errors.ts';
import { decideGateway } from '../../src/app/gateway.ts';
import type { Actor } from '../../src/domain/access/access.ts';
import { createTestApp, ENGINES, type TestApp } from './harness.ts';

describe.each(ENGINES)('deciding gateway (%s)', (engine) => {
  let t: TestApp;
  let admin: Actor;
  let uln = 0;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const user = await t.user('epao-admin');
    const row = await t.ctx.db.selectFrom('users').select(['id', 'name', 'organisationId']).where('id', '=', user.id).executeTakeFirstOrThrow();
    admin = { userId: row.id, role: 'epao-admin', organisationId: row.organisationId, apprenticeId: null, assessorId: null, name: row.name };
  }, 30_000);
  afterAll(() => t.close());

  /** A record at gateway-submitted whose stored outcome says what `eligible` says. */
  async function submitted(eligible: boolean): Promise<{ recordId: string; submissionId: string }> {
    const providerId = await t.organisation('provider');
    const employerId = await t.organisation('employer');
    const number = String(1_300_000_000 + ++uln);
    const apprentice = await t.ctx.db
      .insertInto('apprentices')
      .values({ uln: number, givenNames: 'Alan', familyName: `Turing ${uln}`, dateOfBirth: '2004-05-06', email: null, providerId, employerId })
      .returning('id')
      .executeTakeFirstOrThrow();
    const record = await t.ctx.db
      .insertInto('epaRecords')
      .values({
        apprenticeId: apprentice.id,
        uln: number,
        standard: 'ST0071@1.2',
        standardCode: 'ST0071',
        policy: null,
        status: 'gateway-submitted',
        startDate: '2024-09-02',
        registeredOn: '2025-09-01',
        channel: null,
        extraTimePercent: 0,
        adjustments: null,
        updatedAt: new Date('2026-01-05T12:00:00Z'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const failure = { code: 'DECLARATION_MISSING', message: 'the gateway declaration of the employer is missing', source: '001 §4' };
    const submission = await t.ctx.db
      .insertInto('gatewaySubmissions')
      .values({
        epaRecordId: record.id,
        submittedBy: null,
        submittedOn: '2026-01-05',
        request: JSON.stringify({}),
        outcome: JSON.stringify({ eligible, failures: eligible ? [] : [failure], warnings: [], evidence: {} }),
        status: 'submitted',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { recordId: record.id, submissionId: submission.id };
  }

  async function refusal(run: () => Promise<unknown>): Promise<AppError> {
    try {
      await run();
    } catch (error) {
      if (error instanceof AppError) return error;
      throw error;
    }
    throw new Error('expected a refusal');
  }

  it('refuses to approve a submission the engine found not eligible, with the engine’s failures; rejecting it works', async () => {
    const { recordId, submissionId } = await submitted(false);
    const refused = await refusal(() => decideGateway(t.ctx, admin, submissionId, { decision: 'approve' }));
    expect([refused.status, refused.code]).toEqual([422, 'GATEWAY_NOT_ELIGIBLE']);
    expect(refused.details.findings).toEqual([expect.objectContaining({ code: 'DECLARATION_MISSING', source: '001 §4' })]);
    const record = await t.ctx.db.selectFrom('epaRecords').select(['status', 'version']).where('id', '=', recordId).executeTakeFirstOrThrow();
    expect(record).toEqual({ status: 'gateway-submitted', version: 1 });

    const noReason = await refusal(() => decideGateway(t.ctx, admin, submissionId, { decision: 'reject', reasons: [] }));
    expect(noReason.code).toBe('REASONS_REQUIRED');
    const rejected = await decideGateway(t.ctx, admin, submissionId, { decision: 'reject', reasons: ['The employer has not signed the declaration.'] });
    expect(rejected).toMatchObject({ status: 'rejected', reasons: ['The employer has not signed the declaration.'], record: { status: 'gateway-rejected' } });
  });

  it('refuses to decide a gateway whose apprentice was withdrawn while it waited, leaving the record withdrawn', async () => {
    const { recordId, submissionId } = await submitted(true);
    await t.ctx.db.updateTable('epaRecords').set({ status: 'withdrawn', withdrawnOn: '2026-01-06' }).where('id', '=', recordId).execute();
    for (const decision of [{ decision: 'approve' as const }, { decision: 'reject' as const, reasons: ['Too late.'] }]) {
      const refused = await refusal(() => decideGateway(t.ctx, admin, submissionId, decision));
      expect([refused.status, refused.code]).toEqual([409, 'RECORD_WITHDRAWN']);
    }
    const record = await t.ctx.db.selectFrom('epaRecords').select(['status', 'gatewayApprovedOn']).where('id', '=', recordId).executeTakeFirstOrThrow();
    expect(record).toEqual({ status: 'withdrawn', gatewayApprovedOn: null });
  });

  it('approves an eligible submission', async () => {
    const { submissionId } = await submitted(true);
    const approved = await decideGateway(t.ctx, admin, submissionId, { decision: 'approve' });
    expect(approved).toMatchObject({ status: 'approved', record: { status: 'gateway-approved' } });
  });
});
