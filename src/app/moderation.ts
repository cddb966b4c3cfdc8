// The IQA's work: the queue of sampled assessments (each saying why it was sampled), a
// decision on each (agree, or change the grade with a reason), and the sign-off of an
// assessor's batch, which moderates the results that were not sampled.
import { sql } from 'kysely';
import type { Actor } from '../domain/access/access.ts';
import { moderationConflict } from '../domain/quality/independence.ts';
import { appendAudit } from '../store/audit.ts';
import { getAssessment } from './assessments.ts';
import type { AppContext } from './context.ts';
import { conflict, forbidden, notFound, refused } from './errors.ts';
import { isUuid } from './ids.ts';

const mayModerate = (actor: Actor) => actor.role === 'iqa' || actor.role === 'epao-admin';

export async function moderationQueue(ctx: AppContext, actor: Actor) {
  if (!mayModerate(actor)) throw forbidden();
  const sampled = await ctx.db
    .selectFrom('assessments')
    .innerJoin('assessors', 'assessors.id', 'assessments.assessorId')
    .innerJoin('users', 'users.id', 'assessors.userId')
    .innerJoin('epaRecords', 'epaRecords.id', 'assessments.epaRecordId')
    .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
    .select([
      'assessments.id',
      'assessments.method',
      'assessments.attempt',
      'assessments.provisionalGrade',
      'assessments.sampleReasons',
      'assessments.sampleExplanation',
      'assessments.submittedAt',
      'assessments.moderationBatchId',
      'epaRecords.id as recordId',
      'epaRecords.standard',
      'apprentices.givenNames',
      'apprentices.familyName',
      'users.name as assessorName',
      'users.id as assessorUserId',
    ])
    .where('assessments.moderationStatus', '=', 'pending')
    .where('assessments.sampled', '=', true)
    .orderBy('assessments.submittedAt')
    .execute();
  const batches = await ctx.db
    .selectFrom('moderationBatches')
    .innerJoin('assessors', 'assessors.id', 'moderationBatches.assessorId')
    .innerJoin('users', 'users.id', 'assessors.userId')
    .leftJoin('assessments', 'assessments.moderationBatchId', 'moderationBatches.id')
    .select([
      'moderationBatches.id',
      'moderationBatches.openedAt',
      'users.name as assessorName',
      'users.id as assessorUserId',
      (eb) => eb.fn.count<number>('assessments.id').as('assessments'),
      (eb) => eb.fn.sum<number>(sql`case when assessments.sampled and assessments.moderation_status = 'pending' then 1 else 0 end`).as('samplesPending'),
    ])
    .where('moderationBatches.signedOffAt', 'is', null)
    .groupBy(['moderationBatches.id', 'users.name', 'users.id'])
    .execute();
  return {
    sampled: sampled.map((s) => ({ ...s, ownAssessment: s.assessorUserId === actor.userId })),
    batches: batches.map((b) => ({
      ...b,
      assessments: Number(b.assessments),
      samplesPending: Number(b.samplesPending ?? 0),
      ownBatch: b.assessorUserId === actor.userId,
    })),
  };
}

/**
 * One sampled assessment as the IQA moderates it: the assessor's record, who assessed it,
 * whether this moderator may decide it (never their own assessment), and the decision once made.
 */
export async function moderationCase(ctx: AppContext, actor: Actor, assessmentId: string) {
  if (!mayModerate(actor)) throw forbidden();
  const assessment = await getAssessment(ctx, actor, assessmentId);
  const row = await ctx.db
    .selectFrom('assessments')
    .innerJoin('assessors', 'assessors.id', 'assessments.assessorId')
    .innerJoin('users as assessor', 'assessor.id', 'assessors.userId')
    .innerJoin('epaRecords', 'epaRecords.id', 'assessments.epaRecordId')
    .leftJoin('users as moderator', 'moderator.id', 'assessments.moderatedBy')
    .select([
      'assessor.name as assessorName',
      'assessors.userId as assessorUserId',
      'epaRecords.standard',
      'assessments.submittedAt',
      'assessments.moderatedAt',
      'assessments.moderatedGrade',
      'assessments.moderationReason',
      'moderator.name as moderatorName',
    ])
    .where('assessments.id', '=', assessment.id)
    .executeTakeFirstOrThrow();
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
  const row = await ctx.db
    .selectFrom('assessments')
    .innerJoin('assessors', 'assessors.id', 'assessments.assessorId')
    .select(['assessments.id', 'assessments.status', 'assessments.moderationStatus', 'assessments.provisionalGrade', 'assessors.userId as assessorUserId'])
    .where('assessments.id', '=', assessmentId)
    .executeTakeFirst();
  if (!row) throw notFound(`assessment ${assessmentId}`);
  const own = moderationConflict(actor.userId, row.assessorUserId);
  if (own) throw refused(own.code, own.message, [own]);
  if (row.status !== 'submitted' || row.moderationStatus !== 'pending')
    throw conflict('NOT_AWAITING_MODERATION', `this assessment is ${row.status === 'draft' ? 'still a draft' : `already ${row.moderationStatus}`}`);
  const changed = input.decision === 'change' && input.grade !== row.provisionalGrade;
  await ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('assessments')
      .set({
        moderationStatus: changed ? 'changed' : 'agreed',
        moderatedBy: actor.userId,
        moderatedAt: ctx.now(),
        moderatedGrade: changed ? (input.grade ?? null) : row.provisionalGrade,
        moderationReason: input.reason ?? null,
      })
      .where('id', '=', assessmentId)
      .where('moderationStatus', '=', 'pending')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw conflict('NOT_AWAITING_MODERATION', 'someone else moderated this assessment first');
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
  const batch = await ctx.db
    .selectFrom('moderationBatches')
    .innerJoin('assessors', 'assessors.id', 'moderationBatches.assessorId')
    .select(['moderationBatches.id', 'moderationBatches.signedOffAt', 'assessors.userId as assessorUserId'])
    .where('moderationBatches.id', '=', batchId)
    .executeTakeFirst();
  if (!batch) throw notFound(`batch ${batchId}`);
  const own = moderationConflict(actor.userId, batch.assessorUserId);
  if (own) throw refused(own.code, own.message, [own]);
  if (batch.signedOffAt) throw conflict('ALREADY_SIGNED_OFF', 'this batch is already signed off');
  return ctx.db.transaction().execute(async (trx) => {
    const pending = await trx
      .selectFrom('assessments')
      .select('id')
      .where('moderationBatchId', '=', batchId)
      .where('sampled', '=', true)
      .where('moderationStatus', '=', 'pending')
      .execute();
    if (pending.length > 0)
      throw conflict('SAMPLES_PENDING', `decide the batch's ${pending.length} sampled assessment(s) before signing it off`, {
        assessments: pending.map((p) => p.id),
      });
    const signed = await trx
      .updateTable('assessments')
      .set({ moderationStatus: 'signed-off', moderatedBy: actor.userId, moderatedAt: ctx.now() })
      .where('moderationBatchId', '=', batchId)
      .where('moderationStatus', '=', 'pending')
      .returning('id')
      .execute();
    await trx.updateTable('moderationBatches').set({ signedOffBy: actor.userId, signedOffAt: ctx.now() }).where('id', '=', batchId).execute();
    await appendAudit(trx, {
      actorId: actor.userId,
      actor: actor.name,
      action: 'sign-off',
      entity: 'moderation-batch',
      entityId: batchId,
      after: { assessments: signed.map((s) => s.id) },
    });
    return { id: batchId, signedOff: signed.length };
  });
}
