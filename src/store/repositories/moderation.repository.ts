// Moderation in the database: the IQA's queue (sampled assessments and open batches), one
// assessment's moderation, its decision, and a batch's sign-off.
import { sql } from 'kysely';
import type { Db } from '../database.ts';
import type { Grade } from '../schema.ts';

/** Sampled assessments still awaiting moderation, oldest submission first. */
export async function sampledAwaitingModeration(db: Db) {
  return db
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
}

/** Batches not yet signed off, with how many assessments each holds and how many of its samples are undecided. */
export async function openBatches(db: Db) {
  const rows = await db
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
  return rows.map((b) => ({ ...b, assessments: Number(b.assessments), samplesPending: Number(b.samplesPending ?? 0) }));
}

/** Who assessed an assessment, its standard, and its moderation as made (moderator by name). */
export async function moderationOf(db: Db, assessmentId: string) {
  return db
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
    .where('assessments.id', '=', assessmentId)
    .executeTakeFirstOrThrow();
}

/** What a moderation decision needs of the assessment: its state, grade and assessor's user. */
export async function assessmentForModeration(db: Db, assessmentId: string) {
  return db
    .selectFrom('assessments')
    .innerJoin('assessors', 'assessors.id', 'assessments.assessorId')
    .select(['assessments.id', 'assessments.status', 'assessments.moderationStatus', 'assessments.provisionalGrade', 'assessors.userId as assessorUserId'])
    .where('assessments.id', '=', assessmentId)
    .executeTakeFirst();
}

export type ModerationDecision = {
  moderationStatus: 'agreed' | 'changed';
  moderatedBy: string;
  moderatedAt: Date;
  moderatedGrade: Grade | null;
  moderationReason: string | null;
};

/** Records the decision if the assessment is still pending; false when someone decided it first. */
export async function recordModeration(tx: Db, assessmentId: string, decision: ModerationDecision): Promise<boolean> {
  const updated = await tx.updateTable('assessments').set(decision).where('id', '=', assessmentId).where('moderationStatus', '=', 'pending').executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

/** A batch with whether it is signed off and whose assessments it holds. */
export async function batchForSignOff(db: Db, batchId: string) {
  return db
    .selectFrom('moderationBatches')
    .innerJoin('assessors', 'assessors.id', 'moderationBatches.assessorId')
    .select(['moderationBatches.id', 'moderationBatches.signedOffAt', 'assessors.userId as assessorUserId'])
    .where('moderationBatches.id', '=', batchId)
    .executeTakeFirst();
}

/** The batch's sampled assessments not yet decided. */
export async function undecidedSamples(tx: Db, batchId: string): Promise<string[]> {
  const rows = await tx
    .selectFrom('assessments')
    .select('id')
    .where('moderationBatchId', '=', batchId)
    .where('sampled', '=', true)
    .where('moderationStatus', '=', 'pending')
    .execute();
  return rows.map((r) => r.id);
}

/** Signs the batch off: its assessments still pending are moderated by it. Returns their ids. */
export async function markBatchSignedOff(tx: Db, batchId: string, by: string, at: Date): Promise<string[]> {
  const signed = await tx
    .updateTable('assessments')
    .set({ moderationStatus: 'signed-off', moderatedBy: by, moderatedAt: at })
    .where('moderationBatchId', '=', batchId)
    .where('moderationStatus', '=', 'pending')
    .returning('id')
    .execute();
  await tx.updateTable('moderationBatches').set({ signedOffBy: by, signedOffAt: at }).where('id', '=', batchId).execute();
  return signed.map((s) => s.id);
}
