import { it } from 'vitest';
import {
  bookingsToCome,
  cancelForWithdrawal,
  markWithdrawn,
  recordForWithdrawal,
  withdrawalOf,
} from '../../../src/store/repositories/withdrawal.repository.ts';
import { expectSqlSnapshot } from '../sql-snapshot.ts';

const ID = '00000000-0000-4000-8000-000000000001';
const AT = new Date('2026-02-10T10:00:00Z');

it('keeps the SQL the withdrawal repository sends', async () => {
  await expectSqlSnapshot('withdrawal', {
    recordForWithdrawal: (db) => recordForWithdrawal(db, ID),
    markWithdrawn: (db) => markWithdrawn(db, ID, { status: 'withdrawn', withdrawnOn: '2026-02-10', reason: 'left', at: AT }),
    withdrawalOf: (db) => withdrawalOf(db, ID),
    bookingsToCome: (db) => bookingsToCome(db, ID, AT),
    cancelForWithdrawal: (db) => cancelForWithdrawal(db, ID, '2026-02-10', 'apprentice withdrawn: left'),
  });
});
