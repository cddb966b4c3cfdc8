import { it } from 'vitest';
import {
  awaitingModeration,
  batchSignedOff,
  bookedSession,
  deliveryOf,
  demoMarked,
  hasUsers,
  insertOrganisation,
  insertUser,
  markDemoLoaded,
  releasedResultId,
} from '../../../src/store/repositories/demo.repository.ts';
import { expectSqlSnapshot } from '../sql-snapshot.ts';

const ID = '00000000-0000-4000-8000-000000000001';
const ORG = '00000000-0000-4000-8000-000000000002';
const AT = new Date('2026-02-10T10:00:00Z');

it('keeps the SQL the demo repository sends', async () => {
  await expectSqlSnapshot('demo', {
    hasUsers: (db) => hasUsers(db),
    demoMarked: (db) => demoMarked(db),
    markDemoLoaded: (db) => markDemoLoaded(db, AT),
    insertOrganisation: (db) => insertOrganisation(db, { kind: 'provider', name: 'Riverside Training', ukprn: '10012345' }),
    insertStaffUser: (db) =>
      insertUser(db, { email: 'admin@demo.capstone.test', name: 'Priya Shah', role: 'epao-admin', organisationId: ORG, passwordHash: 'hash' }),
    insertApprenticeUser: (db) =>
      insertUser(db, { email: 'a@apprentice.demo.capstone.test', name: 'A B', role: 'apprentice', apprenticeId: ID, passwordHash: 'hash' }),
    releasedResultId: (db) => releasedResultId(db, ID),
    bookedSession: (db) => bookedSession(db, ID, 'observation'),
    deliveryOf: (db) => deliveryOf(db, ID),
    awaitingModeration: (db) => awaitingModeration(db, ID),
    batchSignedOff: (db) => batchSignedOff(db, ID),
  });
});
