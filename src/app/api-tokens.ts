// API tokens for a provider's own systems. A token acts as the user who made it, within its
// scope (read tokens only read), until it expires or is revoked; either stops it at once,
// because every request looks the token up. Only its SHA-256 is stored, and it is shown
// once. Tokens are made, listed and revoked by a signed-in person, never by a token: a
// leaked token cannot mint itself a successor or hide its tracks.

import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Actor } from '../domain/access/access.ts';
import { may } from '../domain/access/access.ts';
import { appendAudit } from '../store/audit.ts';
import { insertToken, liveToken, revokeToken, tokensOfUser } from '../store/repositories/api-tokens.repository.ts';
import { inTransaction } from '../store/transaction.ts';
import type { AppContext } from './context.ts';
import { AppError, forbidden } from './errors.ts';

export const TOKEN_LIMITS = { defaultDays: 90, maxDays: 365, nameLength: 100 } as const;
/** lastUsedAt is written at most this often per token, so reads rarely write. */
export const LAST_USED_RESOLUTION_MS = 60_000;

export const TOKEN_SCOPES = ['read', 'write'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** How a request proved who it is: the session cookie, or a token (with its scope). */
export type Credential = { kind: 'session' } | { kind: 'token'; tokenId: string; scope: TokenScope };

export const TokenInput = z.strictObject({
  name: z.string().trim().min(1).max(TOKEN_LIMITS.nameLength),
  scope: z.enum(TOKEN_SCOPES).default('write'),
  expiresInDays: z
    .number()
    .int()
    .min(1)
    .max(TOKEN_LIMITS.maxDays, { message: `a token lasts at most ${TOKEN_LIMITS.maxDays} days` })
    .default(TOKEN_LIMITS.defaultDays),
});
export type TokenInput = z.input<typeof TokenInput>;

export type ApiTokenView = {
  id: string;
  name: string;
  scope: TokenScope;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/** A read token may only read: GET and HEAD. */
export function scopeAllows(scope: TokenScope, method: string): boolean {
  return scope === 'write' || method === 'GET' || method === 'HEAD';
}

function mayManage(actor: Actor, via: Credential): void {
  if (via.kind === 'token')
    throw new AppError(403, 'TOKEN_CANNOT_MANAGE_TOKENS', 'API tokens are made, listed and revoked by a signed-in person, not by a token');
  if (!may(actor, 'token.manage')) throw forbidden();
}

/** A token for a provider's own systems, acting as the user who made it; the secret is shown once. */
export async function createApiToken(ctx: AppContext, actor: Actor, via: Credential, input: TokenInput): Promise<ApiTokenView & { token: string }> {
  mayManage(actor, via);
  const { name, scope, expiresInDays } = TokenInput.parse(input);
  const token = `cap_${randomBytes(32).toString('base64url')}`;
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + expiresInDays * 86_400_000);
  return inTransaction(ctx.db, async (trx) => {
    const row = { id: await insertToken(trx, { tokenHash: sha256(token), name, scope, userId: actor.userId, createdAt: now, expiresAt }) };
    await appendAudit(trx, {
      actorId: actor.userId,
      actor: actor.name,
      action: 'create',
      entity: 'api-token',
      entityId: row.id,
      after: { name, scope, expiresAt: expiresAt.toISOString() },
    });
    return { id: row.id, name, scope, createdAt: now.toISOString(), expiresAt: expiresAt.toISOString(), lastUsedAt: null, revokedAt: null, token };
  });
}

/** The caller's own tokens, newest first: never the secret or its hash. */
export async function listApiTokens(ctx: AppContext, actor: Actor, via: Credential): Promise<ApiTokenView[]> {
  mayManage(actor, via);
  const rows = await tokensOfUser(ctx.db, actor.userId);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    scope: r.scope,
    createdAt: iso(r.createdAt) as string,
    expiresAt: iso(r.expiresAt) as string,
    lastUsedAt: iso(r.lastUsedAt),
    revokedAt: iso(r.revokedAt),
  }));
}

export async function revokeApiToken(ctx: AppContext, actor: Actor, via: Credential, id: string): Promise<void> {
  mayManage(actor, via);
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError(404, 'NOT_FOUND', 'no such token of yours');
  await inTransaction(ctx.db, async (trx) => {
    if (!(await revokeToken(trx, id, actor.userId, ctx.now()))) throw new AppError(404, 'NOT_FOUND', 'no such token of yours');
    await appendAudit(trx, { actorId: actor.userId, actor: actor.name, action: 'revoke', entity: 'api-token', entityId: id });
  });
}

/**
 * The actor a live token (not revoked, not expired) acts as, and its scope: one statement,
 * which also stamps lastUsedAt when the last stamp is a minute old or more, so the read
 * path keeps its single round trip and rarely writes.
 */
export async function actorForApiToken(ctx: AppContext, token: string): Promise<{ actor: Actor; credential: Credential & { kind: 'token' } } | null> {
  const now = ctx.now();
  const stale = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  const row = await liveToken(ctx.db, sha256(token), now, stale);
  if (!row) return null;
  const { tokenId, scope, ...actor } = row;
  return { actor, credential: { kind: 'token', tokenId, scope } };
}
