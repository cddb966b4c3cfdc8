// Signing in and out, and sessions. Sessions and the sign-in throttle live in the
// database, so several processes can serve one database and the limits hold across them.
// Session ids are random; only their SHA-256 is stored. (API tokens: api-tokens.ts.)
import { createHash, randomBytes } from 'node:crypto';
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';
import type { Actor } from '../domain/access/access.ts';
import { SIGN_IN_THROTTLE } from '../domain/access/sign-in-throttle.ts';
import {
  type ActorRow,
  actorRowOfSession,
  actorRowOfUser,
  deleteSession,
  recordSignInAttempt,
  replaceSession,
  userByEmail,
} from '../store/repositories/sessions.repository.ts';
import { inTransaction } from '../store/transaction.ts';
import type { AppContext } from './context.ts';
import { AppError, unauthorised } from './errors.ts';
import { forgetOldCounters, reserveSignIn, settleSuccess } from './sign-in-throttle.ts';

export const SESSION_HOURS = 8;
/**
 * Failed sign-ins one account may have from one client address within the window before
 * that pair is refused; the whole policy (per address, per account) and its reasons are
 * at SIGN_IN_THROTTLE.
 */
export const SIGN_IN_LIMIT = { failures: SIGN_IN_THROTTLE.pair.failures, windowMinutes: SIGN_IN_THROTTLE.windowMinutes } as const;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const newToken = (prefix: string) => `${prefix}${randomBytes(32).toString('base64url')}`;

export function hashPassword(password: string): Promise<string> {
  return argon2Hash(password);
}

// An unknown email is checked against this, made once (when the module loads, so not
// during anyone's sign-in) with the same parameters: it costs what a known one does, and
// the answer's timing says nothing about who has an account.
const unknownUserHash = hashPassword(randomBytes(16).toString('base64url'));

export type SignInClient = { address: string; previousSession?: string };

export async function signIn(ctx: AppContext, email: string, password: string, client: SignInClient): Promise<{ session: string; actor: Actor }> {
  const account = email.trim().toLowerCase();
  // A forged X-Forwarded-For can say anything: keep the key short.
  const from = client.address.slice(0, 64);
  // Counted before the password is checked, so parallel attempts cannot all get through.
  await reserveSignIn(ctx, account, from);

  const user = await userByEmail(ctx.db, account);
  const valid = await argon2Verify(user?.passwordHash ?? (await unknownUserHash), password).catch(() => false);
  // A disabled account is refused in the same words: the page says nothing about which accounts exist.
  if (!user || !valid || user.disabledAt) {
    await recordSignInAttempt(ctx.db, { email: account, address: from, succeeded: false, attemptedAt: ctx.now() });
    await forgetOldCounters(ctx);
    throw new AppError(401, 'BAD_CREDENTIALS', 'the email address or password is not right');
  }

  const session = newToken('');
  await inTransaction(ctx.db, async (trx) => {
    await settleSuccess(trx, account, from, ctx.now());
    await recordSignInAttempt(trx, { email: account, address: from, succeeded: true, attemptedAt: ctx.now() });
    // A new session id at every sign-in; the one the browser came with is gone.
    const expiresAt = new Date(ctx.now().getTime() + SESSION_HOURS * 3_600_000);
    await replaceSession(trx, { idHash: sha256(session), userId: user.id, expiresAt }, client.previousSession ? sha256(client.previousSession) : null);
  });
  const actor = await actorForUser(ctx, user.id);
  if (!actor) throw unauthorised();
  return { session, actor };
}

export async function signOut(ctx: AppContext, session: string): Promise<void> {
  await deleteSession(ctx.db, sha256(session));
}

const toActor = (row: ActorRow): Actor => ({
  userId: row.id,
  role: row.role,
  organisationId: row.organisationId,
  apprenticeId: row.apprenticeId,
  assessorId: row.assessorId,
  name: row.name,
});

export async function actorForUser(ctx: AppContext, userId: string): Promise<Actor | null> {
  const row = await actorRowOfUser(ctx.db, userId);
  return row ? toActor(row) : null;
}

/** One query per request: the session, its user and (for an assessor) the assessor record. */
export async function actorForSession(ctx: AppContext, session: string): Promise<Actor | null> {
  const row = await actorRowOfSession(ctx.db, sha256(session), ctx.now());
  return row ? toActor(row) : null;
}
