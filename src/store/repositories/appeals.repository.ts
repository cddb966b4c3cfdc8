// Appeals in the database, and the result an upheld appeal replaces.
import { type Insertable, type Selectable, sql } from 'kysely';
import type { IsoDate } from '../../domain/calendar/dates.ts';
import type { RecordStatus } from '../../domain/lifecycle/record-lifecycle.ts';
import type { Db } from '../database.ts';
import type { Database } from '../schema.ts';

export type AppealRow = Selectable<Database['appeals']>;
export type ResultRow = Selectable<Database['results']>;
export type RecordRow = Selectable<Database['epaRecords']>;

/** One result of one record, locked. */
export async function lockResultOfRecord(tx: Db, resultId: string, recordId: string): Promise<ResultRow | undefined> {
  return tx.selectFrom('results').selectAll().where('id', '=', resultId).where('epaRecordId', '=', recordId).forUpdate().executeTakeFirst();
}

export async function lockResultRow(tx: Db, resultId: string): Promise<ResultRow> {
  return tx.selectFrom('results').selectAll().where('id', '=', resultId).forUpdate().executeTakeFirstOrThrow();
}

/** The appeal against this result still being considered, if any. */
export async function openAppealOf(tx: Db, resultId: string): Promise<string | undefined> {
  return (await tx.selectFrom('appeals').select('id').where('resultId', '=', resultId).where('status', '=', 'lodged').executeTakeFirst())?.id;
}

export async function insertAppeal(
  tx: Db,
  values: { epaRecordId: string; resultId: string; lodgedOn: IsoDate; lodgedBy: string | null; grounds: string },
): Promise<AppealRow> {
  return tx
    .insertInto('appeals')
    .values({ ...values, status: 'lodged' })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function lockAppeal(tx: Db, appealId: string): Promise<AppealRow | undefined> {
  return tx.selectFrom('appeals').selectAll().where('id', '=', appealId).forUpdate().executeTakeFirst();
}

export async function recordAppealDecision(
  tx: Db,
  appealId: string,
  decision: { status: 'upheld' | 'rejected'; decidedBy: string | null; decidedOn: IsoDate; decision: unknown },
): Promise<void> {
  await tx
    .updateTable('appeals')
    .set({ ...decision, decision: JSON.stringify(decision.decision) })
    .where('id', '=', appealId)
    .execute();
}

/** Everyone who assessed the apprentice in this EPA (any method, any attempt), as users. */
export async function assessorUserIds(db: Db, recordId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('assessments')
    .innerJoin('assessors', 'assessors.id', 'assessments.assessorId')
    .select('assessors.userId')
    .distinct()
    .where('assessments.epaRecordId', '=', recordId)
    .execute();
  return rows.map((r) => r.userId);
}

/** Each method's latest submitted attempt number. */
export async function latestAttempts(db: Db, recordId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('assessments')
    .select(['method', (eb) => eb.fn.max('attempt').as('attempt')])
    .where('epaRecordId', '=', recordId)
    .where('status', '=', 'submitted')
    .groupBy('method')
    .execute();
  return new Map(rows.map((r) => [r.method, Number(r.attempt)]));
}

/** Locks the record for an appeal's decision, which changes what a booking is decided over (results, re-sits): its count of booking changes moves on. */
export async function lockRecordRow(tx: Db, recordId: string): Promise<RecordRow> {
  return tx.updateTable('epaRecords').set({ bookingChanges: sql`booking_changes + 1` }).where('id', '=', recordId).returningAll().executeTakeFirstOrThrow();
}

export async function supersedeResult(tx: Db, resultId: string): Promise<void> {
  await tx.updateTable('results').set({ status: 'superseded', version: sql`version + 1` }).where('id', '=', resultId).execute();
}

export async function insertResult(tx: Db, values: Insertable<Database['results']>): Promise<ResultRow> {
  return tx.insertInto('results').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function setRecordStatus(tx: Db, recordId: string, status: RecordStatus, at: Date): Promise<void> {
  await tx.updateTable('epaRecords').set({ status, version: sql`version + 1`, updatedAt: at }).where('id', '=', recordId).execute();
}
