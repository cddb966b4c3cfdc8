// The web pages: server-rendered Nunjucks with GOV.UK Frontend components, working without
// JavaScript. Like src/http, an adapter: each route reads the request, calls use-cases in
// src/app and renders; no rule is decided here. Every form POST carries a CSRF token.
// pageRoutes is the composition root: it builds the services (the context, the renderer,
// the terminology) once and passes them to each journey's routes.
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../app/context.ts';
import { type ImportQueue, inProcessImports } from '../app/import-reports.ts';
import type { Role } from '../domain/access/access.ts';
import { csrfSecret } from './csrf.ts';
import { accountRoutes } from './journeys/account.ts';
import { appealPageRoutes } from './journeys/appeals/index.ts';
import { apprenticesRoutes } from './journeys/apprentices.ts';
import { assessmentRoutes } from './journeys/assessment/index.ts';
import { assessorRoutes } from './journeys/assessors/index.ts';
import { bookingRoutes } from './journeys/bookings/index.ts';
import { bulkRoutes } from './journeys/bulk.ts';
import { calendarRoutes } from './journeys/calendar.ts';
import { complaintRoutes } from './journeys/complaints/index.ts';
import { dfePageRoutes } from './journeys/dfe/index.ts';
import { gatewayRoutes } from './journeys/gateway/index.ts';
import { homeRoutes } from './journeys/homes.ts';
import type { Services } from './journeys/kit.ts';
import { mailPageRoutes } from './journeys/mail/index.ts';
import { malpracticeRoutes } from './journeys/malpractice/index.ts';
import { moderationRoutes } from './journeys/moderation/index.ts';
import { passwordRoutes } from './journeys/passwords.ts';
import { peoplePageRoutes } from './journeys/people/index.ts';
import { progressRoutes } from './journeys/progress/index.ts';
import { registrationRoutes } from './journeys/registrations/index.ts';
import { resultRoutes } from './journeys/results/index.ts';
import { scheduleRoutes } from './journeys/schedule/index.ts';
import { signInRoutes } from './journeys/sign-in.ts';
import { timeRoutes } from './journeys/time/index.ts';
import { withdrawalRoutes } from './journeys/withdrawal/index.ts';
import { addGuards, pageErrorHandler } from './page-guards.ts';
import { formTokens, pageRenderer } from './page-renderer.ts';
import { GOVUK_DIST, STATIC_DIR } from './render.ts';
import { terminology } from './terminology.ts';

export type PageOptions = {
  secureCookies?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Where CSV imports from the pages are queued: pg-boss when the jobs run; this process otherwise. */
  imports?: ImportQueue;
};

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The roles that may open a page; absent for pages open to everyone. */
    roles?: readonly Role[];
  }
}

/** GOV.UK Frontend files served from /assets (its typeface and crown images are not). */
const GOVUK_FILES = new Set(['/govuk-frontend.min.css', '/govuk-frontend.min.css.map', '/govuk-frontend.min.js', '/govuk-frontend.min.js.map']);
const GOVUK_DIR = `${GOVUK_DIST}/govuk`;

async function serveAssets(app: FastifyInstance) {
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
}

export function pageRoutes(ctx: AppContext, options: PageOptions = {}): FastifyPluginAsync {
  return async (app) => {
    const env = options.env ?? process.env;
    const secureCookies = options.secureCookies ?? false;
    const terms = terminology(env.TERMINOLOGY);
    const { secret, generated } = csrfSecret(env);
    if (generated)
      app.log.warn('SESSION_SECRET is not set: a random one is used, so form tokens last only as long as this process (set it, the same in every process)');
    const tokens = formTokens(secret, secureCookies);
    const view = pageRenderer(ctx, { terms, env, tokens });
    const imports = options.imports ?? inProcessImports(ctx, (error) => app.log.error({ err: error }, 'import run failed'));
    if (!options.imports) await (imports as ReturnType<typeof inProcessImports>).resume();
    const services: Services = { ctx, view, terms, imports };

    await serveAssets(app);
    addGuards(app, tokens);
    app.setErrorHandler(pageErrorHandler(view));

    await app.register(signInRoutes({ ...services, secureCookies }));
    await app.register(passwordRoutes(services));
    await app.register(apprenticesRoutes(services));
    await app.register(bulkRoutes(services));
    await app.register(homeRoutes(services));
    await app.register(assessmentRoutes(services));
    await app.register(gatewayRoutes(services));
    await app.register(registrationRoutes(services));
    await app.register(assessorRoutes(services));
    await app.register(bookingRoutes(services));
    await app.register(scheduleRoutes(services));
    await app.register(moderationRoutes(services));
    await app.register(resultRoutes(services));
    await app.register(appealPageRoutes(services));
    await app.register(withdrawalRoutes(services));
    await app.register(peoplePageRoutes(services));
    await app.register(mailPageRoutes(services));
    await app.register(dfePageRoutes(services));
    await app.register(accountRoutes(services));
    await app.register(malpracticeRoutes(services));
    await app.register(complaintRoutes(services));
    await app.register(calendarRoutes(services));
    await app.register(timeRoutes(services));
    await app.register(progressRoutes(services));
  };
}
