import { it } from 'vitest';
import {
  actorRowOfSession,
  actorRowOfUser,
  deleteSession,
  recordSignInAttempt,
  replaceSession,
  userByEmail,
} from '../../../src/store/repositories/sessions.repository.ts';
import { expectSqlSnapshot } from '../sql-snapshot.ts';

const ID = '00000000-0000-4000-8000-000000000001';
const AT = new Date('2026-02-10T10:00:00Z');

it('keeps the SQL the sessions repository sends', async () => {
  await expectSqlSnapshot('sessions', {
    userByEmail: (db) => userByEmail(db, 'a@example.test'),
    recordSignInAttempt: (db) => recordSignInAttempt(db, { email: 'a@example.test', address: '192.0.2.1', succeeded: false, attemptedAt: AT }),
    replaceSession: (db) => replaceSession(db, { idHash: 'b'.repeat(64), userId: ID, expiresAt: AT }, 'c'.repeat(64)),
    deleteSession: (db) => deleteSession(db, 'b'.repeat(64)),
    actorRowOfUser: (db) => actorRowOfUser(db, ID),
    actorRowOfSession: (db) => actorRowOfSession(db, 'b'.repeat(64), AT),
  });
});
