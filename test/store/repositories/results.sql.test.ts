import { it } from 'vitest';
import { appealsOfResult, arrangedReattempts, firstAttempts, latestResult, recordWithApprentice } from '../../../src/store/repositories/results.repository.ts';
import { expectSqlSnapshot } from '../sql-snapshot.ts';

const ID = '00000000-0000-4000-8000-000000000001';

it('keeps the SQL the results repository sends', async () => {
  await expectSqlSnapshot('results', {
    recordWithApprentice: (db) => recordWithApprentice(db, ID),
    appealsOfResult: (db) => appealsOfResult(db, ID),
    latestResult: (db) => latestResult(db, ID),
    firstAttempts: (db) => firstAttempts(db, ID),
    arrangedReattempts: (db) => arrangedReattempts(db, ID),
  });
});
