// The web pages: server-rendered Nunjucks with GOV.UK Frontend components, working without
// JavaScript. Like src/http, an adapter: each route reads the request, calls use-cases in
// src/app and renders; no rule is decided here. Every form POST carries a CSRF token.
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { signIn, signOut } from '../app/auth.ts';
import { listBookings } from '../app/bookings.ts';
import type { AppContext } from '../app/context.ts';
import { today } from '../app/context.ts';
import { attention, demoAccounts, epaoName, ownOrganisationName, pipeline, standardTitle } from '../app/dashboard.ts';
import { DEMO_PASSWORD, demoDataLoaded } from '../app/demo.ts';
import { AppError, forbidden, notFound } from '../app/errors.ts';
import { listRecords } from '../app/records.ts';
import type { Role } from '../domain/access/access.ts';
import { waitPhrase } from '../domain/access/sign-in-throttle.ts';
import { SESSION_COOKIE } from '../http/kit.ts';
import { problem, RETRY_AFTER_SECONDS, sendProblem } from '../http/problem.ts';
import { isConnectionLoss } from '../store/connection-loss.ts';
import { CSRF_FIELD, csrfSecret, csrfToken, newPresessionId, PRESESSION_COOKIE, tokensMatch } from './csrf.ts';
import { assessmentWorkspacePages } from './journeys/assessment-workspace.ts';
import { assessorRoutes } from './journeys/assessors/index.ts';
import { bookingRoutes } from './journeys/bookings/index.ts';
import { gatewayPages } from './journeys/gateway-pages.ts';
import { gatewayReviewPages } from './journeys/gateway-review-pages.ts';
import { actorOf, errorsOf, type FormBody, one, pageRecord, type Services } from './journeys/kit.ts';
import { moderationPages } from './journeys/moderation-pages.ts';
import { progressPages } from './journeys/progress-pages.ts';
import { registrationRoutes } from './journeys/registrations/index.ts';
import { resultsPages } from './journeys/results-pages.ts';
import { plainEnglish } from './messages.ts';
import { HOME, navigationFor } from './navigation.ts';
import { recordSections } from './record-sections.ts';
import { assetVersion, GOVUK_DIST, renderEnvironment, STATIC_DIR } from './render.ts';
import { STATUS_ORDER, terminology } from './terminology.ts';

export type PageOptions = { secureCookies?: boolean; env?: NodeJS.ProcessEnv };

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The roles that may open a page; absent for pages open to everyone. */
    roles?: readonly Role[];
  }
}

/** GOV.UK Frontend files served from /assets (its typeface and crown images are not). */
const GOVUK_FILES = new Set(['/govuk-frontend.min.css', '/govuk-frontend.min.css.map', '/govuk-frontend.min.js', '/govuk-frontend.min.js.map']);
const GOVUK_DIR = `${GOVUK_DIST}/govuk`;

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
};

const ALL_ROLES: readonly Role[] = ['epao-admin', 'assessor', 'iqa', 'provider', 'employer', 'apprentice'];
const MAX_QUERY = 100;

/** The throttle's refusal, with how long to wait: in the page and in Retry-After. */
function tooManyAttempts(error: AppError, reply: FastifyReply): string {
  const seconds = Number(error.details.retryAfterSeconds);
  reply.header('retry-after', String(seconds));
  return `There have been too many failed attempts to sign in. Wait ${waitPhrase(seconds)}, then try again`;
}

export function pageRoutes(ctx: AppContext, options: PageOptions = {}): FastifyPluginAsync {
  return async (app) => {
    const env = options.env ?? process.env;
    const secure = options.secureCookies ?? false;
    const terms = terminology(env.TERMINOLOGY);
    const { secret, generated } = csrfSecret(env);
    if (generated)
      app.log.warn('SESSION_SECRET is not set: a random one is used, so form tokens last only as long as this process (set it, the same in every process)');
    const views = renderEnvironment(terms, (id) => standardTitle(ctx, id));
    const version = assetVersion();
    const showPhaseBanner = env.PHASE_BANNER !== 'off';
    let epao = env.EPAO_NAME?.trim() || null;
    const currentEpaoName = async () => {
      // The error page is shown when the database is away, so it does without the name then.
      epao ??= await epaoName(ctx).catch(() => null);
      return epao;
    };

    await app.register(fastifyStatic, {
      root: [STATIC_DIR, GOVUK_DIR],
      prefix: '/assets/',
      decorateReply: false,
      index: false,
      list: false,
      // Asset URLs carry a version (?v=…), so a browser may keep them for a year.
      maxAge: '365d',
      immutable: true,
      allowedPath: (path, root) => root === STATIC_DIR || GOVUK_FILES.has(path),
    });

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
      const expected = expectedToken(request);
      if (!expected || !tokensMatch(expected, (request.body as FormBody)?.[CSRF_FIELD]))
        throw new AppError(403, 'CSRF_TOKEN_INVALID', 'the form token is missing or does not match this session');
    });

    function expectedToken(request: FastifyRequest): string | null {
      const session = request.cookies[SESSION_COOKIE];
      if (session) return csrfToken(secret, 'session', session);
      const presession = request.cookies[PRESESSION_COOKIE];
      return presession ? csrfToken(secret, 'presession', presession) : null;
    }

    /** The token for this page's forms; a pre-session cookie is set for someone not signed in. */
    function tokenFor(request: FastifyRequest, reply: FastifyReply): string {
      const expected = expectedToken(request);
      if (expected) return expected;
      const id = newPresessionId();
      reply.setCookie(PRESESSION_COOKIE, id, { path: '/', httpOnly: true, sameSite: 'lax', secure });
      return csrfToken(secret, 'presession', id);
    }

    async function view(request: FastifyRequest, reply: FastifyReply, template: string, data: Record<string, unknown>, status = 200) {
      const actor = request.actor;
      const path = request.url.split('?')[0];
      const html = views.render(template, {
        ...data,
        actor,
        epaoName: await currentEpaoName(),
        navigation: actor ? navigationFor(actor.role, terms).map((item) => ({ ...item, current: item.href === path })) : [],
        csrfToken: tokenFor(request, reply),
        assetVersion: version,
        showPhaseBanner,
      });
      return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
    }

    app.setErrorHandler(async (error, request, reply) => {
      const unavailable = isConnectionLoss(error);
      const status = unavailable
        ? 503
        : error instanceof AppError
          ? error.status
          : typeof (error as { statusCode?: unknown }).statusCode === 'number'
            ? (error as { statusCode: number }).statusCode
            : 500;
      if (unavailable) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      else if (status >= 500) request.log.error({ err: error }, 'page failed');
      const code = error instanceof AppError ? error.code : status === 404 ? 'NOT_FOUND' : '';
      const message = error instanceof Error ? error.message : '';
      const page =
        code === 'CSRF_TOKEN_INVALID'
          ? {
              title: 'Form expired',
              heading: 'This form has expired',
              paragraphs: ['The form was not sent from this session, or you signed in or out since it was opened. Nothing was saved.'],
              backText: 'Go to your home page and try again',
            }
          : status === 404
            ? {
                title: 'Page not found',
                heading: 'Page not found',
                paragraphs: [
                  'If you typed the web address, check it is correct. If you followed a link, what it pointed to is not there or is not yours to see.',
                ],
              }
            : status === 403
              ? { title: 'You cannot see this page', heading: 'You cannot see this page', paragraphs: [plainEnglish({ code, message })] }
              : status < 500
                ? { title: 'There is a problem', heading: 'There is a problem', paragraphs: [plainEnglish({ code, message })] }
                : unavailable
                  ? { title: 'Sorry, the service is unavailable', heading: 'Sorry, the service is unavailable', paragraphs: ['Try again in a few minutes.'] }
                  : { title: 'Sorry, there is a problem', heading: 'Sorry, there is a problem with the service', paragraphs: ['Try again later.'] };
      try {
        return await view(request, reply, 'error.njk', page, status);
      } catch (renderError) {
        request.log.error({ err: renderError }, 'the error page failed');
        return reply.code(status).type('text/plain; charset=utf-8').send(page.heading);
      }
    });

    app.get('/', async (request, reply) => reply.redirect(request.actor ? HOME[request.actor.role] : '/sign-in', 303));

    // --- Signing in and out ---------------------------------------------------------

    async function signInPage(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown>, status = 200) {
      return view(
        request,
        reply,
        'sign-in.njk',
        {
          title: 'Sign in',
          // Listed only where loadDemo filled this database, whatever the environment says.
          demoAccounts: (await demoDataLoaded(ctx)) ? await demoAccounts(ctx) : [],
          demoPassword: DEMO_PASSWORD,
          values: {},
          fieldErrors: {},
          errors: [],
          ...extra,
        },
        status,
      );
    }

    app.get('/sign-in', async (request, reply) => {
      if (request.actor) return reply.redirect(HOME[request.actor.role], 303);
      return signInPage(request, reply, { signedOut: (request.query as Record<string, unknown>)['signed-out'] === '1' });
    });

    app.post('/sign-in', async (request, reply) => {
      const body = request.body as FormBody;
      const email = one(body, 'email').trim();
      const password = one(body, 'password');
      const fieldErrors: Record<string, string> = {};
      if (!email) fieldErrors.email = 'Enter your email address';
      else if (email.length > 200 || !email.includes('@')) fieldErrors.email = 'Enter an email address in the correct format, like name@example.com';
      if (!password) fieldErrors.password = 'Enter your password';
      else if (password.length > 200) fieldErrors.password = 'Password must be 200 characters or fewer';
      if (Object.keys(fieldErrors).length > 0) return signInPage(request, reply, { values: { email }, fieldErrors, errors: errorsOf(fieldErrors) }, 400);

      try {
        const { session, actor } = await signIn(ctx, email, password, { address: request.ip, previousSession: request.cookies[SESSION_COOKIE] });
        reply.setCookie(SESSION_COOKIE, session, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: 8 * 3600 });
        reply.clearCookie(PRESESSION_COOKIE, { path: '/' });
        return reply.redirect(HOME[actor.role], 303);
      } catch (error) {
        if (!(error instanceof AppError) || (error.code !== 'BAD_CREDENTIALS' && error.code !== 'TOO_MANY_ATTEMPTS')) throw error;
        // The message names neither field as the wrong one, so it says nothing about which accounts exist.
        const errors: Record<string, string> = error.code === 'BAD_CREDENTIALS' ? { password: plainEnglish(error) } : { email: tooManyAttempts(error, reply) };
        return signInPage(request, reply, { values: { email }, fieldErrors: errors, errors: errorsOf(errors) }, error.status);
      }
    });

    app.post('/sign-out', async (request, reply) => {
      const session = request.cookies[SESSION_COOKIE];
      if (session) await signOut(ctx, session);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.redirect('/sign-in?signed-out=1', 303);
    });

    // --- Each role's home -----------------------------------------------------------

    app.get('/admin', { config: { roles: ['epao-admin'] } }, async (request, reply) => {
      const actor = actorOf(request);
      const query = String((request.query as Record<string, unknown>).q ?? '').trim();
      const fieldErrors: Record<string, string> = {};
      if (query.length > MAX_QUERY) fieldErrors.q = `Search must be ${MAX_QUERY} characters or fewer`;
      const searched = query !== '' && !fieldErrors.q;
      return view(
        request,
        reply,
        'admin.njk',
        {
          title: 'Pipeline',
          pipeline: await pipeline(ctx, actor),
          attention: await attention(ctx, actor),
          statuses: STATUS_ORDER,
          query,
          searched,
          results: searched ? await listRecords(ctx, actor, { q: query, limit: 50 }) : [],
          fieldErrors,
          errors: fieldErrors.q ? [{ text: fieldErrors.q, href: '#q' }] : [],
        },
        fieldErrors.q ? 400 : 200,
      );
    });

    for (const role of ['provider', 'employer'] as const) {
      app.get(HOME[role], { config: { roles: [role] } }, async (request, reply) => {
        const actor = actorOf(request);
        return view(request, reply, 'apprentices.njk', {
          title: 'Your apprentices',
          organisation: (await ownOrganisationName(ctx, actor)) ?? terms.term(role),
          records: await listRecords(ctx, actor, { limit: 500 }),
        });
      });
    }

    app.get('/assessor', { config: { roles: ['assessor'] } }, async (request, reply) =>
      view(request, reply, 'assessor.njk', {
        title: 'My bookings',
        bookings: await listBookings(ctx, actorOf(request), { from: today(ctx), status: 'booked' }),
      }),
    );

    app.get('/records/:id', { config: { roles: ALL_ROLES } }, async (request, reply) => {
      const actor = actorOf(request);
      const record = await pageRecord(ctx, request);
      return view(request, reply, 'record.njk', {
        title: `${record.apprentice.givenNames} ${record.apprentice.familyName}`,
        record,
        home: HOME[actor.role],
        sections: await recordSections({ ctx, actor, record, terms }),
      });
    });

    // Any other address: the HTML "Page not found" for a person; the API's problem+json under
    // /api/, where a program is asking. (Other methods still get the server's JSON 404.)
    app.get('/*', async (request, reply) => {
      const path = request.url.split('?')[0] ?? '';
      if (path.startsWith('/api/')) return sendProblem(reply, problem(404, 'NOT_FOUND', `no route GET ${path}`));
      throw notFound('page');
    });

    const services: Services = { ctx, view, terms };
    await app.register(assessmentWorkspacePages(ctx, { view, terms }));
    await app.register(gatewayPages(ctx, { view, terms }));
    await app.register(registrationRoutes(services));
    await app.register(assessorRoutes(services));
    await app.register(gatewayReviewPages(ctx, { view, terms }));
    await app.register(bookingRoutes(services));
    await app.register(moderationPages(ctx, { view, terms }));
    await app.register(resultsPages(ctx, { view, terms }));
    await app.register(progressPages(ctx, { view, terms }));
  };
}
