// CSRF tokens for the pages' forms, with nothing stored: a token is an HMAC of the
// session id under SESSION_SECRET, so every process with the same secret agrees on it.
// Before sign-in there is no session, so a random pre-session cookie stands in for it
// (which also stops a forged sign-in into someone else's account).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const CSRF_FIELD = '_csrf';
export const PRESESSION_COOKIE = 'capstone_presession';

export type CsrfSecret = { secret: Buffer; generated: boolean };

// One random secret per process, not per caller: the API checks the same session token
// the pages put in their forms (web/static/assessment.mjs sends it as X-CSRF-Token).
let generatedSecret: Buffer | undefined;

/** SESSION_SECRET from the environment; outside production a random one (one per process) is made when it is missing. */
export function csrfSecret(env: NodeJS.ProcessEnv = process.env): CsrfSecret {
  const configured = env.SESSION_SECRET?.trim();
  if (configured) {
    if (configured.length < 32) throw new Error('SESSION_SECRET must be at least 32 characters');
    return { secret: Buffer.from(configured, 'utf8'), generated: false };
  }
  if (env.NODE_ENV === 'production') throw new Error('SESSION_SECRET must be set in production (32 characters or more, the same in every process)');
  generatedSecret ??= randomBytes(32);
  return { secret: generatedSecret, generated: true };
}

/** The token for a session (or pre-session) id. */
export function csrfToken(secret: Buffer, kind: 'session' | 'presession', id: string): string {
  return createHmac('sha256', secret).update(`${kind}:${id}`).digest('base64url');
}

export function tokensMatch(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export const newPresessionId = () => randomBytes(24).toString('base64url');
