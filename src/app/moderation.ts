// The IQA's work: the queue of sampled assessments (each saying why it was sampled), a
// decision on each (agree, or change the grade with a reason), and the sign-off of an
// assessor's batch, which moderates the results that were not sampled.
import type { Actor } from '../domain/access/access.ts';
import { moderationConflict } from '../domain/quality/independence.ts';
import { appendAudit } from '../store/audit.ts';
import {
  assessmentForModeration,
  batchForSignOff,
  markBatchSignedOff,
  moderationOf,
  openBatches,
  recordModeration,
  sampledAwaitingModeration,
  undecidedSamples,
} from '../store/repositories/moderation.repository.ts';
import { inTransaction } from '../store/transaction.ts';
import { getAssessment } from './assessments.ts';
import type { AppContext } from './context.ts';
import { conflict, forbidden, notFound, refused } from './errors.ts';
import { isUuid } from './ids.ts';

const mayModerate = (actor: Actor) => actor.role === 'iqa' || actor.role === 'epao-admin';

export async function moderationQueue(ctx: AppContext, actor: Actor) {
  if (!mayModerate(actor)) throw forbidden();
  const sampled = await sampledAwaitingModeration(ctx.db);
  const batches = await openBatches(ctx.db);
  return {
    sampled: sampled.map((s) => ({ ...s, ownAssessment: s.assessorUserId === actor.userId })),
    batches: batches.map((b) => ({ ...b, ownBatch: b.assessorUserId === actor.userId })),
  };
}

/**
 * One sampled assessment as the IQA moderates it: the assessor's record, who assessed it,
 * whether this moderator may decide it (never their own assessment), and the decision once made.
 */
export async function moderationCase(ctx: AppContext, actor: Actor, assessmentId: string) {
  if (!mayModerate(actor)) throw forbidden();
  const assessment = await getAssessment(ctx, actor, assessmentId);
  const row = await moderationOf(ctx.db, assessment.id);
  return {
    assessment,
    standard: row.standard,
    assessorName: row.assessorName,
    submittedAt: row.submittedAt,
    conflict: moderationConflict(actor.userId, row.assessorUserId),
    awaiting: assessment.status === 'submitted' && assessment.moderationStatus === 'pending',
    decision: row.moderatedAt
      ? { status: assessment.moderationStatus, grade: row.moderatedGrade, reason: row.moderationReason, by: row.moderatorName, at: row.moderatedAt }
      : null,
  };
}

export async function moderate(
  ctx: AppContext,
  actor: Actor,
  assessmentId: string,
  input: { decision: 'agree' | 'change'; grade?: 'fail' | 'pass' | 'distinction'; reason?: string },
) {
  if (!mayModerate(actor)) throw forbidden();
  if (!isUuid(assessmentId)) throw notFound(`assessment ${assessmentId}`);
  const row = await assessmentForModeration(ctx.db, assessmentId);
  if (!row) throw notFound(`assessment ${assessmentId}`);
  const own = moderationConflict(actor.userId, row.assessorUserId);
  if (own) throw refused(own.code, own.message, [own]);
  if (row.status !== 'submitted' || row.moderationStatus !== 'pending')
    throw conflict('NOT_AWAITING_MODERATION', `this assessment is ${row.status === 'draft' ? 'still a draft' : `already ${row.moderationStatus}`}`);
  const changed = input.decision === 'change' && input.grade !== row.provisionalGrade;
  await inTransaction(ctx.db, async (trx) => {
    const recorded = await recordModeration(trx, assessmentId, {
      moderationStatus: changed ? 'changed' : 'agreed',
      moderatedBy: actor.userId,
      moderatedAt: ctx.now(),
      moderatedGrade: changed ? (input.grade ?? null) : row.provisionalGrade,
      moderationReason: input.reason ?? null,
    });
    if (!recorded) throw conflict('NOT_AWAITING_MODERATION', 'someone else moderated this assessment first');
    await appendAudit(trx, {
      actorId: actor.userId,
      actor: actor.name,
      action: changed ? 'moderate-change' : 'moderate-agree',
      entity: 'assessment',
      entityId: assessmentId,
      before: { grade: row.provisionalGrade },
      after: { grade: changed ? input.grade : row.provisionalGrade, reason: input.reason ?? null },
    });
  });
  return { id: assessmentId, moderationStatus: changed ? 'changed' : 'agreed', grade: changed ? input.grade : row.provisionalGrade };
}

/** Signs off an assessor's batch: its results that were not sampled are moderated by it. */
export async function signOffBatch(ctx: AppContext, actor: Actor, batchId: string) {
  if (!mayModerate(actor)) throw forbidden();
  if (!isUuid(batchId)) throw notFound(`batch ${batchId}`);
  const batch = await batchForSignOff(ctx.db, batchId);
  if (!batch) throw notFound(`batch ${batchId}`);
  const own = moderationConflict(actor.userId, batch.assessorUserId);
  if (own) throw refused(own.code, own.message, [own]);
  if (batch.signedOffAt) throw conflict('ALREADY_SIGNED_OFF', 'this batch is already signed off');
  return inTransaction(ctx.db, async (trx) => {
    const pending = await undecidedSamples(trx, batchId);
    if (pending.length > 0)
      throw conflict('SAMPLES_PENDING', `decide the batch's ${pending.length} sampled assessment(s) before signing it off`, { assessments: pending });
    const signed = await markBatchSignedOff(trx, batchId, actor.userId, ctx.now());
    await appendAudit(trx, {
      actorId: actor.userId,
      actor: actor.name,
      action: 'sign-off',
      entity: 'moderation-batch',
      entityId: batchId,
      after: { assessments: signed },
    });
    return { id: batchId, signedOff: signed.length };
  });
}
