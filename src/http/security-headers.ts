// Security headers on every response, the API's as well as the pages'. The pages send their
// own Content-Security-Policy (src/web/pages.ts, set after this runs, so theirs stands);
// everything else gets the strictest policy its content allows.
import type { FastifyInstance } from 'fastify';

/** JSON, PDFs, CSV, files: nothing in them may load or run anything. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
/**
 * Swagger UI at /api/docs: its own scripts, styles and fonts, its logo as a data: image, and
 * the spec from /api/docs/json. The one inline style it writes (the colours of its small
 * SVG logo) is allowed by hash, not by 'unsafe-inline'; should an upgrade change it, only
 * the logo's colours are lost.
 */
export const DOCS_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; object-src 'none'";
/** The development outbox page (/dev/mail) styles itself inline. */
const DEV_MAIL_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
/** A year, subdomains included: sent only when the service runs behind HTTPS (SECURE_COOKIES=true). */
export const HSTS = 'max-age=31536000; includeSubDomains';
export const DOCS_PREFIX = '/api/docs';

function cspFor(path: string): string {
  if (path === DOCS_PREFIX || path.startsWith(`${DOCS_PREFIX}/`)) return DOCS_CSP;
  if (path === '/dev/mail') return DEV_MAIL_CSP;
  return API_CSP;
}

export function registerSecurityHeaders(app: FastifyInstance, options: { hsts: boolean }): void {
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    if (!reply.hasHeader('referrer-policy')) reply.header('referrer-policy', 'same-origin');
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', cspFor(request.url.split('?')[0] ?? ''));
    if (options.hsts) reply.header('strict-transport-security', HSTS);
    // Whatever a signed-in person (or token) is answered, and every API answer (sign-in's
    // included: it carries the CSRF token), stays out of shared and browser caches.
    // Routes that chose their own caching (the versioned assets) keep it.
    if (!reply.hasHeader('cache-control') && (request.actor || request.url.startsWith('/api/v1/'))) reply.header('cache-control', 'no-store');
  });
}
