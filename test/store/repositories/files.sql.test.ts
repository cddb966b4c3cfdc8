import { it } from 'vitest';
import { deleteUnsubmittedFile, filesOfRecord, findFile, insertFile, recordForUpload } from '../../../src/store/repositories/files.repository.ts';
import { expectSqlSnapshot } from '../sql-snapshot.ts';

const ID = '00000000-0000-4000-8000-000000000001';

it('keeps the SQL the files repository sends', async () => {
  await expectSqlSnapshot('files', {
    recordForUpload: (db) => recordForUpload(db, ID),
    insertFile: (db) =>
      insertFile(db, {
        epaRecordId: ID,
        purpose: 'project-report',
        fileName: 'report.pdf',
        mediaType: 'application/pdf',
        sizeBytes: 1000,
        sha256: 'a'.repeat(64),
        storageKey: 'a'.repeat(64),
        ksbs: [],
        uploadedBy: ID,
      }),
    filesOfRecord: (db) => filesOfRecord(db, ID),
    'filesOfRecord (one purpose)': (db) => filesOfRecord(db, ID, 'portfolio'),
    findFile: (db) => findFile(db, ID),
    deleteUnsubmittedFile: (db) => deleteUnsubmittedFile(db, ID, ID, ['project-report', 'showcase']),
  });
});
