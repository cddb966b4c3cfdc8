// Re-sits and re-takes in the database: one arranged, one taken up by the assessment that
// follows the failed attempt, and whether exceptional circumstances were recorded for a record.
import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../database.ts';
import type { Database } from '../schema.ts';

export type ReattemptRow = Selectable<Database['reattempts']>;

/** Arranges a re-attempt; a second one for the same method still open is refused by the database (23505). */
export async function insertReattempt(tx: Db, values: Insertable<Database['reattempts']>): Promise<ReattemptRow | undefined> {
  return tx.insertInto('reattempts').values(values).returningAll().executeTakeFirst();
}

/** The re-attempt of a method arranged and not yet taken up. */
export async function unusedReattempt(tx: Db, recordId: string, method: string): Promise<ReattemptRow | undefined> {
  return tx
    .selectFrom('reattempts')
    .selectAll()
    .where('epaRecordId', '=', recordId)
    .where('method', '=', method)
    .where('usedByAssessmentId', 'is', null)
    .executeTakeFirst();
}

export async function markReattemptUsed(tx: Db, reattemptId: string, assessmentId: string): Promise<void> {
  await tx.updateTable('reattempts').set({ usedByAssessmentId: assessmentId }).where('id', '=', reattemptId).execute();
}

/** Whether any re-attempt of the record was arranged for exceptional circumstances. */
export async function exceptionalCircumstancesRecorded(db: Db, recordId: string): Promise<boolean> {
  const row = await db
    .selectFrom('reattempts')
    .select('id')
    .where('epaRecordId', '=', recordId)
    .where('exceptionalCircumstances', '=', true)
    .executeTakeFirst();
  return row !== undefined;
}

/** The attempts of a record that are re-assessments an upheld appeal ordered, by method. */
export async function appealReassessmentAttempts(db: Db, recordId: string): Promise<{ method: string; attempt: number }[]> {
  return db.selectFrom('reattempts').select(['method', 'attempt']).where('epaRecordId', '=', recordId).where('kind', '=', 'appeal-reassessment').execute();
}

/** An arranged re-sit or re-take turned into the re-assessment an upheld appeal ordered: no charge, no re-sit window. */
export async function becomeReassessment(tx: Db, reattemptId: string, appealId: string): Promise<void> {
  await tx.updateTable('reattempts').set({ kind: 'appeal-reassessment', charge: 'none', appealId, windowEnds: null }).where('id', '=', reattemptId).execute();
}
