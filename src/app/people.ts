// People: nobody ever types another person's password. The EPAO invites a user (an e-mail
// with a one-time link to set their own), anyone may ask for a reset link for their account
// (told the same whether or not it exists), and the EPAO disables an account, which ends its
// sessions and API tokens at once. How long a link lasts and how often one is sent are the
// domain's (domain/access/password-links.ts).
import { createHash, randomBytes } from 'node:crypto';
import type { Actor, Role } from '../domain/access/access.ts';
import { type LinkPurpose, linkExpiresAt, linkRefusal, mayResend } from '../domain/access/password-links.ts';
import { appendAudit } from '../store/audit.ts';
import type { Db } from '../store/database.ts';
import { writeMail } from '../store/repositories/outbox.repository.ts';
import {
  accountByEmail,
  accountById,
  endSessionsOf,
  insertInvitedUser,
  insertPasswordLink,
  organisationKind,
  organisationsOf,
  passwordLinkByHash,
  peoplePage,
  remindersOffOf,
  resetsSentSince,
  retireLinks,
  revokeTokensOf,
  setDisabled,
  setPasswordHash,
  setRemindersOff,
  useLink,
} from '../store/repositories/people.repository.ts';
import { inTransaction } from '../store/transaction.ts';
import { hashPassword } from './auth.ts';
import type { AppContext } from './context.ts';
import { publicUrl } from './epao-settings.ts';
import { AppError, badRequest, conflict, forbidden, notFound } from './errors.ts';
import { isUuid } from './ids.ts';
import { MAX_PASSWORD, MIN_PASSWORD } from './inputs-assessors.ts';
import { composeMail } from './mail-templates.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** What an account holds until its owner sets a password: no password verifies against it. */
export const NO_PASSWORD_YET = '!no password set: invited';

/** The roles the people page invites; an assessor is added (and invited) with their assessor record. */
export const INVITED_ROLES = ['epao-admin', 'iqa', 'provider', 'employer'] as const;

const assertAdmin = (actor: Actor) => {
  if (actor.role !== 'epao-admin') throw forbidden('the EPAO manages people');
};

/** A one-time link for the account, written with the e-mail that carries it, in the caller's transaction. */
export async function sendPasswordLink(
  ctx: AppContext,
  trx: Db,
  user: { id: string; email: string; name: string },
  purpose: LinkPurpose,
  from: string | null,
): Promise<void> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = linkExpiresAt(purpose, ctx.now());
  // One link works at a time: the one this e-mail carries.
  await retireLinks(trx, user.id, ctx.now());
  await insertPasswordLink(trx, { tokenHash: sha256(token), userId: user.id, purpose, expiresAt });
  const link = `${publicUrl()}/set-password?token=${token}`;
  const kind = purpose === 'invite' ? 'invitation' : 'password-reset';
  const values = { name: user.name, email: user.email, inviter: from ?? 'The EPAO', link };
  await writeMail(trx, [await composeMail(trx, kind, user.email, values, `password-link:${sha256(token)}`)]);
}

export type InviteRequest = { email: string; name: string; role: (typeof INVITED_ROLES)[number]; organisationId?: string | null };

/** The EPAO invites a person: their account, and an e-mail with the link to set their password. */
export async function invitePerson(ctx: AppContext, actor: Actor, input: InviteRequest) {
  assertAdmin(actor);
  const needs = input.role === 'provider' || input.role === 'employer' ? input.role : null;
  const organisationId = needs ? (input.organisationId ?? null) : (actor.organisationId ?? null);
  if (needs) {
    if (!organisationId || !isUuid(organisationId) || (await organisationKind(ctx.db, organisationId)) !== needs)
      throw badRequest('ORGANISATION_REQUIRED', `a ${needs}'s user belongs to one of the EPAO's ${needs}s: choose it`);
  }
  const email = input.email.trim().toLowerCase();
  return inTransaction(ctx.db, async (trx) => {
    const id = await insertInvitedUser(trx, { email, name: input.name, role: input.role, organisationId, passwordHash: NO_PASSWORD_YET });
    if (!id) throw conflict('EMAIL_TAKEN', `${email} already has an account`);
    await appendAudit(trx, {
      actorId: actor.userId,
      actor: actor.name,
      action: 'invite',
      entity: 'user',
      entityId: id,
      after: { email, name: input.name, role: input.role, organisationId },
    });
    await sendPasswordLink(ctx, trx, { id, email, name: input.name }, 'invite', actor.name);
    return { id, email, name: input.name, role: input.role as Role, organisationId };
  });
}

/** A new invitation for someone who has not set a password yet (the last one expired, or went astray). */
export async function reinvite(ctx: AppContext, actor: Actor, userId: string): Promise<void> {
  assertAdmin(actor);
  const user = isUuid(userId) ? await accountById(ctx.db, userId) : undefined;
  if (!user) throw notFound(`user ${userId}`);
  if (user.passwordHash !== NO_PASSWORD_YET) throw conflict('PASSWORD_ALREADY_SET', 'this person has set a password: they can reset it themselves');
  if (user.disabledAt) throw conflict('ACCOUNT_DISABLED', 'this account is disabled: enable it first');
  await inTransaction(ctx.db, async (trx) => {
    await appendAudit(trx, { actorId: actor.userId, actor: actor.name, action: 'reinvite', entity: 'user', entityId: user.id });
    await sendPasswordLink(ctx, trx, user, 'invite', actor.name);
  });
}

/**
 * Anyone may ask for a reset link; the answer is the same whether or not the account exists,
 * so it tells no one which addresses have accounts. At most a few links an hour per account.
 */
export async function requestPasswordReset(ctx: AppContext, email: string): Promise<void> {
  const user = await accountByEmail(ctx.db, email.trim().toLowerCase());
  if (!user || user.disabledAt) return;
  const sent = await resetsSentSince(ctx.db, user.id, new Date(ctx.now().getTime() - 3_600_000));
  if (!mayResend(sent)) return;
  await inTransaction(ctx.db, (trx) => sendPasswordLink(ctx, trx, user, 'reset', null));
}

/** The link's account, if the link may still set a password; a refusal saying why not otherwise. */
export async function passwordLinkFor(ctx: AppContext, token: string) {
  const link = token.length > 0 && token.length <= 100 ? await passwordLinkByHash(ctx.db, sha256(token)) : undefined;
  const refusal = linkRefusal(
    link && { purpose: link.purpose, expiresAt: new Date(link.expiresAt), usedAt: link.usedAt, userDisabled: link.disabledAt !== null },
    ctx.now(),
  );
  if (refusal || !link)
    throw new AppError(refusal?.code === 'LINK_NOT_VALID' ? 404 : 410, refusal?.code ?? 'LINK_NOT_VALID', refusal?.message ?? 'this link is not valid');
  return { userId: link.userId, email: link.email, name: link.name, purpose: link.purpose };
}

/** Sets the password from the link, once; every session the account had is ended. */
export async function setPasswordWithLink(ctx: AppContext, token: string, password: string): Promise<{ email: string }> {
  if (password.length < MIN_PASSWORD || password.length > MAX_PASSWORD)
    throw badRequest('PASSWORD_LENGTH', `a password is ${MIN_PASSWORD} to ${MAX_PASSWORD} characters long`);
  const link = await passwordLinkFor(ctx, token);
  const passwordHash = await hashPassword(password);
  await inTransaction(ctx.db, async (trx) => {
    if (!(await useLink(trx, sha256(token), ctx.now()))) throw new AppError(410, 'LINK_USED', 'this link has already been used: ask for a new one');
    await setPasswordHash(trx, link.userId, passwordHash);
    await retireLinks(trx, link.userId, ctx.now());
    await endSessionsOf(trx, link.userId);
    await appendAudit(trx, {
      actorId: link.userId,
      actor: link.name,
      action: link.purpose === 'invite' ? 'accept-invitation' : 'reset-password',
      entity: 'user',
      entityId: link.userId,
    });
  });
  return { email: link.email };
}

/** Disables an account (its sessions end and its API tokens are revoked) or enables it again. */
export async function setAccountDisabled(ctx: AppContext, actor: Actor, userId: string, disabled: boolean) {
  assertAdmin(actor);
  if (userId === actor.userId) throw conflict('OWN_ACCOUNT', 'you cannot disable your own account');
  const user = isUuid(userId) ? await accountById(ctx.db, userId) : undefined;
  if (!user) throw notFound(`user ${userId}`);
  return inTransaction(ctx.db, async (trx) => {
    const at = ctx.now();
    await setDisabled(trx, user.id, disabled ? at : null);
    const ended = disabled ? { sessions: await endSessionsOf(trx, user.id), tokens: await revokeTokensOf(trx, user.id, at) } : { sessions: 0, tokens: 0 };
    await appendAudit(trx, {
      actorId: actor.userId,
      actor: actor.name,
      action: disabled ? 'disable' : 'enable',
      entity: 'user',
      entityId: user.id,
      after: ended,
    });
    return { id: user.id, email: user.email, disabled, ...ended };
  });
}

/** The EPAO's people by name, a page at a time, with whether each has set a password yet. */
export async function listPeople(ctx: AppContext, actor: Actor, options: { role?: Role; after?: { name: string; id: string }; limit?: number } = {}) {
  assertAdmin(actor);
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  return peoplePage(ctx.db, { ...options, limit, noPasswordYet: NO_PASSWORD_YET });
}

/** The providers and employers a provider's or employer's user may be invited to. */
export async function organisationsFor(ctx: AppContext, actor: Actor) {
  assertAdmin(actor);
  const [providers, employers] = await Promise.all([organisationsOf(ctx.db, 'provider'), organisationsOf(ctx.db, 'employer')]);
  return { providers, employers };
}

/** The signed-in person's own choices: whether they are e-mailed reminders of work due. */
export async function myPreferences(ctx: AppContext, actor: Actor) {
  return { reminders: !(await remindersOffOf(ctx.db, actor.userId)) };
}

export async function setMyPreferences(ctx: AppContext, actor: Actor, input: { reminders: boolean }) {
  await inTransaction(ctx.db, async (trx) => {
    await setRemindersOff(trx, actor.userId, !input.reminders);
    await appendAudit(trx, { actorId: actor.userId, actor: actor.name, action: 'preferences', entity: 'user', entityId: actor.userId, after: input });
  });
  return myPreferences(ctx, actor);
}

/** A one-time link as an e-mail's stored copy keeps it once sent, and as the outbox shows it: never readable back. */
export const hideLinks = (body: string): string => body.replace(/(set-password\?token=)[\w-]+/g, '$1(hidden)');
