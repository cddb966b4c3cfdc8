import { it } from 'vitest';
import { firstEpaoName, organisationName, recordCounts, usersOfDomain } from '../../../src/store/repositories/dashboard.repository.ts';
import { expectSqlSnapshot } from '../sql-snapshot.ts';

it('keeps the SQL the dashboard repository sends', async () => {
  await expectSqlSnapshot('dashboard', {
    recordCounts: (db) => recordCounts(db),
    firstEpaoName: (db) => firstEpaoName(db),
    organisationName: (db) => organisationName(db, '00000000-0000-4000-8000-000000000001'),
    usersOfDomain: (db) => usersOfDomain(db, 'demo.capstone.test'),
  });
});
