// An appeal upheld because the assessment itself was unsound: the result is set aside and
// the methods named are arranged to be assessed again, at no charge and not as a re-sit or
// re-take (domain/appeals/reassessment.ts). The new attempts are booked, assessed, moderated
// and released as any other; their grades are not capped.
import type { Actor } from '../domain/access/access.ts';
import { chargeFor, REASSESSMENT_SOURCE, reassessmentRefusal } from '../domain/appeals/reassessment.ts';
import { type RecordStatus, transition } from '../domain/lifecycle/record-lifecycle.ts';
import { appendAudit } from '../store/audit.ts';
import type { Db } from '../store/database.ts';
import {
  type AppealRow,
  lockRecordRow,
  type ResultRow,
  recordAppealDecision,
  setRecordStatus,
  supersedeResult,
} from '../store/repositories/appeals.repository.ts';
import { certificateOfResult } from '../store/repositories/certificates.repository.ts';
import { becomeReassessment, insertReattempt, unusedReattempt } from '../store/repositories/reattempts.repository.ts';
import { notReleased } from './certificates.ts';
import type { AppContext } from './context.ts';
import { badRequest, conflict, refused } from './errors.ts';
import { type AssessmentFacts, latestAssessments } from './grading.ts';

/** The methods to be assessed again (with their names), each one's arranged attempt, and the charge: none. */
export type Reassessment = { methods: string[]; methodNames: string[]; charge: 'none'; reattemptIds: string[]; source: string };

/** Sets the result aside and arranges each method's new attempt, within the appeal's decision. */
export async function orderReassessment(
  ctx: AppContext,
  trx: Db,
  actor: Actor,
  appeal: AppealRow,
  result: ResultRow,
  input: { reason: string; reassess: string[] },
  decidedOn: string,
): Promise<{ superseded: Omit<ResultRow, 'status'> & { status: 'superseded' }; reassessment: Reassessment }> {
  if (result.status !== 'released') throw notReleased(result);
  const record = await lockRecordRow(trx, appeal.epaRecordId);
  const methods = [...new Set(input.reassess)];
  const standard = ctx.catalogue.standards.get(record.standard)?.standard;
  const standardMethods = standard?.methods.map((m) => m.id) ?? [];
  // The assessments the result graded: the latest submitted attempt of each method.
  const latest = await latestAssessments(trx, record.id, undefined, result.createdAt);
  const problem = reassessmentRefusal(standardMethods, new Set(latest.keys()), methods);
  if (problem?.code === 'UNKNOWN_METHOD') throw badRequest(problem.code, problem.message, { methods: problem.methods });
  if (problem) throw refused(problem.code, problem.message, [problem]);
  if (await certificateOfResult(trx, result.id))
    throw conflict('CERTIFICATE_EXISTS', 'a certificate was already claimed for this result: it cannot be set aside for a re-assessment');
  const next = transition(record.status, 'order-reassessment');
  if (!next.ok) throw conflict(next.code, next.message);

  await supersedeResult(trx, result.id);
  const reattemptIds = await arrangeReassessments(trx, actor, appeal, latest, methods, decidedOn);
  const decision = { outcome: 'upheld', remedy: 'reassessment', reason: input.reason, reassess: methods, supersededResultId: result.id, charge: 'none' };
  await recordAppealDecision(trx, appeal.id, { status: 'upheld', decidedBy: actor.userId, decidedOn, decision });
  const by = { actorId: actor.userId, actor: actor.name };
  await appendAudit(trx, {
    ...by,
    action: 'uphold',
    entity: 'appeal',
    entityId: appeal.id,
    before: { status: 'lodged', resultId: result.id, overall: result.overall, grades: result.methodGrades },
    after: { status: 'upheld', decidedOn, reason: input.reason, remedy: 'reassessment', reassess: methods, charge: 'none', reattemptIds },
  });
  await appendAudit(trx, {
    ...by,
    action: 'set-aside',
    entity: 'result',
    entityId: result.id,
    before: { status: 'released', overall: result.overall, grades: result.methodGrades },
    after: { status: 'superseded', appealId: appeal.id, reassess: methods },
  });
  await moveRecordOnAppeal(ctx, trx, by, record, next.status, appeal.id);
  return {
    superseded: { ...result, status: 'superseded' as const },
    reassessment: {
      methods,
      methodNames: methods.map((id) => standard?.methods.find((m) => m.id === id)?.name ?? id),
      charge: 'none',
      reattemptIds,
      source: REASSESSMENT_SOURCE,
    },
  };
}

/** Each method's new attempt, arranged as the flawed attempt's successor: no charge, no re-sit window. */
async function arrangeReassessments(
  trx: Db,
  actor: Actor,
  appeal: AppealRow,
  latest: Awaited<ReturnType<typeof latestAssessments>>,
  methods: readonly string[],
  decidedOn: string,
): Promise<string[]> {
  const reattemptIds: string[] = [];
  for (const method of methods) {
    const flawed = latest.get(method) as AssessmentFacts;
    // A re-sit or re-take already arranged for the method becomes the re-assessment (its booking, if any, with it): now at no charge, uncapped.
    const open = await unusedReattempt(trx, appeal.epaRecordId, method);
    if (open) {
      await becomeReassessment(trx, open.id, appeal.id);
      await appendAudit(trx, {
        actorId: actor.userId,
        actor: actor.name,
        action: 'update',
        entity: 'reattempt',
        entityId: open.id,
        before: { kind: open.kind, charge: open.charge, windowEnds: open.windowEnds },
        after: { kind: 'appeal-reassessment', charge: 'none', windowEnds: null, appealId: appeal.id },
      });
      reattemptIds.push(open.id);
      continue;
    }
    const created = await insertReattempt(trx, {
      epaRecordId: appeal.epaRecordId,
      method,
      kind: 'appeal-reassessment',
      attempt: flawed.attempt + 1,
      previousAssessmentId: flawed.id,
      plannedOn: decidedOn,
      // No re-sit window: the EPAO puts right its own failure, whenever it can be booked.
      windowEnds: null,
      requestedBy: actor.userId,
      exceptionalReason: null,
      charge: chargeFor('appeal-reassessment'),
      appealId: appeal.id,
    });
    reattemptIds.push(created?.id as string);
  }
  return reattemptIds;
}

/** The record's status as the appeal's decision leaves it (reopened for a re-assessment, or completed by a pass), audited; nothing when it stays. */
export async function moveRecordOnAppeal(
  ctx: AppContext,
  trx: Db,
  by: { actorId: string; actor: string },
  record: { id: string; status: RecordStatus; version: number },
  status: RecordStatus,
  appealId: string,
): Promise<void> {
  if (status === record.status) return;
  await setRecordStatus(trx, record.id, status, ctx.now());
  await appendAudit(trx, {
    ...by,
    action: 'update',
    entity: 'epa-record',
    entityId: record.id,
    before: { status: record.status, version: record.version },
    after: { status, appealId },
  });
}
