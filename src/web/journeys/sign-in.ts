// Signing in and out. The session cookie is set on the way in, with the pre-session cookie
// (which stood in for it in the sign-in form's token) cleared.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { signIn, signOut } from '../../app/auth.ts';
import { demoAccounts } from '../../app/dashboard.ts';
import { DEMO_PASSWORD, demoDataLoaded } from '../../app/demo.ts';
import { AppError, retryAfterOf } from '../../app/errors.ts';
import { MAX_EMAIL } from '../../app/inputs.ts';
import { MAX_PASSWORD } from '../../app/inputs-assessors.ts';
import { waitPhrase } from '../../domain/access/sign-in-throttle.ts';
import { SESSION_COOKIE } from '../../http/kit.ts';
import { PRESESSION_COOKIE } from '../csrf.ts';
import { plainEnglish } from '../messages.ts';
import { HOME } from '../navigation.ts';
import { errorsOf, formBody, handle, one, type PageHandler, type Services } from './kit.ts';

/** The services, and whether cookies are set Secure (behind HTTPS). */
export type SessionServices = Services & { secureCookies: boolean };

/** The throttle's refusal, with how long to wait: in the page and in Retry-After. */
function tooManyAttempts(error: AppError, reply: FastifyReply): string {
  const seconds = retryAfterOf(error) ?? Number.NaN;
  reply.header('retry-after', String(seconds));
  return `There have been too many failed attempts to sign in. Wait ${waitPhrase(seconds)}, then try again`;
}

async function signInPage({ ctx, view }: Services, request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown>, status = 200) {
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

export async function showSignIn(services: Services, request: FastifyRequest, reply: FastifyReply) {
  if (request.actor) return reply.redirect(HOME[request.actor.role], 303);
  const query = request.query as Record<string, unknown>;
  return signInPage(services, request, reply, { signedOut: query['signed-out'] === '1', passwordSet: query['password-set'] === '1' });
}

function credentialErrors(email: string, password: string): Record<string, string> {
  const fieldErrors: Record<string, string> = {};
  if (!email) fieldErrors.email = 'Enter your email address';
  else if (email.length > MAX_EMAIL || !email.includes('@')) fieldErrors.email = 'Enter an email address in the correct format, like name@example.com';
  if (!password) fieldErrors.password = 'Enter your password';
  else if (password.length > MAX_PASSWORD) fieldErrors.password = `Password must be ${MAX_PASSWORD} characters or fewer`;
  return fieldErrors;
}

export async function signInWith(services: SessionServices, request: FastifyRequest, reply: FastifyReply) {
  const body = formBody(request);
  const email = one(body, 'email').trim();
  const password = one(body, 'password');
  const fieldErrors = credentialErrors(email, password);
  if (Object.keys(fieldErrors).length > 0) return signInPage(services, request, reply, { values: { email }, fieldErrors, errors: errorsOf(fieldErrors) }, 400);

  try {
    const { session, actor } = await signIn(services.ctx, email, password, { address: request.ip, previousSession: request.cookies[SESSION_COOKIE] });
    reply.setCookie(SESSION_COOKIE, session, { path: '/', httpOnly: true, sameSite: 'lax', secure: services.secureCookies, maxAge: 8 * 3600 });
    reply.clearCookie(PRESESSION_COOKIE, { path: '/' });
    return reply.redirect(HOME[actor.role], 303);
  } catch (error) {
    if (!(error instanceof AppError) || (error.code !== 'BAD_CREDENTIALS' && error.code !== 'TOO_MANY_ATTEMPTS')) throw error;
    // The message names neither field as the wrong one, so it says nothing about which accounts exist.
    const errors: Record<string, string> = error.code === 'BAD_CREDENTIALS' ? { password: plainEnglish(error) } : { email: tooManyAttempts(error, reply) };
    return signInPage(services, request, reply, { values: { email }, fieldErrors: errors, errors: errorsOf(errors) }, error.status);
  }
}

export async function signOutOf({ ctx }: Services, request: FastifyRequest, reply: FastifyReply) {
  const session = request.cookies[SESSION_COOKIE];
  if (session) await signOut(ctx, session);
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  return reply.redirect('/sign-in?signed-out=1', 303);
}

export function signInRoutes(services: SessionServices): FastifyPluginAsync {
  const on = (handler: PageHandler<SessionServices>) => handle(services, handler);
  return async (app) => {
    app.get('/sign-in', on(showSignIn));
    app.post('/sign-in', on(signInWith));
    app.post('/sign-out', on(signOutOf));
  };
}
