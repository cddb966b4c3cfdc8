// Releasing a result: when every method is graded and moderated, the overall grade from
// the engine (capped where it must be), with feedback for a fail, to the apprentice,
// employer and provider; the policy's results deadline is kept with it.

import { type Actor, may } from '../domain/access/access.ts';
import { chargeFor } from '../domain/appeals/reassessment.ts';
import { heldByAppeal } from '../domain/appeals/steps.ts';
import { transition } from '../domain/lifecycle/record-lifecycle.ts';
import { malpracticeHold } from '../domain/quality/malpractice.ts';
import { planReattempt } from '../domain/reassessment/reattempt.ts';
import { releaseBlockers, resultsDue } from '../domain/results/release.ts';
import { resolve } from '../domain/standards/catalogue.ts';
import { appendAudit } from '../store/audit.ts';
import type { Db } from '../store/database.ts';
import { insertResult, lockReleasedResultOf, openAppealOfRecord, setRecordStatus } from '../store/repositories/appeals.repository.ts';
import { insertReattempt } from '../store/repositories/reattempts.repository.ts';
import {
  epaRecordRow,
  firstAttemptEnd,
  lockRecordForRelease,
  provisionalGradeOf,
  releasedResultOf,
  releaseHolds,
  standingResult,
  submittedAfter,
  supersedeReleased,
} from '../store/repositories/results-release.repository.ts';
import { inTransaction } from '../store/transaction.ts';
import { hasExceptionalCircumstances } from './assessments.ts';
import { type AppContext, today } from './context.ts';
import { AppError, badRequest, conflict, forbidden, notFound, refused } from './errors.ts';
import { gradeRecord, latestAssessments } from './grading.ts';
import { resultReleasedMail } from './record-mail.ts';
import { assertCanSee } from './records.ts';

function resolved(ctx: AppContext, standard: string, policy: string | null) {
  const r = resolve(ctx.catalogue, standard, policy);
  if (!r.ok) throw new Error(r.problem.message);
  return r.value;
}

/** Where a record stands: each method's latest grade and moderation, and what blocks release. */
export async function resultStatus(ctx: AppContext, actor: Actor, recordId: string) {
  await assertCanSee(ctx, actor, recordId);
  const record = await epaRecordRow(ctx.db, recordId);
  if (!record) throw notFound(`EPA record ${recordId}`);
  const { index, policy } = resolved(ctx, record.standard, record.policy);
  const latest = await latestAssessments(ctx.db, recordId);
  const blockers = releaseBlockers(
    index.standard,
    [...latest.values()].map((a) => ({ method: a.method, submitted: true, moderation: (a.moderationStatus ?? 'pending') as 'pending' })),
  );
  const finals = [...latest.values()].map((a) => (a.endedAt ? new Date(a.endedAt).toISOString().slice(0, 10) : null)).filter((d): d is string => d !== null);
  const finalAssessment = finals.sort().at(-1) ?? null;
  const due = finalAssessment && index.standard.methods.every((m) => latest.has(m.id)) ? resultsDue(policy, finalAssessment, ctx.holidays) : null;
  const released = await standingResult(ctx.db, recordId);
  // Provisional grades are EPAO business until released: others see only the released result.
  const staff = actor.role === 'epao-admin' || actor.role === 'iqa';
  const held = staff ? malpracticeHold((await releaseHolds(ctx.db, recordId)).openCaseId ?? null) : null;
  return {
    recordId,
    blockers: staff ? [...blockers, ...(held ? [held] : [])] : [],
    due,
    methods: staff ? [...latest.values()].map((a) => ({ method: a.method, attempt: a.attempt, moderation: a.moderationStatus, assessmentId: a.id })) : [],
    result: released ?? null,
  };
}

/** The released result when nothing has been submitted since it: releasing again would change nothing. */
export async function releasedAndUnchanged(db: Db, recordId: string) {
  const current = await releasedResultOf(db, recordId);
  if (!current) return null;
  return (await submittedAfter(db, recordId, current.createdAt)) ? null : current;
}

export async function releaseResult(ctx: AppContext, actor: Actor, recordId: string, input: { feedback?: string }) {
  if (!may(actor, 'result.release')) throw forbidden('results are released by the EPAO');
  await assertCanSee(ctx, actor, recordId);
  const record = await epaRecordRow(ctx.db, recordId);
  if (!record) throw notFound(`EPA record ${recordId}`);
  const releasable = transition(record.status, 'release-fail');
  if (!releasable.ok) throw conflict(releasable.code, releasable.message);
  // A result under a malpractice case stays where it is until the case is decided.
  const holds = await releaseHolds(ctx.db, recordId);
  const held = malpracticeHold(holds.openCaseId ?? null);
  if (held) throw new AppError(422, held.code, held.message, { caseId: holds.openCaseId });
  if (holds.suspendedResultId) throw conflict('RESULT_SUSPENDED', 'the current result is suspended', { resultId: holds.suspendedResultId });
  const { index, policy } = resolved(ctx, record.standard, record.policy);
  return inTransaction(ctx.db, async (trx) => {
    // The record locked: two releases at once are checked one after the other.
    await lockRecordForRelease(trx, recordId);
    const latest = await latestAssessments(trx, recordId);
    const blockers = releaseBlockers(
      index.standard,
      index.standard.methods.map((m) => {
        const a = latest.get(m.id);
        return { method: m.id, submitted: a !== undefined, moderation: (a?.moderationStatus ?? 'pending') as 'pending' };
      }),
    );
    if (blockers.length > 0) throw refused(blockers[0]?.code as string, blockers.map((b) => b.message).join('; '), blockers);
    const current = await releasedAndUnchanged(trx, recordId);
    if (current) throw conflict('ALREADY_RELEASED', 'this result is already released; nothing has been assessed since', { resultId: current.id });
    const grades = gradeRecord(index, latest, record.channel ?? undefined, await hasExceptionalCircumstances(trx, recordId));
    if (grades.overall === 'incomplete') throw refused('METHOD_NOT_GRADED', 'not every method is graded', []);
    if (grades.overall === 'fail' && !input.feedback) throw new AppError(422, 'FEEDBACK_REQUIRED', 'a fail is released with feedback on what to develop');
    const finalAssessment = [...latest.values()]
      .map((a) => new Date(a.endedAt as string).toISOString().slice(0, 10))
      .sort()
      .at(-1) as string;
    const due = resultsDue(policy, finalAssessment, ctx.holidays);
    // A re-sat method's new result replaces the one before it.
    await supersedeReleased(trx, recordId);
    const result = await insertResult(trx, {
      epaRecordId: recordId,
      overall: grades.overall as 'fail' | 'pass' | 'distinction',
      capped: grades.capped,
      methodGrades: JSON.stringify(grades.grades),
      feedback: input.feedback ?? null,
      finalAssessmentOn: finalAssessment,
      dueOn: due?.due ?? null,
      releasedOn: today(ctx),
      releasedBy: actor.userId,
      status: 'released',
      // The same clock as the assessments' submission times, which the next release compares with.
      createdAt: ctx.now(),
    });
    const released = transition(record.status, grades.overall === 'fail' ? 'release-fail' : 'release-pass');
    if (grades.overall !== 'fail' && released.ok) await setRecordStatus(trx, recordId, released.status, ctx.now());
    await appendAudit(trx, {
      actorId: actor.userId,
      actor: actor.name,
      action: 'release',
      entity: 'result',
      entityId: result.id,
      after: { recordId, overall: grades.overall, capped: grades.capped, grades: grades.grades },
    });
    await resultReleasedMail(trx, recordId, result.releasedOn, result.id);
    return { ...result, late: due !== null && result.releasedOn > due.due, dueSource: due?.source ?? null };
  });
}

/** A failed method's re-sit or re-take, linked to the failed attempt. */
export async function requestReattempt(
  ctx: AppContext,
  actor: Actor,
  recordId: string,
  input: {
    method: string;
    kind: 'resit' | 're-take';
    plannedOn: string;
    exceptionalCircumstances: boolean;
    exceptionalReason?: string;
    appealOverride?: string;
  },
) {
  if (!may(actor, 'booking.manage')) throw forbidden('re-sits and re-takes are arranged by the EPAO');
  await assertCanSee(ctx, actor, recordId);
  const record = await epaRecordRow(ctx.db, recordId);
  if (!record) throw notFound(`EPA record ${recordId}`);
  const { index, policy } = resolved(ctx, record.standard, record.policy);
  if (!index.methods.has(input.method)) throw badRequest('UNKNOWN_METHOD', `${record.standard} has no method "${input.method}"`);
  if (input.exceptionalCircumstances && !input.exceptionalReason)
    throw new AppError(422, 'REASON_REQUIRED', 'record the exceptional circumstances that account for the fail');
  const latest = (await latestAssessments(ctx.db, recordId)).get(input.method);
  if (!latest) throw conflict('NO_ATTEMPT', `the ${input.method} has not been assessed yet`);
  // A grade counts once moderated (001 §8): the IQA may yet change a provisional fail.
  if (latest.moderationStatus === 'pending' || latest.moderationStatus === null)
    throw new AppError(422, 'MODERATION_PENDING', `the ${input.method}'s grade awaits its moderation decision`);
  const grade =
    latest.moderationStatus === 'changed' && latest.moderatedGrade ? latest.moderatedGrade : ((await provisionalGradeOf(ctx.db, latest.id)) ?? 'fail');
  const firstEnded = await firstAttemptEnd(ctx.db, recordId, input.method);
  const firstFailedOn = new Date((firstEnded ?? latest.endedAt) as string).toISOString().slice(0, 10);
  const { findings, plan } = planReattempt(index.standard, policy, {
    method: input.method,
    kind: input.kind,
    latestGrade: grade,
    latestAttempt: latest.attempt,
    firstFailedOn,
    plannedOn: input.plannedOn,
  });
  if (findings.length > 0) throw refused(findings[0]?.code as string, findings.map((f) => f.message).join('; '), findings);
  // A re-take means further learning and gateway again; a re-sit keeps the EPA going (the record's lifecycle).
  const next = transition(record.status, plan.needsGateway ? 'arrange-retake' : 'arrange-resit');
  if (!next.ok) throw conflict(next.code, next.message);
  return inTransaction(ctx.db, async (trx) => {
    // Checked with the result locked: an appeal lodged meanwhile is seen, or waits for this.
    await lockReleasedResultOf(trx, recordId);
    const held = heldByAppeal((await openAppealOfRecord(trx, recordId)) ?? null, 'resit', input.appealOverride ?? null);
    if (held) throw refused(held.code, held.message, [held]);
    const created = await insertReattempt(trx, {
      epaRecordId: recordId,
      method: input.method,
      kind: input.kind,
      attempt: plan.attempt,
      previousAssessmentId: latest.id,
      exceptionalCircumstances: input.exceptionalCircumstances,
      exceptionalReason: input.exceptionalReason ?? null,
      plannedOn: input.plannedOn,
      windowEnds: plan.windowEnds,
      requestedBy: actor.userId,
      charge: chargeFor(input.kind),
    }).catch((error: { code?: string }) => {
      if (error?.code === '23505') throw conflict('REATTEMPT_EXISTS', `a ${input.method} re-attempt is already arranged`);
      throw error;
    });
    if (next.status !== record.status) await setRecordStatus(trx, recordId, next.status, ctx.now());
    await appendAudit(trx, {
      actorId: actor.userId,
      actor: actor.name,
      action: input.kind,
      entity: 'reattempt',
      entityId: created?.id as string,
      after: { recordId, ...input, plan },
    });
    return { ...created, plan };
  });
}
