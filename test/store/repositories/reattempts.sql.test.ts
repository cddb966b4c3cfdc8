import { it } from 'vitest';
import {
  exceptionalCircumstancesRecorded,
  insertReattempt,
  markReattemptUsed,
  unusedReattempt,
} from '../../../src/store/repositories/reattempts.repository.ts';
import { expectSqlSnapshot } from '../sql-snapshot.ts';

const ID = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';

it('keeps the SQL the reattempts repository sends', async () => {
  await expectSqlSnapshot('reattempts', {
    insertReattempt: (db) =>
      insertReattempt(db, {
        epaRecordId: ID,
        method: 'observation',
        kind: 'resit',
        attempt: 2,
        previousAssessmentId: OTHER,
        exceptionalCircumstances: false,
        exceptionalReason: null,
        plannedOn: '2026-03-01',
        windowEnds: '2026-05-01',
        requestedBy: OTHER,
      }),
    unusedReattempt: (db) => unusedReattempt(db, ID, 'observation'),
    markReattemptUsed: (db) => markReattemptUsed(db, ID, OTHER),
    exceptionalCircumstancesRecorded: (db) => exceptionalCircumstancesRecorded(db, ID),
  });
});
