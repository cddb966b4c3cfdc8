// What the pages show of a result: where it stands (each method's grade, moderation, whether
// it may be released) and, for a fail, the feedback report: the pass criteria not met, the
// feedback, and what the apprentice can do next. Read-only; the rules are the domain's
// (release blockers, the grading engine, re-sit and re-take plans, the appeal window).
import type { Actor } from '../domain/access/access.ts';
import { appealDeadline } from '../domain/appeals/window.ts';
import { planReattempt } from '../domain/reassessment/reattempt.ts';
import { resolve } from '../domain/standards/catalogue.ts';
import type { Db } from '../store/database.ts';
import {
  appealsOfResult,
  arrangedReattempts,
  firstAttempts,
  latestResult,
  type ResultRow,
  recordWithApprentice,
} from '../store/repositories/results.repository.ts';
import type { Grade } from '../store/schema.ts';
import { hasExceptionalCircumstances } from './assessments.ts';
import { notReleased } from './certificates.ts';
import { type AppContext, today } from './context.ts';
import { appealWindow } from './epao-settings.ts';
import { conflict, notFound } from './errors.ts';
import { gradeRecord, latestAssessments } from './grading.ts';
import { assertCanSee } from './records.ts';
import { releasedAndUnchanged, resultStatus } from './results.ts';

const isStaff = (actor: Actor) => actor.role === 'epao-admin' || actor.role === 'iqa';

async function recordRow(db: Db, recordId: string) {
  const row = await recordWithApprentice(db, recordId);
  if (!row) throw notFound(`EPA record ${recordId}`);
  return row;
}

function resolved(ctx: AppContext, standard: string, policy: string | null) {
  const r = resolve(ctx.catalogue, standard, policy);
  if (!r.ok) throw new Error(r.problem.message);
  return r.value;
}

const appealsOf = appealsOfResult;

export type ResultOverview = Awaited<ReturnType<typeof resultOverview>>;

/**
 * The result as the actor may see it: the released (or suspended, cancelled) result, and for
 * the EPAO's staff the grades so far and whether the result may be released now.
 */
export async function resultOverview(ctx: AppContext, actor: Actor, recordId: string) {
  const status = await resultStatus(ctx, actor, recordId);
  const record = await recordRow(ctx.db, recordId);
  const { index } = resolved(ctx, record.standard, record.policy);
  const staff = isStaff(actor);
  let provisional: { grades: Record<string, Grade>; overall: string; capped: boolean } | null = null;
  if (staff) {
    const latest = await latestAssessments(ctx.db, recordId);
    if (latest.size > 0) {
      const g = gradeRecord(index, latest, record.channel ?? undefined, await hasExceptionalCircumstances(ctx.db, recordId));
      provisional = { grades: g.grades, overall: g.overall, capped: g.capped };
    }
  }
  const result = status.result;
  const methods = index.standard.methods.map((m) => {
    const assessed = status.methods.find((a) => a.method === m.id);
    return {
      id: m.id,
      name: m.name,
      grade: result?.methodGrades[m.id] ?? null,
      provisionalGrade: provisional?.grades[m.id] ?? null,
      attempt: assessed?.attempt ?? null,
      moderation: assessed?.moderation ?? null,
      assessmentId: assessed?.assessmentId ?? null,
    };
  });
  const unchanged = staff ? await releasedAndUnchanged(ctx.db, recordId) : null;
  return {
    ...status,
    staff,
    methods,
    provisional,
    awaitingModeration: status.blockers.some((b) => b.code === 'MODERATION_PENDING'),
    /** Nothing new to release: the released result already covers every submitted assessment. */
    alreadyReleased: unchanged !== null,
    releasable: staff && status.blockers.length === 0 && unchanged === null && record.status !== 'withdrawn' && result?.status !== 'suspended',
    appeals: result ? await appealsOf(ctx.db, result.id) : [],
    /** Until when the released result may be appealed, and whether it still may be today. */
    appealWindow: result?.status === 'released' ? appealWindowOf(ctx, result.releasedOn) : null,
  };
}

function appealWindowOf(ctx: AppContext, releasedOn: string) {
  const window = appealWindow();
  const deadline = appealDeadline(releasedOn, window, ctx.holidays);
  return { deadline, workingDays: window.workingDays, open: today(ctx) <= deadline };
}

const isoDate = (value: Date | string | null) => (value ? new Date(value).toISOString().slice(0, 10) : null);

/** How an arranged attempt is named to the apprentice: an appeal's re-assessment is not a re-sit, and costs nothing. */
const ARRANGED_AS = { resit: 're-sit', 're-take': 're-take', 'appeal-reassessment': 're-assessment, ordered on appeal at no charge,' } as const;

type FeedbackFacts = {
  method: { id: string; name: string };
  result: ResultRow;
  latest: Awaited<ReturnType<typeof latestAssessments>>;
  graded: ReturnType<typeof gradeRecord>;
  index: ReturnType<typeof resolved>['index'];
  policy: ReturnType<typeof resolved>['policy'];
  firsts: { method: string; endedAt: Date | string | null }[];
  on: string;
};

/** One method of a failed result: its pass criteria not met, with the assessor's notes, and what can happen next. */
function methodFeedback({ method: m, result, latest, graded, index, policy, firsts, on }: FeedbackFacts) {
  const grade = result.methodGrades[m.id] ?? null;
  const facts = latest.get(m.id);
  const failed = grade === 'fail';
  const unmet = failed
    ? (graded.methods[m.id]?.unmetPass ?? []).map((id) => {
        // A carried-over criterion may have been judged in another method's session.
        const judged = [...latest.values()].map((a) => a.judgements[id]).find((j) => j !== undefined);
        const criterion = index.criteria.get(id)?.criterion;
        return {
          id,
          statement: criterion?.statement ?? id,
          ksbs: criterion?.ksbs ?? [],
          judgement: judged?.judgement ?? null,
          note: judged?.note ?? null,
        };
      })
    : [];
  const firstFailedOn = isoDate(firsts.find((a) => a.method === m.id)?.endedAt ?? null) ?? isoDate(facts?.endedAt ?? null) ?? result.finalAssessmentOn;
  const plan = (kind: 'resit' | 're-take') =>
    planReattempt(index.standard, policy, {
      method: m.id,
      kind,
      latestGrade: 'fail',
      latestAttempt: facts?.attempt ?? 1,
      firstFailedOn,
      plannedOn: on,
    });
  const resit = failed ? plan('resit') : null;
  const retake = failed ? plan('re-take') : null;
  return {
    id: m.id,
    name: m.name,
    grade,
    attempt: facts?.attempt ?? null,
    unmet,
    /** The IQA changed the grade at moderation: the reason stands beside the criteria. */
    moderationReason: facts?.moderationStatus === 'changed' ? facts.moderationReason : null,
    next:
      resit && retake
        ? {
            attempt: resit.plan.attempt,
            cap: resit.plan.cap,
            windowEnds: resit.plan.windowEnds,
            windowPassed: resit.findings.some((f) => f.code === 'REASSESSMENT_WINDOW_PASSED'),
            retakeNeedsGateway: retake.plan.needsGateway,
            requirements: resit.plan.requirements,
          }
        : null,
  };
}

/**
 * The feedback report of a released fail, for those who may see the record: each failed
 * method's pass criteria not met (the grading engine's), with the assessor's note, the
 * EPAO's feedback, and what can happen next (re-sit, re-take, appeal).
 */
export async function feedbackReport(ctx: AppContext, actor: Actor, recordId: string) {
  await assertCanSee(ctx, actor, recordId);
  const record = await recordRow(ctx.db, recordId);
  const result = await latestResult(ctx.db, recordId);
  if (!result) throw notFound(`a released result for EPA record ${recordId}`);
  if (result.status !== 'released') throw notReleased(result);
  if (result.overall !== 'fail') throw conflict('NOT_A_FAIL', `the result is a ${result.overall}: a feedback report is written for a fail`);
  const { index, policy } = resolved(ctx, record.standard, record.policy);
  const latest = await latestAssessments(ctx.db, recordId, undefined, result.createdAt);
  const graded = gradeRecord(index, latest, record.channel ?? undefined, await hasExceptionalCircumstances(ctx.db, recordId));
  const on = today(ctx);
  const firsts = await firstAttempts(ctx.db, recordId);
  const methods = index.standard.methods.map((m) => methodFeedback({ method: m, result, latest, graded, index, policy, firsts, on }));
  const arranged = await arrangedReattempts(ctx.db, recordId);
  const window = appealWindow();
  const r = index.standard.reassessment;
  return {
    record: {
      id: record.id,
      givenNames: record.givenNames,
      familyName: record.familyName,
      uln: record.uln,
      standard: record.standard,
    },
    result: { overall: result.overall, capped: result.capped, releasedOn: result.releasedOn, feedback: result.feedback },
    methods,
    arranged: arranged.map((a) => ({ ...a, methodName: index.methods.get(a.method)?.name ?? a.method, kindText: ARRANGED_AS[a.kind] })),
    rules: {
      cap: { value: r.cap.value, source: r.cap.source },
      retakeNeedsGateway: { value: r.retakeNeedsGateway.value, source: r.retakeNeedsGateway.source },
      noRetakeToImprove: { value: r.noRetakeToImprove.value, source: r.noRetakeToImprove.source },
      attemptsLimit: { value: r.attemptsLimit.value, source: r.attemptsLimit.source },
    },
    appeal: { deadline: appealDeadline(result.releasedOn, window, ctx.holidays), workingDays: window.workingDays, lodged: await appealsOf(ctx.db, result.id) },
  };
}
