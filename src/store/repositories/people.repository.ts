// People in the database: accounts the EPAO invites, disables and lists, and the one-time
// links (stored as their SHA-256) that set a password.
import { type Selectable, sql } from 'kysely';
import type { Role } from '../../domain/access/access.ts';
import type { LinkPurpose } from '../../domain/access/password-links.ts';
import type { Db } from '../database.ts';
import type { Database } from '../schema.ts';

export type PersonRow = Pick<Selectable<Database['users']>, 'id' | 'email' | 'name' | 'role' | 'organisationId' | 'disabledAt' | 'createdAt'> & {
  organisationName: string | null;
  /** Invited, and no password set yet. */
  awaitingPassword: boolean;
};

/** A new account that cannot sign in until its password is set from the invitation. */
export async function insertInvitedUser(
  tx: Db,
  user: { email: string; name: string; role: Role; organisationId: string | null; passwordHash: string },
): Promise<string | undefined> {
  const row = await tx
    .insertInto('users')
    .values(user)
    .onConflict((oc) => oc.column('email').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export async function insertPasswordLink(tx: Db, link: { tokenHash: string; userId: string; purpose: LinkPurpose; expiresAt: Date }): Promise<void> {
  await tx.insertInto('passwordTokens').values(link).execute();
}

/** The link with its account, or undefined for a link never made. */
export async function passwordLinkByHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('passwordTokens')
    .innerJoin('users', 'users.id', 'passwordTokens.userId')
    .select([
      'passwordTokens.userId',
      'passwordTokens.purpose',
      'passwordTokens.expiresAt',
      'passwordTokens.usedAt',
      'users.email',
      'users.name',
      'users.disabledAt',
    ])
    .where('passwordTokens.tokenHash', '=', tokenHash)
    .executeTakeFirst();
}

/** Uses the link once: true when this call was the one that used it. */
export async function useLink(tx: Db, tokenHash: string, at: Date): Promise<boolean> {
  const used = await tx
    .updateTable('passwordTokens')
    .set({ usedAt: at })
    .where('tokenHash', '=', tokenHash)
    .where('usedAt', 'is', null)
    .returning('userId')
    .execute();
  return used.length === 1;
}

export async function setPasswordHash(tx: Db, userId: string, passwordHash: string): Promise<void> {
  await tx.updateTable('users').set({ passwordHash }).where('id', '=', userId).execute();
}

/** How many reset links the account was sent since `since`. */
export async function resetsSentSince(db: Db, userId: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('passwordTokens')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('userId', '=', userId)
    .where('purpose', '=', 'reset')
    .where('createdAt', '>=', since)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function accountByEmail(db: Db, email: string) {
  return db.selectFrom('users').select(['id', 'email', 'name', 'role', 'disabledAt']).where('email', '=', email).executeTakeFirst();
}

export async function accountById(db: Db, id: string) {
  return db.selectFrom('users').select(['id', 'email', 'name', 'role', 'disabledAt', 'passwordHash']).where('id', '=', id).executeTakeFirst();
}

export async function setDisabled(tx: Db, userId: string, at: Date | null): Promise<void> {
  await tx.updateTable('users').set({ disabledAt: at }).where('id', '=', userId).execute();
}

/** Ends every session of the account (signed out everywhere). */
export async function endSessionsOf(tx: Db, userId: string): Promise<number> {
  const ended = await tx.deleteFrom('sessions').where('userId', '=', userId).executeTakeFirst();
  return Number(ended.numDeletedRows);
}

/** Revokes every live API token of the account. */
export async function revokeTokensOf(tx: Db, userId: string, at: Date): Promise<number> {
  const revoked = await tx.updateTable('apiTokens').set({ revokedAt: at }).where('userId', '=', userId).where('revokedAt', 'is', null).executeTakeFirst();
  return Number(revoked.numUpdatedRows);
}

/** People by name, a page at a time (keyset on name and id), of one role or all but apprentices. */
export async function peoplePage(
  db: Db,
  options: { role?: Role; after?: { name: string; id: string }; limit: number; noPasswordYet: string },
): Promise<PersonRow[]> {
  let query = db
    .selectFrom('users')
    .leftJoin('organisations', 'organisations.id', 'users.organisationId')
    .select([
      'users.id',
      'users.email',
      'users.name',
      'users.role',
      'users.organisationId',
      'users.disabledAt',
      'users.createdAt',
      'organisations.name as organisationName',
    ])
    .select(sql<boolean>`users.password_hash = ${options.noPasswordYet}`.as('awaitingPassword'));
  query = options.role ? query.where('users.role', '=', options.role) : query.where('users.role', '!=', 'apprentice');
  const after = options.after;
  if (after)
    query = query.where((eb) => eb.or([eb('users.name', '>', after.name), eb.and([eb('users.name', '=', after.name), eb('users.id', '>', after.id)])]));
  return query.orderBy('users.name').orderBy('users.id').limit(options.limit).execute();
}

/** Organisations of a kind, by name: the choices when the EPAO invites a provider's or employer's user. */
export async function organisationsOf(db: Db, kind: 'provider' | 'employer') {
  return db.selectFrom('organisations').select(['id', 'name', 'ukprn']).where('kind', '=', kind).orderBy('name').limit(1000).execute();
}

export async function organisationKind(db: Db, id: string): Promise<string | undefined> {
  return (await db.selectFrom('organisations').select('kind').where('id', '=', id).executeTakeFirst())?.kind;
}

export async function remindersOffOf(db: Db, userId: string): Promise<boolean> {
  return (await db.selectFrom('users').select('remindersOff').where('id', '=', userId).executeTakeFirstOrThrow()).remindersOff;
}

export async function setRemindersOff(tx: Db, userId: string, off: boolean): Promise<void> {
  await tx.updateTable('users').set({ remindersOff: off }).where('id', '=', userId).execute();
}

/** Every link of the account not yet used stops working (a new one is on its way, or a password was just set). */
export async function retireLinks(tx: Db, userId: string, at: Date): Promise<void> {
  await tx.updateTable('passwordTokens').set({ usedAt: at }).where('userId', '=', userId).where('usedAt', 'is', null).execute();
}
