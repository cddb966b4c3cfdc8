import { it } from 'vitest';
import { findClash, insertClash, insertClashes, openClashesOf, openClashId } from '../../../src/store/repositories/registration-clashes.repository.ts';
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
  });
});
