// The assessor's record of a held assessment: opened from the booking, saved as it goes
// (a draft is never lost: every save is versioned and audited), then submitted, when the
// engine gives the provisional method grade and the IQA sampling decision is taken.
import type { Actor } from '../domain/access/access.ts';
import { notBeforeStart } from '../domain/assessment/not-before-start.ts';
import { checkSession } from '../domain/assessment/session-check.ts';
import { decideSample, samplingFor } from '../domain/quality/sampling.ts';
import type { StandardIndex } from '../domain/standards/catalogue.ts';
import type { Method } from '../domain/standards/schema.ts';
import { appendAudit } from '../store/audit.ts';
import type { Db } from '../store/database.ts';
import {
  type AssessmentRecord,
  assessmentRecord,
  assessmentsOfAssessor,
  assessorHistory,
  bookingToAssess,
  gradeAsGiven,
  insertDraft,
  markBookingHeld,
  markSubmitted,
  openBatchOf,
  regrade,
  saveDraftRow,
} from '../store/repositories/assessment-records.repository.ts';
import { exceptionalCircumstancesRecorded, markReattemptUsed, unusedReattempt } from '../store/repositories/reattempts.repository.ts';
import type { Judgements } from '../store/schema.ts';
import { inTransaction, type Tx } from '../store/transaction.ts';
import { type AssessmentView, criteriaToJudge, mayRead, standardOf, view } from './assessment-view.ts';
import type { AppContext } from './context.ts';
import { AppError, badRequest, conflict, forbidden, notFound, refused } from './errors.ts';
import { gradeRecord, latestAssessments } from './grading.ts';
import { isUuid } from './ids.ts';
import type { DraftRequest } from './inputs-assessment.ts';

export { type AssessmentView, criteriaToJudge } from './assessment-view.ts';

async function load(db: Db, id: string) {
  if (!isUuid(id)) return undefined;
  return assessmentRecord(db, id);
}
type Loaded = AssessmentRecord;

export async function getAssessment(ctx: AppContext, actor: Actor, id: string): Promise<AssessmentView> {
  const row = await load(ctx.db, id);
  if (!row || !mayRead(actor, row)) throw notFound(`assessment ${id}`);
  return view(ctx, row);
}

/** Opens (or returns) the assessment record for a booking; only its assessor opens it. */
export async function openAssessment(ctx: AppContext, actor: Actor, bookingId: string): Promise<AssessmentView> {
  if (!isUuid(bookingId)) throw notFound(`booking ${bookingId}`);
  const booking = await bookingToAssess(ctx.db, bookingId);
  if (!booking || (actor.role !== 'epao-admin' && actor.role !== 'iqa' && actor.assessorId !== booking.assessorId)) throw notFound(`booking ${bookingId}`);
  if (booking.assessmentId) return getAssessment(ctx, actor, booking.assessmentId);
  if (actor.assessorId !== booking.assessorId) throw forbidden('only the assessor booked for it records an assessment');
  if (booking.status !== 'booked') throw conflict('BOOKING_NOT_ACTIVE', `the booking is ${booking.status}`);
  const id = await inTransaction(ctx.db, async (trx) => {
    // A re-sit or re-take is linked to the attempt it follows.
    const reattempt = await unusedReattempt(trx, booking.epaRecordId, booking.method);
    const created = await insertDraft(trx, {
      bookingId,
      epaRecordId: booking.epaRecordId,
      method: booking.method,
      attempt: reattempt?.attempt ?? 1,
      previousAssessmentId: reattempt?.previousAssessmentId ?? null,
      assessorId: booking.assessorId,
    });
    if (reattempt) await markReattemptUsed(trx, reattempt.id, created);
    await appendAudit(trx, {
      actorId: actor.userId,
      actor: actor.name,
      action: 'open',
      entity: 'assessment',
      entityId: created,
      after: { bookingId, method: booking.method, attempt: reattempt?.attempt ?? 1 },
    });
    return created;
  });
  return getAssessment(ctx, actor, id);
}

function assertOwnDraft(actor: Actor, row: Loaded) {
  if (actor.userId !== row.assessorUserId) throw forbidden('only the assessor of this assessment records it');
  if (row.status !== 'draft') throw conflict('ALREADY_SUBMITTED', 'this assessment has been submitted and can no longer change');
}

/** The session is recorded as held: nothing is judged or submitted before the booked start. */
function assertStarted(ctx: AppContext, row: Loaded, method: Method) {
  const finding = notBeforeStart(row.bookingStartsAt, ctx.now(), method.name);
  if (finding) throw refused(finding.code, finding.message, [finding]);
}

/** Saves what the assessor has so far; a stale version gets 409 so two tabs never overwrite each other. */
export async function saveDraft(ctx: AppContext, actor: Actor, id: string, input: DraftRequest): Promise<AssessmentView> {
  const row = await load(ctx.db, id);
  if (!row || !mayRead(actor, row)) throw notFound(`assessment ${id}`);
  assertOwnDraft(actor, row);
  const { index } = standardOf(ctx, row);
  assertStarted(ctx, row, index.methods.get(row.method) as Method);
  const allowed = new Set(criteriaToJudge(index, index.methods.get(row.method) as Method, row.channel).map((c) => c.id));
  const judgements: Judgements = { ...row.judgements };
  for (const [criterion, value] of Object.entries(input.judgements ?? {})) {
    if (!allowed.has(criterion)) throw badRequest('UNKNOWN_CRITERION', `"${criterion}" is not a criterion judged in this ${row.method}`);
    if (value === null) delete judgements[criterion];
    else judgements[criterion] = value;
  }
  const startedAt = input.startedAt === undefined ? row.startedAt : input.startedAt;
  const endedAt = input.endedAt === undefined ? row.endedAt : input.endedAt;
  if (startedAt && endedAt && new Date(endedAt) <= new Date(startedAt)) throw badRequest('DATES_OUT_OF_ORDER', 'the assessment must end after it starts');
  await inTransaction(ctx.db, async (trx) => {
    const saved = await saveDraftRow(trx, id, input.version, {
      judgements,
      identityChecked: input.identityChecked ?? row.identityChecked,
      idDocument: input.idDocument === undefined ? row.idDocument : input.idDocument,
      startedAt,
      endedAt,
      questioningMinutes:
        input.questioningMinutes === undefined ? (row.questioningMinutes === null ? null : Number(row.questioningMinutes)) : input.questioningMinutes,
    });
    if (!saved) throw conflict('STALE_VERSION', `the assessment has changed since version ${input.version}: reload it`, { currentVersion: row.version });
    await appendAudit(trx, {
      actorId: actor.userId,
      actor: actor.name,
      action: 'save',
      entity: 'assessment',
      entityId: id,
      before: { judgements: row.judgements },
      after: input,
    });
  });
  return getAssessment(ctx, actor, id);
}

/** The session as recorded keeps the method's bounds and every criterion is judged; otherwise the submission is refused. */
function assertSubmittable(row: Loaded, index: StandardIndex, method: Method, policy: ReturnType<typeof standardOf>['policy']) {
  if (!row.startedAt || !row.endedAt) throw refused('SESSION_TIMES_MISSING', 'record when the assessment started and ended', []);
  const minutes = Math.round((new Date(row.endedAt).getTime() - new Date(row.startedAt).getTime()) / 6000) / 10;
  const findings = checkSession(
    method,
    {
      minutes,
      questioningMinutes: row.questioningMinutes === null ? null : Number(row.questioningMinutes),
      extraTimePercent: row.extraTimePercent,
      identityChecked: row.identityChecked,
      idDocument: row.idDocument,
      showcaseFormat: row.showcaseFormat,
    },
    policy?.acceptedIdDocuments?.value ?? null,
    policy?.acceptedIdDocuments?.source ?? null,
  );
  if (findings.length > 0) throw refused(findings[0]?.code as string, findings.map((f) => f.message).join('; '), findings);
  const unjudged = criteriaToJudge(index, method, row.channel)
    .filter((c) => c.carriedFrom === null && !row.judgements[c.id])
    .map((c) => c.id);
  if (unjudged.length > 0)
    throw refused('NOT_ALL_JUDGED', `every criterion needs a judgement (met, not met or not evidenced): ${unjudged.join(', ')}`, [], { criteria: unjudged });
}

/** Submits the record: the session is checked, every criterion judged, the grade given, the sample decided. */
export async function submitAssessment(ctx: AppContext, actor: Actor, id: string, version: number): Promise<AssessmentView> {
  const row = await load(ctx.db, id);
  if (!row || !mayRead(actor, row)) throw notFound(`assessment ${id}`);
  assertOwnDraft(actor, row);
  const { index, policy } = standardOf(ctx, row);
  const method = index.methods.get(row.method) as Method;
  assertStarted(ctx, row, method);
  assertSubmittable(row, index, method, policy);

  const exceptional = await hasExceptionalCircumstances(ctx.db, row.epaRecordId);
  const latest = await latestAssessments(ctx.db, row.epaRecordId, {
    id: row.id,
    method: row.method,
    attempt: row.attempt,
    judgements: row.judgements,
    moderationStatus: null,
    moderatedGrade: null,
    endedAt: row.endedAt,
    assessorUserId: row.assessorUserId,
  });
  const grades = gradeRecord(index, latest, row.channel ?? undefined, exceptional);
  const result = grades.methods[row.method];
  if (!result) throw new AppError(500, 'INTERNAL', 'the method was not graded');
  const sample = decideSample(row.id, result.grade, await assessorHistory(ctx.db, row.assessorId), await assessorHistory(ctx.db, null), samplingFor(policy));

  await inTransaction(ctx.db, async (trx) => {
    const submitted = await markSubmitted(trx, id, version, {
      submittedAt: ctx.now(),
      provisionalGrade: result.grade,
      gradeDetail: result,
      sampled: sample.sampled,
      sampleReasons: sample.reasons,
      sampleExplanation: sample.explanation,
      moderationBatchId: await openBatchOf(trx, row.assessorId),
    });
    if (!submitted) throw conflict('STALE_VERSION', `the assessment has changed since version ${version}: reload it`);
    await markBookingHeld(trx, row.bookingId);
    await appendAudit(trx, {
      actorId: actor.userId,
      actor: actor.name,
      action: 'submit',
      entity: 'assessment',
      entityId: id,
      after: { provisionalGrade: result.grade, detail: result, sampled: sample.sampled, sampleReasons: sample.reasons },
    });
    await regradeCarriedInto(trx, actor, row, latest, grades);
  });
  return getAssessment(ctx, actor, id);
}

/** Carry-over (ST0072): a method whose criteria were met in the submitted one is graded again. */
async function regradeCarriedInto(
  trx: Tx,
  actor: Actor,
  row: Loaded,
  latest: Awaited<ReturnType<typeof latestAssessments>>,
  grades: ReturnType<typeof gradeRecord>,
) {
  for (const [method, other] of latest) {
    if (method === row.method) continue;
    const regraded = grades.methods[method];
    if (!regraded) continue;
    const before = await gradeAsGiven(trx, other.id);
    if (JSON.stringify(before.gradeDetail) === JSON.stringify(regraded)) continue;
    // A grade the IQA has already moderated goes back to the IQA: nothing is released unseen (001 §8).
    const remoderate = before.moderationStatus !== 'pending' && before.provisionalGrade !== regraded.grade;
    await regrade(
      trx,
      other.id,
      { grade: regraded.grade, detail: regraded },
      remoderate ? { reasons: ['regraded'], explanation: `regraded by criteria carried into the ${row.method} after it was moderated: moderated again` } : null,
    );
    await appendAudit(trx, {
      actorId: actor.userId,
      actor: actor.name,
      action: 'regrade',
      entity: 'assessment',
      entityId: other.id,
      before,
      after: { provisionalGrade: regraded.grade, detail: regraded, because: row.id },
    });
  }
}

export async function hasExceptionalCircumstances(db: Db, recordId: string): Promise<boolean> {
  return exceptionalCircumstancesRecorded(db, recordId);
}

/** An assessor's own assessments (drafts and submitted). */
export async function listMyAssessments(ctx: AppContext, actor: Actor) {
  if (!actor.assessorId) return [];
  return assessmentsOfAssessor(ctx.db, actor.assessorId);
}
