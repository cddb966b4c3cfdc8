// Results in the database as the result pages read them.
import type { Selectable } from 'kysely';
import type { Db } from '../database.ts';
import type { Database } from '../schema.ts';

export type ResultRow = Selectable<Database['results']>;

/** A record with its apprentice's names, as a result page heads it. */
export async function recordWithApprentice(db: Db, recordId: string) {
  return db
    .selectFrom('epaRecords')
    .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
    .select([
      'epaRecords.id',
      'epaRecords.standard',
      'epaRecords.policy',
      'epaRecords.channel',
      'epaRecords.status',
      'apprentices.givenNames',
      'apprentices.familyName',
      'apprentices.uln',
    ])
    .where('epaRecords.id', '=', recordId)
    .executeTakeFirst();
}

/** The appeals lodged against a result, oldest first. */
export async function appealsOfResult(db: Db, resultId: string) {
  return db.selectFrom('appeals').select(['id', 'lodgedOn', 'status', 'decidedOn']).where('resultId', '=', resultId).orderBy('lodgedOn').execute();
}

/** The record's newest result that is not superseded. */
export async function latestResult(db: Db, recordId: string): Promise<ResultRow | undefined> {
  return db
    .selectFrom('results')
    .selectAll()
    .where('epaRecordId', '=', recordId)
    .where('status', '!=', 'superseded')
    .orderBy('createdAt', 'desc')
    .executeTakeFirst();
}

/** When each method was first assessed (attempt 1, submitted). */
export async function firstAttempts(db: Db, recordId: string) {
  return db
    .selectFrom('assessments')
    .select(['method', 'endedAt'])
    .where('epaRecordId', '=', recordId)
    .where('status', '=', 'submitted')
    .where('attempt', '=', 1)
    .execute();
}

/** Re-sits and re-takes arranged and not yet used, soonest first. */
export async function arrangedReattempts(db: Db, recordId: string) {
  return db
    .selectFrom('reattempts')
    .select(['method', 'kind', 'attempt', 'plannedOn', 'windowEnds'])
    .where('epaRecordId', '=', recordId)
    .where('usedByAssessmentId', 'is', null)
    .orderBy('plannedOn')
    .execute();
}

/** Each record's latest result that was not replaced, for many records in one statement. */
export async function latestResults(db: Db, recordIds: readonly string[]): Promise<ResultRow[]> {
  if (recordIds.length === 0) return [];
  return db
    .selectFrom('results')
    .selectAll()
    .distinctOn('epaRecordId')
    .where('epaRecordId', 'in', [...recordIds])
    .where('status', '!=', 'superseded')
    .orderBy('epaRecordId')
    .orderBy('createdAt', 'desc')
    .execute();
}
