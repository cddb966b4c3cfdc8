import { it } from 'vitest';
import {
  certificatesOfResult,
  decideCase,
  insertCase,
  lockCase,
  lockRecordForCase,
  lockResult,
  setResultStatus,
} from '../../../src/store/repositories/malpractice.repository.ts';
import { expectSqlSnapshot } from '../sql-snapshot.ts';

const ID = '00000000-0000-4000-8000-000000000001';

it('keeps the SQL the malpractice repository sends', async () => {
  await expectSqlSnapshot('malpractice', {
    lockRecordForCase: (db) => lockRecordForCase(db, ID),
    insertCase: (db) => insertCase(db, { epaRecordId: ID, resultId: null, openedBy: ID, openedOn: '2026-02-10', allegation: 'copied work' }),
    lockCase: (db) => lockCase(db, ID),
    decideCase: (db) => decideCase(db, ID, { status: 'upheld', outcome: 'result-cancelled', decidedBy: ID, decidedOn: '2026-02-11', notes: 'found' }),
    lockResult: (db) => lockResult(db, ID),
    setResultStatus: (db) => setResultStatus(db, ID, 'suspended'),
    certificatesOfResult: (db) => certificatesOfResult(db, ID),
  });
});
