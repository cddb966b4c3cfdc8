// Evidence files in the database (their bytes are in file storage, by SHA-256).
import type { Insertable, Selectable } from 'kysely';
import type { RecordStatus } from '../../domain/lifecycle/record-lifecycle.ts';
import type { Db } from '../database.ts';
import type { Database } from '../schema.ts';

export type FileRow = Selectable<Database['files']>;

/** What an upload is checked against: the record's standard and status. */
export async function recordForUpload(db: Db, recordId: string): Promise<{ standard: string; status: RecordStatus }> {
  return db.selectFrom('epaRecords').select(['standard', 'status']).where('id', '=', recordId).executeTakeFirstOrThrow();
}

export async function insertFile(tx: Db, values: Insertable<Database['files']>): Promise<FileRow> {
  return tx.insertInto('files').values(values).returningAll().executeTakeFirstOrThrow();
}

/** A record's files, oldest first; of one purpose when `purpose` is given. */
export async function filesOfRecord(db: Db, recordId: string, purpose?: string): Promise<FileRow[]> {
  return db
    .selectFrom('files')
    .selectAll()
    .where('epaRecordId', '=', recordId)
    .$if(purpose !== undefined, (q) => q.where('purpose', '=', purpose as FileRow['purpose']))
    .orderBy('uploadedAt')
    .orderBy('id')
    .execute();
}

export async function findFile(db: Db, fileId: string): Promise<FileRow | undefined> {
  return db.selectFrom('files').selectAll().where('id', '=', fileId).executeTakeFirst();
}

/** Deletes the uploader's own file of these purposes that no submission refers to; what it was, or undefined. */
export async function deleteUnsubmittedFile(tx: Db, fileId: string, uploadedBy: string, purposes: readonly string[]) {
  return tx
    .deleteFrom('files')
    .where('id', '=', fileId)
    .where('uploadedBy', '=', uploadedBy)
    .where('purpose', 'in', purposes as FileRow['purpose'][])
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('submissions').select('submissions.id').whereRef('submissions.fileId', '=', 'files.id'))))
    .returning(['id', 'epaRecordId', 'purpose', 'fileName', 'sizeBytes', 'sha256'])
    .executeTakeFirst();
}
