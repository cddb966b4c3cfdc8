import { it } from 'vitest';
import {
  insertApprentices,
  insertRecords,
  insertRegistration,
  peopleOfUlns,
  registrationFacts,
} from '../../../src/store/repositories/registration.repository.ts';
import { expectSqlSnapshot } from '../sql-snapshot.ts';

const ID = '00000000-0000-4000-8000-000000000001';
const RECORD = {
  id: ID,
  uln: '1000000018',
  standard: 'ST0071@1.2',
  standardCode: 'ST0071',
  policy: null,
  status: 'registered' as const,
  startDate: '2025-01-06',
  plannedEndDate: null,
  registeredOn: '2026-02-10',
  channel: null,
  extraTimePercent: 0,
  adjustments: null,
  updatedAt: new Date('2026-02-10T10:00:00Z'),
};
const AUDIT = { actorId: ID, actor: 'Provider', action: 'register', entity: 'epa-record', entityId: ID, after: {} };

it('keeps the SQL the registration repository sends', async () => {
  await expectSqlSnapshot('registration', {
    insertRecords: (db) => insertRecords(db, [{ ...RECORD, apprenticeId: ID }]),
    insertApprentices: (db) =>
      insertApprentices(db, [
        {
          id: ID,
          uln: '1000000018',
          givenNames: 'Ada',
          familyName: 'Lovelace',
          dateOfBirth: '2004-12-10',
          email: null,
          ehcp: false,
          providerId: ID,
          employerId: ID,
          identityKey: null,
        },
      ]),
    peopleOfUlns: (db) => peopleOfUlns(db, ['1000000018'], ['withdrawn', 'completed']),
    registrationFacts: (db) => registrationFacts(db, [ID], '1000000018', true, ['withdrawn', 'completed']),
    'insertRegistration (a person on record)': (db) => insertRegistration(db, RECORD, { existingId: ID }, AUDIT),
    'insertRegistration (a new person)': (db) =>
      insertRegistration(
        db,
        RECORD,
        {
          row: {
            id: ID,
            uln: '1000000018',
            givenNames: 'Ada',
            familyName: 'Lovelace',
            dateOfBirth: '2004-12-10',
            email: null,
            ehcp: false,
            providerId: ID,
            employerId: ID,
            identityKey: 'lovelace|2004-12-10',
          },
        },
        AUDIT,
      ),
  });
});
