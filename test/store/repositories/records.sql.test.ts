import { it } from 'vitest';
import {
  organisationRows,
  recordPartiesOf,
  recordRow,
  recordRows,
  recordRowsOfUln,
  setApprenticeEmail,
  updateRecordDetails,
} from '../../../src/store/repositories/records.repository.ts';
import { expectSqlSnapshot } from '../sql-snapshot.ts';

const ID = '00000000-0000-4000-8000-000000000001';
const ORG = '00000000-0000-4000-8000-000000000002';
const AT = new Date('2026-02-10T10:00:00Z');

it('keeps the SQL the records repository sends', async () => {
  await expectSqlSnapshot('records', {
    recordRowForAll: (db) => recordRow(db, { kind: 'all' }, ID),
    recordRowForProvider: (db) => recordRow(db, { kind: 'provider', organisationId: ORG }, ID),
    recordRowForEmployer: (db) => recordRow(db, { kind: 'employer', organisationId: ORG }, ID),
    recordRowForApprentice: (db) => recordRow(db, { kind: 'apprentice', apprenticeId: ORG }, ID),
    recordRowForAssessor: (db) => recordRow(db, { kind: 'assessor', assessorId: ORG, bookingStatuses: ['booked'] }, ID),
    recordRowForNone: (db) => recordRow(db, { kind: 'none' }, ID),
    recordRowsOfUln: (db) => recordRowsOfUln(db, { kind: 'all' }, '1000000018'),
    recordRowsOfUlnForProvider: (db) => recordRowsOfUln(db, { kind: 'provider', organisationId: ORG }, '1000000018'),
    recordRowsOfUlnForEmployer: (db) => recordRowsOfUln(db, { kind: 'employer', organisationId: ORG }, '1000000018'),
    recordRowsOfUlnForApprentice: (db) => recordRowsOfUln(db, { kind: 'apprentice', apprenticeId: ORG }, '1000000018'),
    recordRows: (db) => recordRows(db, { kind: 'all' }, { limit: 100, offset: 0 }),
    recordRowsFiltered: (db) =>
      recordRows(db, { kind: 'provider', organisationId: ORG }, { status: 'registered', standard: 'ST0071@1.2', limit: 20, offset: 40 }),
    organisationRows: (db) => organisationRows(db, [ORG]),
    recordPartiesOf: (db) => recordPartiesOf(db, ID),
    updateRecordDetails: (db) => updateRecordDetails(db, ID, 2, { plannedEndDate: '2026-09-01', channel: 'both', extraTimePercent: 25, adjustments: null }, AT),
    setApprenticeEmail: (db) => setApprenticeEmail(db, ORG, 'learner@example.test'),
  });
});
