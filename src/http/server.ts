// The HTTP adapter: JSON API under /api/v1 (OpenAPI at /api/docs), health, sessions and
// API tokens. Routes parse, call one use-case and reply; no rule is decided here.
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import swagger, { type FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { sql } from 'kysely';
import { actorForApiToken, type Credential, scopeAllows } from '../app/api-tokens.ts';
import { actorForSession } from '../app/auth.ts';
import type { AppContext } from '../app/context.ts';
import { AppError } from '../app/errors.ts';
import { MAX_EVIDENCE_BYTES } from '../app/files.ts';
import type { ImportQueue } from '../app/import-reports.ts';
import { csrfSecret } from '../web/csrf.ts';
import { pageRoutes } from '../web/pages.ts';
import { CSRF_HEADER, registerApiCsrf } from './api-csrf.ts';
import { withErrorResponses } from './error-responses.ts';
import { inputGuard } from './input-guard.ts';
import { SESSION_COOKIE } from './kit.ts';
import { errorHandler, problem, sendProblem } from './problem.ts';
import { checkResponsesAgainstSchemas } from './response-check.ts';
import { registerDevMail } from './routes/dev-mail.ts';
import { apiRoutes } from './routes/index.ts';
import { DOCS_PREFIX, registerSecurityHeaders } from './security-headers.ts';
import { trustProxySetting } from './trust-proxy.ts';

export const LIMITS = { jsonBytes: 1_048_576, fileBytes: MAX_EVIDENCE_BYTES } as const;

declare module 'fastify' {
  interface FastifyInstance {
    capstoneRoutes: { method: string; url: string }[];
  }
  interface FastifyRequest {
    /** How request.actor was proved: the session cookie or an API token; null when signed out. */
    credential: Credential | null;
  }
}

export type ServerOptions = {
  /** Compare each schema-serialised reply with what its handler returned (src/http/response-check.ts); on under test. */
  checkResponses?: boolean;
  logger?: FastifyServerOptions['logger'];
  /** Behind HTTPS: cookies marked Secure, and Strict-Transport-Security sent. */
  secureCookies?: boolean;
  /** TRUST_PROXY as set (see trust-proxy.ts); unset trusts no proxy. */
  trustProxy?: string;
  /** Where CSV imports from the pages are queued (the jobs' pg-boss queue); unset, this process runs them. */
  imports?: ImportQueue;
};

export async function buildServer(ctx: AppContext, options: ServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: LIMITS.jsonBytes,
    trustProxy: trustProxySetting(options.trustProxy),
    ajv: { customOptions: { strict: false } },
  });
  // Zod validates every body (one schema for API, CSV rows and CLI); JSON Schema only documents.
  app.setValidatorCompiler(() => () => true);
  // Every route, as registered: the access test proves each one has a rule.
  const routes: { method: string; url: string }[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url });
  });
  app.decorate('capstoneRoutes', routes);
  app.setErrorHandler(errorHandler);
  registerSecurityHeaders(app, { hsts: options.secureCookies ?? false });
  if (options.checkResponses ?? process.env.NODE_ENV === 'test') checkResponsesAgainstSchemas(app);
  // Text that cannot be stored (a NUL, a lone surrogate) is refused at the edge, for the API and the pages alike.
  app.addHook('preHandler', inputGuard);
  app.setNotFoundHandler((request, reply) => sendProblem(reply, problem(404, 'NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`)));

  await app.register(cookie);
  await app.register(formbody);
  await app.register(multipart, { limits: { fileSize: LIMITS.fileBytes, files: 1, fields: 20, parts: 25 }, throwFileSizeLimit: true });
  await app.register(swagger, OPENAPI);
  await app.register(swaggerUi, { routePrefix: DOCS_PREFIX });

  authenticateRequests(app, ctx);
  registerApiCsrf(app, csrfSecret().secret);

  app.get('/health', { schema: { summary: 'Health: 200 only when the database answers', tags: ['operations'] } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(ctx.db);
      return { status: 'ok', database: 'ok' };
    } catch {
      return sendProblem(reply, problem(503, 'DATABASE_UNAVAILABLE', 'the database does not answer'));
    }
  });

  await app.register(apiRoutes(ctx, { secureCookies: options.secureCookies ?? false }), { prefix: '/api/v1' });
  registerDevMail(app, ctx);
  await app.register(pageRoutes(ctx, { secureCookies: options.secureCookies ?? false, ...(options.imports ? { imports: options.imports } : {}) }));
  return app;
}

/** The OpenAPI document's header: how to sign in and what every error looks like. */
const OPENAPI: FastifyDynamicSwaggerOptions = {
  transform: withErrorResponses as FastifyDynamicSwaggerOptions['transform'],
  openapi: {
    openapi: '3.0.3',
    info: {
      title: 'Capstone API',
      version: '1',
      description: [
        'End-point assessment: registration, gateway, assessors, bookings and submissions. Errors are application/problem+json with a stable `code`.',
        '',
        'Bodies are application/json (multipart/form-data for an evidence upload, text/csv for an import); any other type is 415.',
        `A change (POST, PUT, PATCH, DELETE) signed in by the session cookie must also send the \`${CSRF_HEADER}\` header with the \`csrfToken\` that sign-in and GET /api/v1/me return (403 CSRF_TOKEN_INVALID otherwise); sign-in itself needs none.`,
        'A provider system uses an API token instead (`Authorization: Bearer cap_…`), which needs no CSRF header. A `read` token may only GET (403 TOKEN_SCOPE otherwise).',
      ].join('\n'),
    },
    components: {
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: SESSION_COOKIE,
          description: `for a change, send the ${CSRF_HEADER} header too`,
        },
        token: {
          type: 'http',
          scheme: 'bearer',
          description: 'an API token (cap_…) for a provider system: made at POST /api/v1/tokens, read or write, expiring in at most 365 days',
        },
      },
    },
  },
};

/** Who is asking: an API token (Authorization: Bearer), else the session cookie; neither leaves the actor null. */
function authenticateRequests(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('credential', null);
  app.addHook('onRequest', async (request) => {
    const auth = request.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      // A token that is unknown, expired or revoked signs in no one, and the cookie is not tried.
      const found = await actorForApiToken(ctx, auth.slice(7).trim());
      if (!found) return;
      request.actor = found.actor;
      request.credential = found.credential;
      if (!scopeAllows(found.credential.scope, request.method))
        throw new AppError(403, 'TOKEN_SCOPE', 'this is a read token: it may only GET; make a write token for changes');
      return;
    }
    const session = request.cookies[SESSION_COOKIE];
    if (session) request.actor = await actorForSession(ctx, session);
    if (request.actor) request.credential = { kind: 'session' };
  });
}
