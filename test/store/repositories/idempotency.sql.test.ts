import { it } from 'vitest';
import { claimKey, releaseKey, storedKey, storeResponse } from '../../../src/store/repositories/idempotency.repository.ts';
import { expectSqlSnapshot } from '../sql-snapshot.ts';

const ID = '00000000-0000-4000-8000-000000000001';

it('keeps the SQL the idempotency repository sends', async () => {
  await expectSqlSnapshot('idempotency', {
    claimKey: (db) => claimKey(db, ID, 'key-1', 'a'.repeat(64)),
    storeResponse: (db) => storeResponse(db, ID, 'key-1', { status: 201, body: { id: ID } }),
    releaseKey: (db) => releaseKey(db, ID, 'key-1', { onlyUnanswered: false }),
    'releaseKey (only unanswered)': (db) => releaseKey(db, ID, 'key-1', { onlyUnanswered: true }),
    storedKey: (db) => storedKey(db, ID, 'key-1'),
  });
});
