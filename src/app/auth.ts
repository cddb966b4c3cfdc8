// Signing in and out, and sessions. Sessions and sign-in attempts live in the database, so
// several processes can serve one database and the rate limit holds across them. Session
// ids are random; only their SHA-256 is stored. (API tokens: api-tokens.ts.)
import { createHash, randomBytes } from 'node:crypto';
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';
import type { Actor } from '../domain/access/access.ts';
import type { AppContext } from './context.ts';
import { AppError, unauthorised } from './errors.ts';

export const SESSION_HOURS = 8;
/** Failed sign-ins allowed for one email within the window before it is refused. */
export const SIGN_IN_LIMIT = { failures: 5, windowMinutes: 15 } as const;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const newToken = (prefix: string) => `${prefix}${randomBytes(32).toString('base64url')}`;

export function hashPassword(password: string): Promise<string> {
  return argon2Hash(password);
}

export async function signIn(ctx: AppContext, email: string, password: string, previousSession?: string): Promise<{ session: string; actor: Actor }> {
  const address = email.trim().toLowerCase();
  const since = new Date(ctx.now().getTime() - SIGN_IN_LIMIT.windowMinutes * 60_000);
  const failures = await ctx.db
    .selectFrom('signInAttempts')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('email', '=', address)
    .where('succeeded', '=', false)
    .where('attemptedAt', '>', since)
    .executeTakeFirstOrThrow();
  if (Number(failures.count) >= SIGN_IN_LIMIT.failures)
    throw new AppError(429, 'TOO_MANY_ATTEMPTS', `too many failed sign-ins for this account: try again in ${SIGN_IN_LIMIT.windowMinutes} minutes`);

  const user = await ctx.db.selectFrom('users').selectAll().where('email', '=', address).executeTakeFirst();
  const valid = user ? await argon2Verify(user.passwordHash, password).catch(() => false) : false;
  await ctx.db.insertInto('signInAttempts').values({ email: address, succeeded: valid, attemptedAt: ctx.now() }).execute();
  if (!user || !valid) throw new AppError(401, 'BAD_CREDENTIALS', 'the email address or password is not right');

  const session = newToken('');
  await ctx.db.transaction().execute(async (trx) => {
    // A new session id at every sign-in; the one the browser came with is gone.
    if (previousSession) await trx.deleteFrom('sessions').where('idHash', '=', sha256(previousSession)).execute();
    await trx
      .insertInto('sessions')
      .values({ idHash: sha256(session), userId: user.id, expiresAt: new Date(ctx.now().getTime() + SESSION_HOURS * 3_600_000) })
      .execute();
  });
  const actor = await actorForUser(ctx, user.id);
  if (!actor) throw unauthorised();
  return { session, actor };
}

export async function signOut(ctx: AppContext, session: string): Promise<void> {
  await ctx.db.deleteFrom('sessions').where('idHash', '=', sha256(session)).execute();
}

function actorQuery(ctx: AppContext) {
  return ctx.db
    .selectFrom('users')
    .leftJoin('assessors', 'assessors.userId', 'users.id')
    .select(['users.id', 'users.role', 'users.organisationId', 'users.apprenticeId', 'users.name', 'assessors.id as assessorId']);
}

type ActorRow = { id: string; role: Actor['role']; organisationId: string | null; apprenticeId: string | null; name: string; assessorId: string | null };

const toActor = (row: ActorRow): Actor => ({
  userId: row.id,
  role: row.role,
  organisationId: row.organisationId,
  apprenticeId: row.apprenticeId,
  assessorId: row.assessorId,
  name: row.name,
});

export async function actorForUser(ctx: AppContext, userId: string): Promise<Actor | null> {
  const row = await actorQuery(ctx).where('users.id', '=', userId).executeTakeFirst();
  return row ? toActor(row) : null;
}

/** One query per request: the session, its user and (for an assessor) the assessor record. */
export async function actorForSession(ctx: AppContext, session: string): Promise<Actor | null> {
  const row = await actorQuery(ctx)
    .innerJoin('sessions', 'sessions.userId', 'users.id')
    .where('sessions.idHash', '=', sha256(session))
    .where('sessions.expiresAt', '>', ctx.now())
    .executeTakeFirst();
  return row ? toActor(row) : null;
}
