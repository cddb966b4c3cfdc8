// The HTTP adapter: JSON API under /api/v1 (OpenAPI at /api/docs), health, sessions and
// API tokens. Routes parse, call one use-case and reply; no rule is decided here.
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { sql } from 'kysely';
import { actorForApiToken, actorForSession } from '../app/auth.ts';
import type { AppContext } from '../app/context.ts';
import { MAX_EVIDENCE_BYTES } from '../app/files.ts';
import { pageRoutes } from '../web/pages.ts';
import { inputGuard } from './input-guard.ts';
import { SESSION_COOKIE } from './kit.ts';
import { errorHandler, problem, sendProblem } from './problem.ts';
import { registerDevMail } from './routes/dev-mail.ts';
import { apiRoutes } from './routes/index.ts';

export const LIMITS = { jsonBytes: 1_048_576, fileBytes: MAX_EVIDENCE_BYTES } as const;

declare module 'fastify' {
  interface FastifyInstance {
    capstoneRoutes: { method: string; url: string }[];
  }
}

export type ServerOptions = { logger?: FastifyServerOptions['logger']; secureCookies?: boolean };

export async function buildServer(ctx: AppContext, options: ServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: LIMITS.jsonBytes, trustProxy: true, ajv: { customOptions: { strict: false } } });
  // Zod validates every body (one schema for API, CSV rows and CLI); JSON Schema only documents.
  app.setValidatorCompiler(() => () => true);
  // Every route, as registered: the access test proves each one has a rule.
  const routes: { method: string; url: string }[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url });
  });
  app.decorate('capstoneRoutes', routes);
  app.setErrorHandler(errorHandler);
  app.addHook('preHandler', inputGuard);
  app.setNotFoundHandler((request, reply) => sendProblem(reply, problem(404, 'NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`)));

  await app.register(cookie);
  await app.register(formbody);
  await app.register(multipart, { limits: { fileSize: LIMITS.fileBytes, files: 1, fields: 20, parts: 25 }, throwFileSizeLimit: true });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Capstone API',
        version: '1',
        description:
          'End-point assessment: registration, gateway, assessors, bookings and submissions. Errors are application/problem+json with a stable `code`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          token: { type: 'http', scheme: 'bearer', description: 'an API token (cap_…) for a provider system' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    const auth = request.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      request.actor = await actorForApiToken(ctx, auth.slice(7).trim());
      return;
    }
    const session = request.cookies[SESSION_COOKIE];
    if (session) request.actor = await actorForSession(ctx, session);
  });

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
  await app.register(pageRoutes(ctx, { secureCookies: options.secureCookies ?? false }));
  return app;
}
