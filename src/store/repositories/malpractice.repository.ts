// Malpractice cases in the database, and what a case does to the result it is about.
import { type Selectable, sql } from 'kysely';
import type { IsoDate } from '../../domain/calendar/dates.ts';
import type { Db } from '../database.ts';
import type { Database } from '../schema.ts';

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
  values: { epaRecordId: string; resultId: string | null; openedBy: string | null; openedOn: IsoDate; allegation: string },
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
