// The API is not a form target. A browser sends the session cookie with any cross-site form
// post, but a form can only send application/x-www-form-urlencoded, multipart/form-data or
// text/plain, and cannot set a header. So a state change under /api/ must:
//  - send a body of a type its route consumes: application/json, unless the route's schema
//    says otherwise (multipart/form-data for the evidence upload, text/csv for the import).
//    Anything else is 415 before the body is read;
//  - when the session cookie is what signs it in, carry X-CSRF-Token: the token the pages
//    already put in their forms (an HMAC of the session id, src/web/csrf.ts), which the
//    sign-in response and GET /api/v1/me return. Without it, or with another, 403.
// A Bearer token needs no header, as no form can set Authorization. Sign-in has no session
// yet; its JSON-only body is what keeps a cross-site form from signing someone in.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../app/errors.ts';
import { csrfToken, tokensMatch } from '../web/csrf.ts';
import { SESSION_COOKIE } from './kit.ts';

export const CSRF_HEADER = 'X-CSRF-Token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Routes a cookie may change state through without the header. */
const NO_SESSION_YET = new Set(['/api/v1/auth/sign-in']);

declare module 'fastify' {
  interface FastifyInstance {
    /** The X-CSRF-Token value for a session id. */
    csrfTokenFor(session: string): string;
  }
}

function mediaType(request: FastifyRequest): string | null {
  const header = request.headers['content-type'];
  if (header !== undefined) return header.split(';')[0]?.trim().toLowerCase() ?? '';
  const length = Number(request.headers['content-length'] ?? 0);
  // A body with no type at all is not JSON either.
  return length > 0 || request.headers['transfer-encoding'] !== undefined ? '' : null;
}

function checkContentType(request: FastifyRequest): void {
  const type = mediaType(request);
  if (type === null) return;
  const consumes = (request.routeOptions.schema as { consumes?: string[] } | undefined)?.consumes ?? ['application/json'];
  if (!consumes.includes(type)) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', `send the body as ${consumes.join(' or ')}${type ? `, not ${type}` : ''}`);
}

/** Registers the check; call it after the hook that sets request.actor and request.credential. */
export function registerApiCsrf(app: FastifyInstance, secret: Buffer): void {
  app.decorate('csrfTokenFor', (session: string) => csrfToken(secret, 'session', session));
  app.addHook('onRequest', async (request) => {
    const route = request.routeOptions.url;
    if (SAFE_METHODS.has(request.method) || !route?.startsWith('/api/')) return;
    checkContentType(request);
    if (request.credential?.kind !== 'session' || NO_SESSION_YET.has(route)) return;
    const session = request.cookies[SESSION_COOKIE] as string;
    if (!tokensMatch(csrfToken(secret, 'session', session), request.headers[CSRF_HEADER.toLowerCase()]))
      throw new AppError(
        403,
        'CSRF_TOKEN_INVALID',
        'a change signed in by the session cookie needs the X-CSRF-Token header (its value is csrfToken from sign-in or GET /api/v1/me), or use an API token',
      );
  });
}
