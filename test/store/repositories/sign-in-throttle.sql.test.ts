import { it } from 'vitest';
import { deleteForgottenCounters, lockCounters, writeCounter } from '../../../src/store/repositories/sign-in-throttle.repository.ts';
import { expectSqlSnapshot } from '../sql-snapshot.ts';

const AT = new Date('2026-02-10T10:00:00Z');

it('keeps the SQL the sign-in throttle repository sends', async () => {
  await expectSqlSnapshot('sign-in-throttle', {
    lockCounters: (db) => lockCounters(db, ['account:a@example.test', 'address:192.0.2.1'], AT),
    writeCounter: (db) => writeCounter(db, 'account:a@example.test', { failures: 3, lastFailureAt: AT, blockedUntil: null }),
    'writeCounter (clean slate)': (db) => writeCounter(db, 'account:a@example.test', null),
    deleteForgottenCounters: (db) => deleteForgottenCounters(db, AT, AT),
  });
});
