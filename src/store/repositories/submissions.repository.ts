// Work submitted (project reports, showcases, portfolios) in the database.
import type { Insertable, Selectable } from 'kysely';
import type { IsoDate } from '../../domain/calendar/dates.ts';
import type { Db } from '../database.ts';
import type { Database } from '../schema.ts';

export type SubmissionRow = Selectable<Database['submissions']>;

/** A file uploaded to this record, with what reading it needs. */
export async function uploadedFile(
  db: Db,
  fileId: string,
  recordId: string,
): Promise<{ id: string; purpose: string; mediaType: string; storageKey: string } | undefined> {
  return db
    .selectFrom('files')
    .select(['id', 'purpose', 'mediaType', 'storageKey'])
    .where('id', '=', fileId)
    .where('epaRecordId', '=', recordId)
    .executeTakeFirst();
}

/** The record's booked (not held or cancelled) assessments. */
export async function bookedAssessments(db: Db, recordId: string): Promise<{ method: string; startsAt: Date; bookedOn: IsoDate }[]> {
  return db.selectFrom('bookings').select(['method', 'startsAt', 'bookedOn']).where('epaRecordId', '=', recordId).where('status', '=', 'booked').execute();
}

export async function insertSubmission(tx: Db, values: Insertable<Database['submissions']>): Promise<string> {
  return (await tx.insertInto('submissions').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

/** Newest first. */
export async function submissionsOf(db: Db, recordId: string): Promise<SubmissionRow[]> {
  return db.selectFrom('submissions').selectAll().where('epaRecordId', '=', recordId).orderBy('createdAt', 'desc').orderBy('id').execute();
}
