// Releasing a result in the database: the record, what holds a release back, the record
// locked while one is decided, and the result as it stands or as released.
import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import type { Db } from '../database.ts';
import type { Database } from '../schema.ts';

export type RecordRow = Selectable<Database['epaRecords']>;
export type ResultRow = Selectable<Database['results']>;

export async function epaRecordRow(db: Db, recordId: string): Promise<RecordRow | undefined> {
  return db.selectFrom('epaRecords').selectAll().where('id', '=', recordId).executeTakeFirst();
}

/** The record's newest result that has been released (and may since be suspended or cancelled). */
export async function standingResult(db: Db, recordId: string): Promise<ResultRow | undefined> {
  return db
    .selectFrom('results')
    .selectAll()
    .where('epaRecordId', '=', recordId)
    .where('status', 'in', ['released', 'suspended', 'cancelled'])
    .orderBy('createdAt', 'desc')
    .executeTakeFirst();
}

/** The record's released result, with when it was made. */
export async function releasedResultOf(db: Db, recordId: string): Promise<{ id: string; createdAt: Date } | undefined> {
  return db.selectFrom('results').select(['id', 'createdAt']).where('epaRecordId', '=', recordId).where('status', '=', 'released').executeTakeFirst();
}

/** Whether an assessment of the record was submitted after `at`. */
export async function submittedAfter(db: Db, recordId: string, at: Date): Promise<boolean> {
  const newer = await db
    .selectFrom('assessments')
    .select('id')
    .where('epaRecordId', '=', recordId)
    .where('status', '=', 'submitted')
    .where('submittedAt', '>', at)
    .executeTakeFirst();
  return newer !== undefined;
}

/** What holds a release back, in one statement: an open malpractice case and a suspended result. */
export async function releaseHolds(db: Db, recordId: string): Promise<{ openCaseId: string | null; suspendedResultId: string | null }> {
  return db
    .selectNoFrom((eb) => [
      eb.selectFrom('malpracticeCases').select('id').where('epaRecordId', '=', recordId).where('status', '=', 'open').limit(1).as('openCaseId'),
      eb.selectFrom('results').select('id').where('epaRecordId', '=', recordId).where('status', '=', 'suspended').limit(1).as('suspendedResultId'),
    ])
    .executeTakeFirstOrThrow();
}

/**
 * Locks the record: two releases at once are decided one after the other. A result changes
 * what a booking is decided over (a re-sit's window, rework), so the record's count of
 * booking changes moves on too, and a booking decided before it is decided again.
 */
export async function lockRecordForRelease(tx: Db, recordId: string): Promise<void> {
  await tx.updateTable('epaRecords').set({ bookingChanges: sql`booking_changes + 1` }).where('id', '=', recordId).returning('id').executeTakeFirstOrThrow();
}

/** The released result is superseded by the one about to be released. */
export async function supersedeReleased(tx: Db, recordId: string): Promise<void> {
  await tx.updateTable('results').set({ status: 'superseded' }).where('epaRecordId', '=', recordId).where('status', '=', 'released').execute();
}

/** The grade the assessor gave an assessment. */
export async function provisionalGradeOf(db: Db, assessmentId: string): Promise<Database['assessments']['provisionalGrade']> {
  const row = await db.selectFrom('assessments').select('provisionalGrade').where('id', '=', assessmentId).executeTakeFirstOrThrow();
  return row.provisionalGrade;
}

/** When the method's first attempt ended, if it has one. */
export async function firstAttemptEnd(db: Db, recordId: string, method: string): Promise<Date | null | undefined> {
  const first = await db
    .selectFrom('assessments')
    .select('endedAt')
    .where('epaRecordId', '=', recordId)
    .where('method', '=', method)
    .where('attempt', '=', 1)
    .executeTakeFirst();
  return first?.endedAt;
}
