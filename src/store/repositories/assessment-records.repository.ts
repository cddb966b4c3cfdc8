// The assessor's record of an assessment in the database: read with what its view needs,
// opened from its booking, saved as a draft, submitted into a moderation batch, and
// regraded when criteria are carried into it.
import { sql } from 'kysely';
import type { AssessorHistory } from '../../domain/quality/sampling.ts';
import type { Db } from '../database.ts';
import type { Database, Grade, Judgements } from '../schema.ts';

/** An assessment with its booking's start, its record, apprentice and assessor's user. */
export async function assessmentRecord(db: Db, id: string) {
  return db
    .selectFrom('assessments')
    .innerJoin('epaRecords', 'epaRecords.id', 'assessments.epaRecordId')
    .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
    .innerJoin('assessors', 'assessors.id', 'assessments.assessorId')
    .innerJoin('bookings', 'bookings.id', 'assessments.bookingId')
    .selectAll('assessments')
    .select([
      'bookings.startsAt as bookingStartsAt',
      'epaRecords.standard',
      'epaRecords.policy',
      'epaRecords.channel',
      'epaRecords.extraTimePercent',
      'epaRecords.showcaseFormat',
      'apprentices.givenNames',
      'apprentices.familyName',
      'apprentices.uln',
      'apprentices.providerId',
      'apprentices.employerId',
      'apprentices.id as apprenticeId',
      'assessors.userId as assessorUserId',
    ])
    .where('assessments.id', '=', id)
    .executeTakeFirst();
}

export type AssessmentRecord = NonNullable<Awaited<ReturnType<typeof assessmentRecord>>>;

/** A booking as an assessment is opened from it, with the assessment already opened for it, if any. */
export async function bookingToAssess(db: Db, bookingId: string) {
  return db
    .selectFrom('bookings')
    .leftJoin('assessments', 'assessments.bookingId', 'bookings.id')
    .select(['bookings.epaRecordId', 'bookings.method', 'bookings.assessorId', 'bookings.status', 'assessments.id as assessmentId'])
    .where('bookings.id', '=', bookingId)
    .executeTakeFirst();
}

export type NewDraft = { bookingId: string; epaRecordId: string; method: string; attempt: number; previousAssessmentId: string | null; assessorId: string };

/** Opens a draft with nothing judged yet; returns its id. */
export async function insertDraft(tx: Db, draft: NewDraft): Promise<string> {
  const created = await tx
    .insertInto('assessments')
    .values({ ...draft, status: 'draft', judgements: '{}', sessionFindings: '[]' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return created.id;
}

export type DraftChanges = {
  judgements: Judgements;
  identityChecked: boolean;
  idDocument: string | null;
  startedAt: Date | string | null;
  endedAt: Date | string | null;
  questioningMinutes: number | null;
};

/** Saves a draft at the version it was read at; false when it has changed since or is no longer a draft. */
export async function saveDraftRow(tx: Db, id: string, version: number, changes: DraftChanges): Promise<boolean> {
  const updated = await tx
    .updateTable('assessments')
    .set({ ...changes, judgements: JSON.stringify(changes.judgements), version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

/** How many assessments were submitted (by one assessor, or by all with null), by grade, and how many were sampled. */
export async function assessorHistory(db: Db, assessorId: string | null): Promise<AssessorHistory> {
  let query = db
    .selectFrom('assessments')
    .select(['provisionalGrade', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>(sql`case when sampled then 1 else 0 end`).as('sampled')])
    .where('status', '=', 'submitted')
    .groupBy('provisionalGrade');
  if (assessorId) query = query.where('assessorId', '=', assessorId);
  const rows = await query.execute();
  const history: AssessorHistory = { total: 0, sampled: 0, grades: { fail: 0, pass: 0, distinction: 0 } };
  for (const r of rows) {
    const n = Number(r.n);
    history.total += n;
    history.sampled += Number(r.sampled ?? 0);
    if (r.provisionalGrade) history.grades[r.provisionalGrade] += n;
  }
  return history;
}

/** The assessor's batch not yet signed off, opened when there is none. */
export async function openBatchOf(tx: Db, assessorId: string): Promise<string> {
  const batch =
    (await tx.selectFrom('moderationBatches').select('id').where('assessorId', '=', assessorId).where('signedOffAt', 'is', null).executeTakeFirst()) ??
    (await tx.insertInto('moderationBatches').values({ assessorId }).returning('id').executeTakeFirstOrThrow());
  return batch.id;
}

export type Submission = {
  submittedAt: Date;
  provisionalGrade: Grade;
  gradeDetail: unknown;
  sampled: boolean;
  sampleReasons: string[];
  sampleExplanation: string;
  moderationBatchId: string;
};

/** Submits a draft at the version it was read at, awaiting moderation; false when it has changed since. */
export async function markSubmitted(tx: Db, id: string, version: number, submission: Submission): Promise<boolean> {
  const updated = await tx
    .updateTable('assessments')
    .set({
      status: 'submitted',
      submittedAt: submission.submittedAt,
      sessionFindings: '[]',
      provisionalGrade: submission.provisionalGrade,
      gradeDetail: JSON.stringify(submission.gradeDetail),
      sampled: submission.sampled,
      sampleReasons: JSON.stringify(submission.sampleReasons),
      sampleExplanation: submission.sampleExplanation,
      moderationStatus: 'pending',
      moderationBatchId: submission.moderationBatchId,
      version: sql`version + 1`,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

/** The booking of a submitted assessment was held. */
export async function markBookingHeld(tx: Db, bookingId: string): Promise<void> {
  await tx.updateTable('bookings').set({ status: 'held' }).where('id', '=', bookingId).execute();
}

export type GradeAsGiven = Pick<Database['assessments'], 'provisionalGrade' | 'moderationStatus' | 'moderatedGrade'> & { gradeDetail: unknown };

/** An assessment's grade and its moderation, before a regrade. */
export async function gradeAsGiven(tx: Db, id: string): Promise<GradeAsGiven> {
  return tx
    .selectFrom('assessments')
    .select(['provisionalGrade', 'gradeDetail', 'moderationStatus', 'moderatedGrade'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

/** A regraded assessment; with `remoderation`, it goes back to the IQA, sampled for that reason. */
export async function regrade(
  tx: Db,
  id: string,
  regraded: { grade: Grade; detail: unknown },
  remoderation: { reasons: string[]; explanation: string } | null,
): Promise<void> {
  await tx
    .updateTable('assessments')
    .set({
      provisionalGrade: regraded.grade,
      gradeDetail: JSON.stringify(regraded.detail),
      ...(remoderation
        ? {
            moderationStatus: 'pending' as const,
            sampled: true,
            sampleReasons: JSON.stringify(remoderation.reasons),
            sampleExplanation: remoderation.explanation,
            moderatedGrade: null,
            moderatedBy: null,
            moderatedAt: null,
          }
        : {}),
    })
    .where('id', '=', id)
    .execute();
}

/** An assessor's own assessments (drafts and submitted), newest first. */
export async function assessmentsOfAssessor(db: Db, assessorId: string) {
  return db
    .selectFrom('assessments')
    .select(['id', 'bookingId', 'epaRecordId', 'method', 'attempt', 'status', 'provisionalGrade', 'version'])
    .where('assessorId', '=', assessorId)
    .orderBy('createdAt', 'desc')
    .execute();
}
