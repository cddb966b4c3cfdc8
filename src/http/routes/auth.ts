// Sign in and out, who am I, and API tokens for provider systems.
import { z } from 'zod';
import { createApiToken, revokeApiToken, signIn, signOut } from '../../app/auth.ts';
import { AppError } from '../../app/errors.ts';
import { actorOf, docs, IdParams, parse, SESSION_COOKIE } from '../kit.ts';
import type { RouteModule } from './index.ts';

const SignInInput = z.strictObject({ email: z.string().trim().min(3).max(200), password: z.string().min(1).max(200) });
const TokenInput = z.strictObject({ name: z.string().trim().min(1).max(100) });

export const authRoutes: RouteModule = (ctx, options) => async (app) => {
  app.post(
    '/auth/sign-in',
    { schema: docs({ summary: 'Sign in: sets a new session cookie', tags: ['accounts'], body: SignInInput, public: true }) },
    async (request, reply) => {
      const { email, password } = parse(SignInInput, request.body);
      const { session, actor } = await signIn(ctx, email, password, { address: request.ip, previousSession: request.cookies[SESSION_COOKIE] }).catch(
        (error: unknown) => {
          if (error instanceof AppError && error.code === 'TOO_MANY_ATTEMPTS') reply.header('retry-after', String(error.details.retryAfterSeconds));
          throw error;
        },
      );
      reply.setCookie(SESSION_COOKIE, session, { path: '/', httpOnly: true, sameSite: 'lax', secure: options.secureCookies, maxAge: 8 * 3600 });
      return { user: actor };
    },
  );

  app.post('/auth/sign-out', { schema: docs({ summary: 'Sign out: the session is gone', tags: ['accounts'], public: true }) }, async (request, reply) => {
    const session = request.cookies[SESSION_COOKIE];
    if (session) await signOut(ctx, session);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  app.get('/me', { schema: docs({ summary: 'The signed-in user', tags: ['accounts'] }) }, async (request) => ({ user: actorOf(request) }));

  app.post('/tokens', { schema: docs({ summary: 'Create an API token (shown once)', tags: ['accounts'], body: TokenInput }) }, async (request, reply) => {
    const created = await createApiToken(ctx, actorOf(request), parse(TokenInput, request.body).name);
    return reply.code(201).send(created);
  });

  app.delete('/tokens/:id', { schema: docs({ summary: 'Revoke an API token', tags: ['accounts'], params: IdParams }) }, async (request, reply) => {
    await revokeApiToken(ctx, actorOf(request), parse(IdParams, request.params).id);
    return reply.code(204).send();
  });
};
