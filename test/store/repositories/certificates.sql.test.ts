import { it } from 'vitest';
import {
  certificateOfResult,
  employerOfRecord,
  findCertificate,
  insertCertificate,
  listCertificateRows,
  lockCertificate,
  lockCurrentResult,
  recordCertificateStep,
  recordForCertificate,
} from '../../../src/store/repositories/certificates.repository.ts';
import { expectSqlSnapshot } from '../sql-snapshot.ts';

const ID = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';

it('keeps the SQL the certificates repository sends', async () => {
  await expectSqlSnapshot('certificates', {
    lockCurrentResult: (db) => lockCurrentResult(db, ID),
    recordForCertificate: (db) => recordForCertificate(db, ID),
    findCertificate: (db) => findCertificate(db, ID),
    listCertificateRows: (db) => listCertificateRows(db, {}),
    'listCertificateRows (by status and record)': (db) => listCertificateRows(db, { status: 'issued', recordId: ID }),
    certificateOfResult: (db) => certificateOfResult(db, ID),
    insertCertificate: (db) =>
      insertCertificate(db, {
        epaRecordId: ID,
        resultId: OTHER,
        claimedGivenNames: 'Ada',
        claimedFamilyName: 'Lovelace',
        claimedUln: '1234567890',
        requestedOn: '2026-02-10',
      }),
    lockCertificate: (db) => lockCertificate(db, ID),
    recordCertificateStep: (db) => recordCertificateStep(db, ID, { status: 'issued', issuedOn: '2026-02-10' }),
    'recordCertificateStep (reprint)': (db) => recordCertificateStep(db, ID, { status: 'reprint-requested', reprints: 1 }),
    employerOfRecord: (db) => employerOfRecord(db, ID),
  });
});
