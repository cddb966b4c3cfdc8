// Appeals against a released result. "In the event of an appeal against the grade awarded
// PAL will carry out a further review of the evidence to confirm or modify the grade"
// (004_f9b9047560044387.txt, Section 6); "Any appeals in relation to the outcome of the
// end-point assessment will be managed by the EPAO whose decision is final" (001 §8).
// The window, the decider's independence and the grade rules are the domain's.

import type { z } from 'zod';
import type { Actor } from '../domain/access/access.ts';
import { countedAttempt } from '../domain/appeals/reassessment.ts';
import { appealDeadlines, deciderConflict, decidesAppeal, reviewerConflict } from '../domain/appeals/steps.ts';
import { appealDeadline, appealInTime } from '../domain/appeals/window.ts';
import { combineMethodGrades } from '../domain/grading/combine.ts';
import { transition } from '../domain/lifecycle/record-lifecycle.ts';
import { resolve } from '../domain/standards/catalogue.ts';
import type { GradeT } from '../domain/standards/schema.ts';
import { appendAudit } from '../store/audit.ts';
import type { Db } from '../store/database.ts';
import {
  type AppealRow,
  insertAppeal,
  insertResult,
  latestAttempts,
  lockAppeal,
  lockRecordRow,
  lockResultOfRecord,
  lockResultRow,
  openAppealOf,
  type ResultRow,
  recordAppealDecision,
  supersedeResult,
} from '../store/repositories/appeals.repository.ts';
import { appealReassessmentAttempts } from '../store/repositories/reattempts.repository.ts';
import { inTransaction } from '../store/transaction.ts';
import { moveRecordOnAppeal, orderReassessment, type Reassessment } from './appeal-reassessment.ts';
import { decisionParties, mailStep } from './appeal-steps.ts';
import { hasExceptionalCircumstances } from './assessments.ts';
import { notReleased } from './certificates.ts';
import { type AppContext, today } from './context.ts';
import { appealTimings, appealWindow } from './epao-settings.ts';
import { AppError, badRequest, conflict, forbidden, notFound, refused } from './errors.ts';
import { isUuid } from './ids.ts';
import type { AppealDecisionInput, AppealInput } from './inputs-assessment.ts';
import { assertCanSee } from './records.ts';

export type AppealRequest = z.infer<typeof AppealInput>;
export type AppealDecisionRequest = z.infer<typeof AppealDecisionInput>;

/** The employer or provider "can enquire about the results" (004 Section 6); the apprentice and the EPAO may too. */
const MAY_LODGE = new Set(['provider', 'employer', 'apprentice', 'epao-admin']);

type Upheld = Extract<AppealDecisionRequest, { outcome: 'upheld' }> & { grades: Record<string, GradeT> };

export async function lodgeAppeal(ctx: AppContext, actor: Actor, recordId: string, input: AppealRequest) {
  if (!MAY_LODGE.has(actor.role)) throw forbidden('appeals are lodged by the apprentice, the employer, the provider or the EPAO');
  // A provider, employer or apprentice sees (and so appeals) only its own records.
  await assertCanSee(ctx, actor, recordId);
  const window = appealWindow();
  return inTransaction(ctx.db, async (trx) => {
    const result = await lockResultOfRecord(trx, input.resultId, recordId);
    if (!result) throw notFound(`result ${input.resultId} of EPA record ${recordId}`);
    if (result.status !== 'released') throw notReleased(result);
    const lodgedOn = today(ctx);
    const late = appealInTime(result.releasedOn, lodgedOn, window, ctx.holidays);
    if (late) throw refused(late.code, late.message, [late]);
    const open = await openAppealOf(trx, result.id);
    if (open) throw conflict('APPEAL_OPEN', 'an appeal against this result is already being considered', { appealId: open });
    const evidence = input.evidence ? input.evidence : null;
    const appeal = await insertAppeal(trx, { epaRecordId: recordId, resultId: result.id, lodgedOn, lodgedBy: actor.userId, grounds: input.grounds, evidence });
    await appendAudit(trx, {
      actorId: actor.userId,
      actor: actor.name,
      action: 'lodge',
      entity: 'appeal',
      entityId: appeal.id,
      after: { recordId, resultId: result.id, lodgedOn, grounds: input.grounds, evidence, windowWorkingDays: window.workingDays },
    });
    return {
      ...appeal,
      window: { ...window, deadline: appealDeadline(result.releasedOn, window, ctx.holidays) },
      deadlines: appealDeadlines(lodgedOn, appealTimings(), ctx.holidays),
    };
  });
}

export async function decideAppeal(ctx: AppContext, actor: Actor, appealId: string, input: AppealDecisionRequest) {
  if (!isUuid(appealId)) throw notFound(`appeal ${appealId}`);
  return inTransaction(ctx.db, async (trx) => {
    const appeal = await lockAppeal(trx, appealId);
    if (!appeal) throw notFound(`appeal ${appealId}`);
    if (!decidesAppeal(actor, appeal.reviewerId))
      throw forbidden(appeal.reviewerId ? 'the reviewer the EPAO gave this appeal to decides it' : 'appeals are decided by the EPAO (001 §8)');
    if (appeal.status !== 'lodged') throw conflict('APPEAL_DECIDED', `the appeal was already ${appeal.status}`);
    // A reviewer had no part in the assessment or its moderation; the EPAO deciding itself did not assess (domain/appeals/steps.ts).
    const parties = await decisionParties(trx, appeal.epaRecordId);
    const independence = appeal.reviewerId ? reviewerConflict(actor.userId, parties) : deciderConflict(actor.userId, parties.assessorUserIds);
    if (independence) throw refused(independence.code, independence.message, [independence]);
    const result = await lockResultRow(trx, appeal.resultId);
    const decidedOn = today(ctx);
    const decided: AppealDecided =
      input.outcome === 'rejected'
        ? await rejectAppeal(trx, actor, appeal, result, input.reason, decidedOn)
        : input.reassess
          ? {
              appealId: appeal.id,
              outcome: 'upheld',
              decidedOn,
              result: null,
              ...(await orderReassessment(ctx, trx, actor, appeal, result, { ...input, reassess: input.reassess }, decidedOn)),
            }
          : { ...(await upholdAppeal(ctx, trx, actor, appeal, result, { ...input, grades: input.grades ?? {} }, decidedOn)), reassessment: null };
    await mailStep(ctx, trx, appeal.id, 'decided', { outcome: outcomeWords(decided), reason: input.reason });
    return decided;
  });
}

type Superseded = Omit<ResultRow, 'status'> & { status: 'superseded' };

/** What the decision did: the result stands; or upheld, with the new result or the methods to be assessed again. */
export type AppealDecided =
  | { appealId: string; outcome: 'rejected'; decidedOn: string; result: ResultRow }
  | { appealId: string; outcome: 'upheld'; decidedOn: string; superseded: Superseded; result: ResultRow | null; reassessment: Reassessment | null };

/** The decision as the parties' e-mail says it. */
function outcomeWords(decided: AppealDecided): string {
  if (decided.outcome === 'rejected') return 'not upheld: the result stands';
  if (decided.result) return `upheld: the overall grade is now ${decided.result.overall}`;
  const names = (decided.reassessment?.methodNames ?? []).join(', ').toLowerCase();
  return `upheld: the result is set aside, and the ${names} will be assessed again at no charge`;
}

async function rejectAppeal(trx: Db, actor: Actor, appeal: AppealRow, result: ResultRow, reason: string, decidedOn: string) {
  const decision = { outcome: 'rejected', reason, resultId: result.id };
  await recordAppealDecision(trx, appeal.id, { status: 'rejected', decidedBy: actor.userId, decidedOn, decision });
  await appendAudit(trx, {
    actorId: actor.userId,
    actor: actor.name,
    action: 'reject',
    entity: 'appeal',
    entityId: appeal.id,
    before: { status: 'lodged' },
    after: { status: 'rejected', decidedOn, reason, grades: result.methodGrades, overall: result.overall },
  });
  return { appealId: appeal.id, outcome: 'rejected' as const, decidedOn, result };
}

/** Each method's latest attempt as the re-sit rules count it (domain/appeals/reassessment.ts countedAttempt). */
async function countedAttempts(trx: Db, recordId: string): Promise<Map<string, number>> {
  const [latest, reassessed] = await Promise.all([latestAttempts(trx, recordId), appealReassessmentAttempts(trx, recordId)]);
  return new Map([...latest].map(([method, attempt]) => [method, countedAttempt(method, attempt, reassessed)]));
}

/** The appeal's new grades over the old, combined as a release combines them (cap and re-sits included). */
async function regrade(ctx: AppContext, trx: Db, recordId: string, result: ResultRow, input: Upheld) {
  const record = await lockRecordRow(trx, recordId);
  const resolved = resolve(ctx.catalogue, record.standard, record.policy);
  if (!resolved.ok) throw new Error(resolved.problem.message);
  const standard = resolved.value.index.standard;
  const known = new Set(standard.methods.map((m) => m.id));
  const unknown = Object.keys(input.grades).filter((m) => !known.has(m));
  if (unknown.length > 0) throw badRequest('UNKNOWN_METHOD', `${standard.id} has no method ${unknown.join(', ')}`);
  const regraded = combineMethodGrades(
    standard.methods.map((m) => m.id),
    { ...result.methodGrades, ...input.grades },
    await countedAttempts(trx, record.id),
    (await hasExceptionalCircumstances(trx, record.id)) ? null : standard.reassessment.cap.value,
  );
  if (standard.methods.every((m) => regraded.grades[m.id] === result.methodGrades[m.id]) && regraded.overall === result.overall)
    throw new AppError(422, 'GRADES_UNCHANGED', 'an upheld appeal modifies a grade: an appeal that confirms the grades is rejected');
  if (regraded.overall === 'incomplete') throw new AppError(422, 'METHOD_NOT_GRADED', `not every method has a grade: ${regraded.missing.join(', ')}`);
  return { record, regraded, overall: regraded.overall };
}

async function upholdAppeal(ctx: AppContext, trx: Db, actor: Actor, appeal: AppealRow, result: ResultRow, input: Upheld, decidedOn: string) {
  // Upheld: the grades are modified (004 Section 6), so the result is re-released.
  if (result.status !== 'released') throw notReleased(result);
  const { record, regraded, overall } = await regrade(ctx, trx, appeal.epaRecordId, result, input);
  const appealId = appeal.id;
  const beforeGrades = result.methodGrades;
  // The old result is replaced first: one current result per record.
  await supersedeResult(trx, result.id);
  const replacement = await insertResult(trx, {
    epaRecordId: record.id,
    overall,
    capped: result.capped || regraded.capped,
    methodGrades: JSON.stringify(regraded.grades),
    feedback: overall === 'fail' ? (result.feedback ?? input.reason) : null,
    finalAssessmentOn: result.finalAssessmentOn,
    dueOn: result.dueOn,
    releasedOn: decidedOn,
    releasedBy: actor.userId,
    status: 'released',
  });
  const decision = { outcome: 'upheld', reason: input.reason, changed: input.grades, supersededResultId: result.id, resultId: replacement.id };
  await recordAppealDecision(trx, appealId, { status: 'upheld', decidedBy: actor.userId, decidedOn, decision });
  const by = { actorId: actor.userId, actor: actor.name };
  await appendAudit(trx, {
    ...by,
    action: 'uphold',
    entity: 'appeal',
    entityId: appealId,
    before: { status: 'lodged', resultId: result.id, overall: result.overall, grades: beforeGrades },
    after: { status: 'upheld', decidedOn, reason: input.reason, resultId: replacement.id, overall, grades: regraded.grades, capped: replacement.capped },
  });
  await appendAudit(trx, {
    ...by,
    action: 'release',
    entity: 'result',
    entityId: replacement.id,
    before: { resultId: result.id, overall: result.overall, grades: beforeGrades, status: 'released' },
    after: { recordId: record.id, overall, grades: regraded.grades, capped: replacement.capped, appealId, supersedes: result.id },
  });
  // A fail turned into a pass completes the EPA, as a release does (src/app/results.ts).
  const completes = transition(record.status, 'uphold-appeal-to-pass');
  if (overall !== 'fail' && completes.ok) await moveRecordOnAppeal(ctx, trx, by, record, completes.status, appealId);
  return { appealId, outcome: 'upheld' as const, decidedOn, superseded: { ...result, status: 'superseded' as const }, result: replacement };
}
