// The latest result in force for an EPA record, as a sub-select of a record query: the
// newest released result, or one an appeal superseded (a cancelled or suspended result is not
// in force). What a failed project's rework is dated from.
import { type ExpressionBuilder, sql } from 'kysely';
import type { LatestResult } from '../../domain/reassessment/rework.ts';
import type { Db } from '../database.ts';
import type { Database } from '../schema.ts';

export function latestResultOf(eb: ExpressionBuilder<Database, 'epaRecords'>) {
  return eb
    .selectFrom('results')
    .select(sql<LatestResult | null>`json_build_object('releasedOn', results.released_on, 'methodGrades', results.method_grades)`.as('latest'))
    .whereRef('results.epaRecordId', '=', 'epaRecords.id')
    .where('results.status', 'in', ['released', 'superseded'])
    .orderBy('results.releasedOn', 'desc')
    .orderBy('results.createdAt', 'desc')
    .limit(1);
}

/** The record's latest result in force, on its own. */
export async function latestResultOfRecord(db: Db, recordId: string): Promise<LatestResult | null> {
  const row = await db
    .selectFrom('results')
    .select(['releasedOn', 'methodGrades'])
    .where('epaRecordId', '=', recordId)
    .where('status', 'in', ['released', 'superseded'])
    .orderBy('releasedOn', 'desc')
    .orderBy('createdAt', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { releasedOn: row.releasedOn, methodGrades: row.methodGrades } : null;
}
