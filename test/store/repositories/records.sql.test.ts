import { it } from 'vitest';
import {
  organisationRows,
  recordParties,
  recordRowById,
  recordRows,
  recordRowsByUln,
  setApprenticeEmail,
  updateRecordDetails,
} from '../../../src/store/repositories/records.repository.ts';
import { expectSqlSnapshot } from '../sql-snapshot.ts';

const ID = '00000000-0000-4000-8000-000000000001';
const ORG = '00000000-0000-4000-8000-000000000002';

it('records repository SQL', async () => {
  await expectSqlSnapshot('records', {
    'recordRowById (all)': (db) => recordRowById(db, ID, { kind: 'all' }),
    'recordRowById (assessor)': (db) => recordRowById(db, ID, { kind: 'assessor', assessorId: ORG, bookingStatuses: ['booked', 'held'] }),
    'recordRowById (none)': (db) => recordRowById(db, ID, { kind: 'none' }),
    'recordRowsByUln (all)': (db) => recordRowsByUln(db, '1234567890', { kind: 'all' }),
    'recordRowsByUln (provider)': (db) => recordRowsByUln(db, '1234567890', { kind: 'provider', organisationId: ORG }),
    'recordRowsByUln (employer)': (db) => recordRowsByUln(db, '1234567890', { kind: 'employer', organisationId: ORG }),
    'recordRowsByUln (apprentice)': (db) => recordRowsByUln(db, '1234567890', { kind: 'apprentice', apprenticeId: ID }),
    recordRows: (db) =>
      recordRows(db, { kind: 'provider', organisationId: ORG }, { status: 'registered', standard: 'ST0071@1.2', q: 'Cla_rke', limit: 20, offset: 40 }),
    recordParties: (db) => recordParties(db, ID),
    organisationRows: (db) => organisationRows(db, [ID, ORG]),
    updateRecordDetails: (db) => updateRecordDetails(db, ID, 3, { policy: 'PAL' }, new Date('2026-01-05T10:00:00Z')),
    setApprenticeEmail: (db) => setApprenticeEmail(db, ID, 'a@example.test'),
  });
});
