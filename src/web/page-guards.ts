// What stands around every page: the security headers, the role a page is for, the CSRF
// token every form POST carries, and the error page (the HTML one, whatever went wrong).
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, forbidden } from '../app/errors.ts';
import { RETRY_AFTER_SECONDS } from '../http/problem.ts';
import { isConnectionLoss } from '../store/connection-loss.ts';
import { CSRF_FIELD, tokensMatch } from './csrf.ts';
import { formBody, type PageView } from './journeys/kit.ts';
import { plainEnglish } from './messages.ts';
import type { FormTokens } from './page-renderer.ts';

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
};

export function addGuards(app: FastifyInstance, tokens: FormTokens) {
  app.addHook('onSend', async (_request, reply) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
  });

  // Signed in, and in a role the page is for.
  app.addHook('onRequest', async (request, reply) => {
    const roles = request.routeOptions.config.roles;
    if (!roles) return;
    if (!request.actor) return reply.redirect('/sign-in', 303);
    if (!roles.includes(request.actor.role)) throw forbidden();
  });

  // Every form POST carries the token for this session (or pre-session).
  app.addHook('preHandler', async (request) => {
    if (request.method === 'GET' || request.method === 'HEAD') return;
    const expected = tokens.expected(request);
    if (!expected || !tokensMatch(expected, formBody(request)?.[CSRF_FIELD]))
      throw new AppError(403, 'CSRF_TOKEN_INVALID', 'the form token is missing or does not match this session');
  });
}

type ErrorPage = { title: string; heading: string; paragraphs: string[]; backText?: string };

function statusOf(error: unknown, unavailable: boolean): number {
  if (unavailable) return 503;
  if (error instanceof AppError) return error.status;
  const { statusCode } = error as { statusCode?: unknown };
  return typeof statusCode === 'number' ? statusCode : 500;
}

/** What the error page says for an error: the form expired, not found, not yours, a problem with the request, or the service's. */
function errorPageFor(error: unknown, status: number, unavailable: boolean): ErrorPage {
  const code = error instanceof AppError ? error.code : status === 404 ? 'NOT_FOUND' : '';
  const message = error instanceof Error ? error.message : '';
  if (code === 'CSRF_TOKEN_INVALID')
    return {
      title: 'Form expired',
      heading: 'This form has expired',
      paragraphs: ['The form was not sent from this session, or you signed in or out since it was opened. Nothing was saved.'],
      backText: 'Go to your home page and try again',
    };
  if (status === 404)
    return {
      title: 'Page not found',
      heading: 'Page not found',
      paragraphs: ['If you typed the web address, check it is correct. If you followed a link, what it pointed to is not there or is not yours to see.'],
    };
  if (status === 403) return { title: 'You cannot see this page', heading: 'You cannot see this page', paragraphs: [plainEnglish({ code, message })] };
  if (status < 500) return { title: 'There is a problem', heading: 'There is a problem', paragraphs: [plainEnglish({ code, message })] };
  if (unavailable)
    return { title: 'Sorry, the service is unavailable', heading: 'Sorry, the service is unavailable', paragraphs: ['Try again in a few minutes.'] };
  return { title: 'Sorry, there is a problem', heading: 'Sorry, there is a problem with the service', paragraphs: ['Try again later.'] };
}

/** The pages' error handler: the error page in the layout, or its heading as plain text when even that fails. */
export function pageErrorHandler(view: PageView) {
  return async (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const unavailable = isConnectionLoss(error);
    const status = statusOf(error, unavailable);
    if (unavailable) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    else if (status >= 500) request.log.error({ err: error }, 'page failed');
    const page = errorPageFor(error, status, unavailable);
    try {
      return await view(request, reply, 'error.njk', page, status);
    } catch (renderError) {
      request.log.error({ err: renderError }, 'the error page failed');
      return reply.code(status).type('text/plain; charset=utf-8').send(page.heading);
    }
  };
}
