// API tokens in the database, stored as their SHA-256: made, listed, revoked, and looked up
// per request in one statement.
import type { Role } from '../../domain/access/access.ts';
import type { Db } from '../database.ts';

export type TokenScope = 'read' | 'write';

export async function insertToken(
  tx: Db,
  token: { tokenHash: string; name: string; scope: TokenScope; userId: string; createdAt: Date; expiresAt: Date },
): Promise<string> {
  return (await tx.insertInto('apiTokens').values(token).returning('id').executeTakeFirstOrThrow()).id;
}

/** The user's tokens, newest first: never the hash. */
export async function tokensOfUser(db: Db, userId: string) {
  return db
    .selectFrom('apiTokens')
    .select(['id', 'name', 'scope', 'createdAt', 'expiresAt', 'lastUsedAt', 'revokedAt'])
    .where('userId', '=', userId)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Revokes the user's own live token; false when there is none such. */
export async function revokeToken(tx: Db, id: string, userId: string, at: Date): Promise<boolean> {
  const updated = await tx
    .updateTable('apiTokens')
    .set({ revokedAt: at })
    .where('id', '=', id)
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

/**
 * The user a live token (not revoked, not expired) acts as, and its scope: one statement,
 * which also stamps lastUsedAt when the last stamp is older than `stale`.
 */
export async function liveToken(
  db: Db,
  tokenHash: string,
  now: Date,
  stale: Date,
): Promise<
  | {
      userId: string;
      role: Role;
      organisationId: string | null;
      apprenticeId: string | null;
      name: string;
      assessorId: string | null;
      tokenId: string;
      scope: TokenScope;
    }
  | undefined
> {
  return (
    db
      .with('token', (q) =>
        q
          .selectFrom('apiTokens')
          .select(['id', 'userId', 'scope'])
          .where('tokenHash', '=', tokenHash)
          .where('revokedAt', 'is', null)
          .where('expiresAt', '>', now),
      )
      .with('touched', (q) =>
        q
          .updateTable('apiTokens')
          .set({ lastUsedAt: now })
          .where('id', 'in', q.selectFrom('token').select('token.id'))
          .where((eb) => eb.or([eb('lastUsedAt', 'is', null), eb('lastUsedAt', '<=', stale)]))
          .returning('apiTokens.id'),
      )
      .selectFrom('token')
      .innerJoin('users', 'users.id', 'token.userId')
      .leftJoin('assessors', 'assessors.userId', 'users.id')
      .select([
        'users.id as userId',
        'users.role',
        'users.organisationId',
        'users.apprenticeId',
        'users.name',
        'assessors.id as assessorId',
        'token.id as tokenId',
        'token.scope',
      ])
      // A disabled account's tokens act for no one, even one made while it was being disabled.
      .where('users.disabledAt', 'is', null)
      .executeTakeFirst()
  );
}
