// Malpractice cases in the database, and what a case does to the result it is about.
import { type Selectable, sql } from 'kysely';
import type { IsoDate } from '../../domain/calendar/dates.ts';
import type { Db } from '../database.ts';
import type { Database } from '../schema.ts';
import type { MalpracticeConcerns } from '../schema-outcomes.ts';

export type CaseRow = Selectable<Database['malpracticeCases']>;
export type ResultStatus = Database['results']['status'];

/** Locks the record, so two cases cannot be opened for it at once; the case already open, if any (one statement). */
export async function lockRecordForCase(tx: Db, recordId: string): Promise<{ openCaseId: string | null }> {
  const row = await tx
    .selectFrom('epaRecords')
    .select((eb) => [
      'epaRecords.id',
      eb
        .selectFrom('malpracticeCases')
        .select('malpracticeCases.id')
        .whereRef('malpracticeCases.epaRecordId', '=', 'epaRecords.id')
        .where('malpracticeCases.status', '=', 'open')
        .limit(1)
        .as('openCaseId'),
    ])
    .where('epaRecords.id', '=', recordId)
    .forUpdate('epaRecords')
    .executeTakeFirstOrThrow();
  return { openCaseId: row.openCaseId ?? null };
}

export async function insertCase(
  tx: Db,
  values: {
    epaRecordId: string;
    resultId: string | null;
    openedBy: string | null;
    openedOn: IsoDate;
    allegation: string;
    concerns?: MalpracticeConcerns;
    concernsUserId?: string | null;
  },
): Promise<CaseRow> {
  return tx
    .insertInto('malpracticeCases')
    .values({ ...values, status: 'open' })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function lockCase(tx: Db, caseId: string): Promise<CaseRow | undefined> {
  return tx.selectFrom('malpracticeCases').selectAll().where('id', '=', caseId).forUpdate().executeTakeFirst();
}

export async function decideCase(
  tx: Db,
  caseId: string,
  decision: {
    status: 'dismissed' | 'upheld';
    outcome: 'result-stands' | 'result-cancelled' | null;
    decidedBy: string | null;
    decidedOn: IsoDate;
    notes: string | null;
    sanction?: 'assessor-suspended' | null;
  },
): Promise<void> {
  await tx.updateTable('malpracticeCases').set(decision).where('id', '=', caseId).execute();
}

export async function lockResult(tx: Db, resultId: string): Promise<{ id: string; status: ResultStatus; version: number }> {
  return tx.selectFrom('results').select(['id', 'status', 'version']).where('id', '=', resultId).forUpdate().executeTakeFirstOrThrow();
}

/** A result's new status (suspended, released again, cancelled), its version moved on. */
export async function setResultStatus(tx: Db, resultId: string, status: ResultStatus): Promise<void> {
  await tx.updateTable('results').set({ status, version: sql`version + 1` }).where('id', '=', resultId).execute();
}

export async function certificatesOfResult(tx: Db, resultId: string): Promise<{ id: string; status: string; sentOn: IsoDate | null }[]> {
  return tx.selectFrom('certificates').select(['id', 'status', 'sentOn']).where('resultId', '=', resultId).execute();
}

/** A case with the apprentice it is about, who reported it and whom it concerns, and its result's standing. */
export async function caseDetail(db: Db, caseId: string) {
  return db
    .selectFrom('malpracticeCases')
    .innerJoin('epaRecords', 'epaRecords.id', 'malpracticeCases.epaRecordId')
    .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
    .leftJoin('users as reporter', 'reporter.id', 'malpracticeCases.openedBy')
    .leftJoin('users as concerned', 'concerned.id', 'malpracticeCases.concernsUserId')
    .leftJoin('results', 'results.id', 'malpracticeCases.resultId')
    .selectAll('malpracticeCases')
    .select([
      'apprentices.givenNames',
      'apprentices.familyName',
      'epaRecords.standard',
      'reporter.name as reporterName',
      'reporter.role as reporterRole',
      'concerned.name as concernedName',
      'concerned.role as concernedRole',
      'results.status as resultStatus',
    ])
    .where('malpracticeCases.id', '=', caseId)
    .executeTakeFirst();
}

export async function notesOf(db: Db, caseId: string) {
  return db
    .selectFrom('malpracticeNotes')
    .innerJoin('users', 'users.id', 'malpracticeNotes.writtenBy')
    .select(['malpracticeNotes.id', 'malpracticeNotes.writtenAt', 'malpracticeNotes.note', 'users.name as writer'])
    .where('malpracticeNotes.caseId', '=', caseId)
    .orderBy('malpracticeNotes.writtenAt')
    .orderBy('malpracticeNotes.id')
    .execute();
}

export async function insertNote(tx: Db, note: { caseId: string; writtenBy: string; writtenAt: Date; note: string }): Promise<void> {
  await tx.insertInto('malpracticeNotes').values(note).execute();
}

/** The open case of a record, if any. */
export async function openCaseOf(db: Db, recordId: string): Promise<string | undefined> {
  return (await db.selectFrom('malpracticeCases').select('id').where('epaRecordId', '=', recordId).where('status', '=', 'open').executeTakeFirst())?.id;
}

/** The people a report may name: the record's assessors (any attempt) and the EPAO's own staff. */
export async function nameablePeople(db: Db, recordId: string) {
  const assessors = db
    .selectFrom('bookings')
    .innerJoin('assessors', 'assessors.id', 'bookings.assessorId')
    .innerJoin('users', 'users.id', 'assessors.userId')
    .select(['users.id', 'users.name', 'users.role'])
    .where('bookings.epaRecordId', '=', recordId);
  const staff = db.selectFrom('users').select(['users.id', 'users.name', 'users.role']).where('users.role', 'in', ['epao-admin', 'iqa']);
  return assessors.union(staff).orderBy('name').limit(500).execute();
}

/** Suspends the assessor who is this user; whether one was. */
export async function suspendAssessorOfUser(tx: Db, userId: string, on: IsoDate, reason: string): Promise<boolean> {
  const done = await tx.updateTable('assessors').set({ suspendedOn: on, suspendedReason: reason }).where('userId', '=', userId).executeTakeFirst();
  return Number(done.numUpdatedRows) > 0;
}

export async function isAssessorUser(db: Db, userId: string): Promise<boolean> {
  return (await db.selectFrom('assessors').select('id').where('userId', '=', userId).executeTakeFirst()) !== undefined;
}
