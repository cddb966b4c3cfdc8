// Assessments in the database, as grading and moderation read them.
import type { Db } from '../database.ts';

/** Each submitted assessment of a record, oldest attempt first; with `submittedBy`, only those submitted by then. */
export async function submittedAssessments(db: Db, recordId: string, submittedBy?: Date) {
  return db
    .selectFrom('assessments')
    .innerJoin('assessors', 'assessors.id', 'assessments.assessorId')
    .select([
      'assessments.id',
      'assessments.method',
      'assessments.attempt',
      'assessments.judgements',
      'assessments.moderationStatus',
      'assessments.moderatedGrade',
      'assessments.moderationReason',
      'assessments.endedAt',
      'assessors.userId as assessorUserId',
    ])
    .where('assessments.epaRecordId', '=', recordId)
    .where('assessments.status', '=', 'submitted')
    .$if(submittedBy !== undefined, (q) => q.where('assessments.submittedAt', '<=', submittedBy as Date))
    .orderBy('assessments.attempt', 'asc')
    .execute();
}
