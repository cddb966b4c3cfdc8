import { it } from 'vitest';
import {
  clashedRecords,
  clashRow,
  clashRows,
  clashToDecide,
  closeClash,
  findClash,
  insertClash,
  insertClashes,
  lockClash,
  openClashesOf,
  openClashId,
  requesterNames,
} from '../../../src/store/repositories/registration-clashes.repository.ts';
import { expectSqlSnapshot } from '../sql-snapshot.ts';

it('keeps the SQL the registration clashes repository sends', async () => {
  await expectSqlSnapshot('registration-clashes', {
    openClashesOf: (db) => openClashesOf(db, ['1000000018', '1000000026']),
    insertClash: (db) =>
      insertClash(db, {
        uln: '1000000018',
        standard: 'ST0071@1.2',
        standardCode: 'ST0071',
        existingRecordId: '00000000-0000-4000-8000-000000000001',
        requestedProviderId: '00000000-0000-4000-8000-000000000002',
        requestedBy: null,
        requestedOn: '2026-02-10',
        request: {},
      }),
    openClashId: (db) => openClashId(db, { uln: '1000000018', standardCode: 'ST0071', requestedProviderId: '00000000-0000-4000-8000-000000000002' }),
    insertClashes: (db) =>
      insertClashes(db, [
        {
          id: '00000000-0000-4000-8000-000000000003',
          uln: '1000000018',
          standard: 'ST0071@1.2',
          standardCode: 'ST0071',
          existingRecordId: '00000000-0000-4000-8000-000000000001',
          requestedProviderId: '00000000-0000-4000-8000-000000000002',
          requestedBy: null,
          requestedOn: '2026-02-10',
          request: {},
        },
      ]),
    findClash: (db) => findClash(db, '00000000-0000-4000-8000-000000000001'),
    clashRows: (db) => clashRows(db, {}),
    clashRowsOfProviderAndStatus: (db) => clashRows(db, { requestedProviderId: '00000000-0000-4000-8000-000000000002', status: 'open' }),
    clashRow: (db) => clashRow(db, '00000000-0000-4000-8000-000000000001'),
    clashedRecords: (db) => clashedRecords(db, ['00000000-0000-4000-8000-000000000001']),
    requesterNames: (db) => requesterNames(db, ['00000000-0000-4000-8000-000000000002'], ['00000000-0000-4000-8000-000000000004']),
    clashToDecide: (db) => clashToDecide(db, '00000000-0000-4000-8000-000000000001'),
    lockClash: (db) => lockClash(db, '00000000-0000-4000-8000-000000000001'),
    closeClashRejected: (db) =>
      closeClash(db, '00000000-0000-4000-8000-000000000001', {
        status: 'rejected',
        reason: 'not the same apprentice',
        decidedBy: '00000000-0000-4000-8000-000000000004',
        decidedAt: new Date('2026-02-10T10:00:00Z'),
      }),
    closeClashTransferred: (db) =>
      closeClash(db, '00000000-0000-4000-8000-000000000001', {
        status: 'transferred',
        newRecordId: '00000000-0000-4000-8000-000000000005',
        decidedBy: '00000000-0000-4000-8000-000000000004',
        decidedAt: new Date('2026-02-10T10:00:00Z'),
      }),
  });
});
