import { it } from 'vitest';
import { bookedAssessments, insertSubmission, submissionsOf, uploadedFile } from '../../../src/store/repositories/submissions.repository.ts';
import { expectSqlSnapshot } from '../sql-snapshot.ts';

const ID = '00000000-0000-4000-8000-000000000001';

it('keeps the SQL the submissions repository sends', async () => {
  await expectSqlSnapshot('submissions', {
    uploadedFile: (db) => uploadedFile(db, ID, ID),
    bookedAssessments: (db) => bookedAssessments(db, ID),
    insertSubmission: (db) =>
      insertSubmission(db, {
        epaRecordId: ID,
        kind: 'project-report',
        fileId: ID,
        submittedOn: '2026-02-10',
        wordCount: 2500,
        outcome: JSON.stringify({ ok: true }),
      }),
    submissionsOf: (db) => submissionsOf(db, ID),
  });
});
