import { it } from 'vitest';
import { insertToken, liveToken, revokeToken, tokensOfUser } from '../../../src/store/repositories/api-tokens.repository.ts';
import { expectSqlSnapshot } from '../sql-snapshot.ts';

const ID = '00000000-0000-4000-8000-000000000001';
const AT = new Date('2026-02-10T10:00:00Z');

it('keeps the SQL the API tokens repository sends', async () => {
  await expectSqlSnapshot('api-tokens', {
    insertToken: (db) => insertToken(db, { tokenHash: 'a'.repeat(64), name: 'MIS', scope: 'read', userId: ID, createdAt: AT, expiresAt: AT }),
    tokensOfUser: (db) => tokensOfUser(db, ID),
    revokeToken: (db) => revokeToken(db, ID, ID, AT),
    liveToken: (db) => liveToken(db, 'a'.repeat(64), AT, AT),
  });
});
