// Sign in and out, who am I (with the CSRF token for cookie-signed changes), and API tokens
// for provider systems.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type Credential, createApiToken, listApiTokens, revokeApiToken, TOKEN_LIMITS, TokenInput } from '../../app/api-tokens.ts';
import { signIn, signOut } from '../../app/auth.ts';
import type { AppContext } from '../../app/context.ts';
import { AppError, unauthorised } from '../../app/errors.ts';
import { MAX_EMAIL } from '../../app/inputs.ts';
import { MAX_PASSWORD } from '../../app/inputs-assessors.ts';
import { actorOf, docs, IdParams, parse, SESSION_COOKIE } from '../kit.ts';
import { ApiTokenCreatedResponse, ApiTokenListResponse, MeResponse, SignedInResponse } from '../responses/auth.ts';
import type { RouteModule, RouteOptions } from './index.ts';

const SignInInput = z.strictObject({ email: z.string().trim().min(3).max(MAX_EMAIL), password: z.string().min(1).max(MAX_PASSWORD) });

/** How the caller signed in; set with request.actor, so missing only when signed out. */
function credentialOf(request: FastifyRequest): Credential {
  if (!request.credential) throw unauthorised();
  return request.credential;
}

export const authRoutes: RouteModule = (ctx, options) => async (app) => {
  sessionRoutes(app, ctx, options);
  tokenRoutes(app, ctx);
};

function sessionRoutes(app: FastifyInstance, ctx: AppContext, options: RouteOptions) {
  app.post(
    '/auth/sign-in',
    {
      schema: docs({
        summary: 'Sign in: sets a new session cookie',
        tags: ['accounts'],
        body: SignInInput,
        responses: { 200: SignedInResponse },
        public: true,
      }),
    },
    async (request, reply) => {
      const { email, password } = parse(SignInInput, request.body);
      const { session, actor } = await signIn(ctx, email, password, { address: request.ip, previousSession: request.cookies[SESSION_COOKIE] }).catch(
        (error: unknown) => {
          if (error instanceof AppError && error.code === 'TOO_MANY_ATTEMPTS') reply.header('retry-after', String(error.details.retryAfterSeconds));
          throw error;
        },
      );
      reply.setCookie(SESSION_COOKIE, session, { path: '/', httpOnly: true, sameSite: 'lax', secure: options.secureCookies, maxAge: 8 * 3600 });
      return { user: actor, csrfToken: app.csrfTokenFor(session) };
    },
  );

  app.post(
    '/auth/sign-out',
    {
      schema: docs({
        summary: 'Sign out: the session is gone',
        tags: ['accounts'],
        responses: { 204: { empty: 'Signed out; the session cookie is cleared' } },
        public: true,
      }),
    },
    async (request, reply) => {
      const session = request.cookies[SESSION_COOKIE];
      if (session) await signOut(ctx, session);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );

  app.get(
    '/me',
    {
      schema: docs({
        summary: 'The signed-in user, and the X-CSRF-Token value for changes made with the session cookie (null with an API token)',
        tags: ['accounts'],
        responses: { 200: MeResponse },
      }),
    },
    async (request) => ({
      user: actorOf(request),
      csrfToken: request.credential?.kind === 'session' ? app.csrfTokenFor(request.cookies[SESSION_COOKIE] as string) : null,
    }),
  );
}

function tokenRoutes(app: FastifyInstance, ctx: AppContext) {
  app.post(
    '/tokens',
    {
      schema: docs({
        summary: 'Create an API token (the secret is shown once)',
        description: `A name (1–${TOKEN_LIMITS.nameLength} characters), a scope (read: GET only; write, the default) and expiresInDays (1–${TOKEN_LIMITS.maxDays}, default ${TOKEN_LIMITS.defaultDays}). Only a signed-in person may make one: with a token, 403 TOKEN_CANNOT_MANAGE_TOKENS.`,
        tags: ['accounts'],
        body: TokenInput,
        responses: { 201: ApiTokenCreatedResponse },
      }),
    },
    async (request, reply) => {
      const created = await createApiToken(ctx, actorOf(request), credentialOf(request), parse(TokenInput, request.body));
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/tokens',
    {
      schema: docs({
        summary: 'Your API tokens, newest first (never their secrets)',
        description: 'lastUsedAt is recorded to the minute. Not with a token: 403 TOKEN_CANNOT_MANAGE_TOKENS.',
        tags: ['accounts'],
        responses: { 200: ApiTokenListResponse },
      }),
    },
    async (request) => ({ tokens: await listApiTokens(ctx, actorOf(request), credentialOf(request)) }),
  );

  app.delete(
    '/tokens/:id',
    {
      schema: docs({
        summary: 'Revoke an API token: it stops working at once',
        tags: ['accounts'],
        params: IdParams,
        responses: { 204: { empty: 'Revoked' } },
      }),
    },
    async (request, reply) => {
      await revokeApiToken(ctx, actorOf(request), credentialOf(request), parse(IdParams, request.params).id);
      return reply.code(204).send();
    },
  );
}
