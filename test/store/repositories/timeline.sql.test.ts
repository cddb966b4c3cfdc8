import { it } from 'vitest';
import {
  appealsOfRecord,
  assessmentsOfRecord,
  bookingChanges,
  bookingsOfRecord,
  certificatesOfRecord,
  gatewayStepsOf,
  reattemptsOfRecord,
  resultsOfRecord,
  submissionsInOrder,
} from '../../../src/store/repositories/timeline.repository.ts';
import { expectSqlSnapshot } from '../sql-snapshot.ts';

const ID = '00000000-0000-4000-8000-000000000001';
const BOOKING = '00000000-0000-4000-8000-000000000002';

it('keeps the SQL the timeline repository sends', async () => {
  await expectSqlSnapshot('timeline', {
    gatewayStepsOf: (db) => gatewayStepsOf(db, ID),
    bookingsOfRecord: (db) => bookingsOfRecord(db, ID),
    submissionsInOrder: (db) => submissionsInOrder(db, ID),
    assessmentsOfRecord: (db) => assessmentsOfRecord(db, ID),
    resultsOfRecord: (db) => resultsOfRecord(db, ID),
    appealsOfRecord: (db) => appealsOfRecord(db, ID),
    reattemptsOfRecord: (db) => reattemptsOfRecord(db, ID),
    certificatesOfRecord: (db) => certificatesOfRecord(db, ID),
    bookingChanges: (db) => bookingChanges(db, [BOOKING]),
    bookingChangesOfNone: (db) => bookingChanges(db, []),
  });
});
