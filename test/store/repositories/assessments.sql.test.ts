import { it } from 'vitest';
import { submittedAssessments } from '../../../src/store/repositories/assessments.repository.ts';
import { expectSqlSnapshot } from '../sql-snapshot.ts';

const ID = '00000000-0000-4000-8000-000000000001';

it('keeps the SQL the assessments repository sends', async () => {
  await expectSqlSnapshot('assessments', {
    submittedAssessments: (db) => submittedAssessments(db, ID),
    'submittedAssessments (as it stood)': (db) => submittedAssessments(db, ID, new Date('2026-02-10T10:00:00Z')),
  });
});
