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
  values: { epaRecordId: string; resultId: string; lodgedOn: IsoDate; lodgedBy: string | null; grounds: string; evidence: string | null },
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

/** Everyone who moderated one of the apprentice's assessments in this EPA, as users. */
export async function moderatorUserIds(db: Db, recordId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('assessments')
    .select('moderatedBy')
    .distinct()
    .where('epaRecordId', '=', recordId)
    .where('moderatedBy', 'is not', null)
    .execute();
  return rows.map((r) => r.moderatedBy as string);
}

export async function acknowledgeAppealRow(tx: Db, appealId: string, on: IsoDate, by: string): Promise<AppealRow> {
  return tx.updateTable('appeals').set({ acknowledgedOn: on, acknowledgedBy: by }).where('id', '=', appealId).returningAll().executeTakeFirstOrThrow();
}

export async function assignReviewerRow(tx: Db, appealId: string, reviewerId: string, on: IsoDate): Promise<AppealRow> {
  return tx
    .updateTable('appeals')
    .set({ reviewerId, reviewerAssignedOn: on, acknowledgedOn: sql`coalesce(acknowledged_on, ${on}::date)` })
    .where('id', '=', appealId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The open appeal against the record's current released result, if any. */
export async function openAppealOfRecord(db: Db, recordId: string): Promise<{ id: string; lodgedOn: string } | undefined> {
  return db
    .selectFrom('appeals')
    .innerJoin('results', 'results.id', 'appeals.resultId')
    .select(['appeals.id', 'appeals.lodgedOn'])
    .where('appeals.epaRecordId', '=', recordId)
    .where('appeals.status', '=', 'lodged')
    .where('results.status', '=', 'released')
    .executeTakeFirst();
}

/** A user the EPAO may give an appeal to: its own staff and assessors. */
export type ReviewerCandidate = { id: string; name: string; role: 'epao-admin' | 'iqa' | 'assessor' };

export async function reviewerCandidates(db: Db): Promise<ReviewerCandidate[]> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'name', 'role'])
    .where('role', 'in', ['epao-admin', 'iqa', 'assessor'])
    .where('disabledAt', 'is', null)
    .orderBy('name')
    .orderBy('id')
    // A choice on one page: an EPAO's staff and assessors, never the whole of a large table.
    .limit(1000)
    .execute();
  return rows as ReviewerCandidate[];
}

export async function userById(db: Db, id: string): Promise<{ id: string; name: string; email: string; role: string } | undefined> {
  return db.selectFrom('users').select(['id', 'name', 'email', 'role']).where('id', '=', id).where('disabledAt', 'is', null).executeTakeFirst();
}

/** An appeal with who lodged it, who reviews it and the apprentice it is for. */
export async function appealDetail(db: Db, appealId: string) {
  return db
    .selectFrom('appeals')
    .innerJoin('epaRecords', 'epaRecords.id', 'appeals.epaRecordId')
    .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
    .innerJoin('results', 'results.id', 'appeals.resultId')
    .leftJoin('users as lodger', 'lodger.id', 'appeals.lodgedBy')
    .leftJoin('users as reviewer', 'reviewer.id', 'appeals.reviewerId')
    .selectAll('appeals')
    .select([
      'results.releasedOn',
      'results.overall',
      'results.methodGrades',
      'apprentices.givenNames',
      'apprentices.familyName',
      'apprentices.email as apprenticeEmail',
      'epaRecords.standard',
      'lodger.name as lodgerName',
      'lodger.email as lodgerEmail',
      'lodger.role as lodgerRole',
      'reviewer.name as reviewerName',
      'reviewer.email as reviewerEmail',
    ])
    .where('appeals.id', '=', appealId)
    .executeTakeFirst();
}

export type AppealDetail = NonNullable<Awaited<ReturnType<typeof appealDetail>>>;

/** Open appeals, oldest first, keyset-paged by (lodged on, id). */
export async function openAppeals(db: Db, options: { after?: { lodgedOn: string; id: string }; limit: number; reviewerId?: string }) {
  let query = db
    .selectFrom('appeals')
    .innerJoin('epaRecords', 'epaRecords.id', 'appeals.epaRecordId')
    .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
    .leftJoin('users as reviewer', 'reviewer.id', 'appeals.reviewerId')
    .select([
      'appeals.id',
      'appeals.epaRecordId',
      'appeals.lodgedOn',
      'appeals.acknowledgedOn',
      'appeals.status',
      'apprentices.givenNames',
      'apprentices.familyName',
      'reviewer.name as reviewerName',
    ])
    .where('appeals.status', '=', 'lodged');
  if (options.reviewerId) query = query.where('appeals.reviewerId', '=', options.reviewerId);
  const after = options.after;
  if (after)
    query = query.where((eb) =>
      eb.or([eb('appeals.lodgedOn', '>', after.lodgedOn), eb.and([eb('appeals.lodgedOn', '=', after.lodgedOn), eb('appeals.id', '>', after.id)])]),
    );
  return query.orderBy('appeals.lodgedOn').orderBy('appeals.id').limit(options.limit).execute();
}

/** Locks the record's released result, so an appeal lodged against it waits (and the other way round). */
export async function lockReleasedResultOf(tx: Db, recordId: string): Promise<void> {
  await tx.selectFrom('results').select('id').where('epaRecordId', '=', recordId).where('status', '=', 'released').forUpdate().execute();
}
