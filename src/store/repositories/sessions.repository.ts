// Accounts, sessions and sign-in attempts in the database. Session ids arrive here hashed.
import type { Selectable } from 'kysely';
import type { Role } from '../../domain/access/access.ts';
import { compiledOnce } from '../compiled-query.ts';
import type { Db } from '../database.ts';
import type { Database } from '../schema.ts';

export type UserRow = Selectable<Database['users']>;
export type ActorRow = { id: string; role: Role; organisationId: string | null; apprenticeId: string | null; name: string; assessorId: string | null };

export async function userByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function recordSignInAttempt(db: Db, attempt: { email: string; address: string; succeeded: boolean; attemptedAt: Date }): Promise<void> {
  await db.insertInto('signInAttempts').values(attempt).execute();
}

/** A new session in place of the one the browser came with (if any). */
export async function replaceSession(tx: Db, session: { idHash: string; userId: string; expiresAt: Date }, previousIdHash: string | null): Promise<void> {
  if (previousIdHash) await tx.deleteFrom('sessions').where('idHash', '=', previousIdHash).execute();
  await tx.insertInto('sessions').values(session).execute();
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('idHash', '=', idHash).execute();
}

function actorQuery(db: Db) {
  return db
    .selectFrom('users')
    .leftJoin('assessors', 'assessors.userId', 'users.id')
    .select(['users.id', 'users.role', 'users.organisationId', 'users.apprenticeId', 'users.name', 'assessors.id as assessorId']);
}

export async function actorRowOfUser(db: Db, userId: string): Promise<ActorRow | undefined> {
  return actorQuery(db).where('users.id', '=', userId).executeTakeFirst();
}

/** One query per request: the session, its user and (for an assessor) the assessor record. Built once: it runs on every request. */
const actorOfSession = compiledOnce<{ idHash: string; now: Date }, ActorRow>((db, param) =>
  actorQuery(db)
    .innerJoin('sessions', 'sessions.userId', 'users.id')
    .where('sessions.idHash', '=', param('idHash'))
    .where('sessions.expiresAt', '>', param('now'))
    .where('users.disabledAt', 'is', null),
);

export async function actorRowOfSession(db: Db, idHash: string, now: Date): Promise<ActorRow | undefined> {
  return (await actorOfSession(db, { idHash, now })).rows[0];
}
