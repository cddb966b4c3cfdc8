import { it } from 'vitest';
import {
  epaRecordRow,
  firstAttemptEnd,
  lockRecordForRelease,
  provisionalGradeOf,
  releasedResultOf,
  releaseHolds,
  standingResult,
  submittedAfter,
  supersedeReleased,
} from '../../../src/store/repositories/results-release.repository.ts';
import { expectSqlSnapshot } from '../sql-snapshot.ts';

const ID = '00000000-0000-4000-8000-000000000001';
const AT = new Date('2026-02-10T10:00:00Z');

it('keeps the SQL the results-release repository sends', async () => {
  await expectSqlSnapshot('results-release', {
    epaRecordRow: (db) => epaRecordRow(db, ID),
    standingResult: (db) => standingResult(db, ID),
    releasedResultOf: (db) => releasedResultOf(db, ID),
    submittedAfter: (db) => submittedAfter(db, ID, AT),
    releaseHolds: (db) => releaseHolds(db, ID),
    lockRecordForRelease: (db) => lockRecordForRelease(db, ID),
    supersedeReleased: (db) => supersedeReleased(db, ID),
    provisionalGradeOf: (db) => provisionalGradeOf(db, ID),
    firstAttemptEnd: (db) => firstAttemptEnd(db, ID, 'observation'),
  });
});
