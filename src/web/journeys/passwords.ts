// Choosing a password without anyone else knowing it: "Forgot your password?" sends a reset
// link (the page says the same whether or not the address has an account), and the link
// from an invitation or a reset opens the page that sets it. Both are open to someone not
// signed in. An adapter: src/app/people.ts decides.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../app/errors.ts';
import { MAX_EMAIL } from '../../app/inputs.ts';
import { MAX_PASSWORD, MIN_PASSWORD } from '../../app/inputs-assessors.ts';
import { passwordLinkFor, requestPasswordReset, setPasswordWithLink } from '../../app/people.ts';
import { plainEnglish } from '../messages.ts';
import { errorsOf, formBody, handle, one, type PageHandler, type Services } from './kit.ts';

async function showForgot({ view }: Services, request: FastifyRequest, reply: FastifyReply) {
  return view(request, reply, 'forgot-password.njk', { title: 'Reset your password', values: {}, fieldErrors: {}, errors: [], sent: false });
}

async function sendReset({ ctx, view }: Services, request: FastifyRequest, reply: FastifyReply) {
  const email = one(formBody(request), 'email').trim();
  if (!email || email.length > MAX_EMAIL || !email.includes('@')) {
    const fieldErrors = { email: 'Enter your email address, like name@example.com' };
    return view(
      request,
      reply,
      'forgot-password.njk',
      { title: 'Reset your password', values: { email }, fieldErrors, errors: errorsOf(fieldErrors), sent: false },
      400,
    );
  }
  await requestPasswordReset(ctx, email);
  return view(request, reply, 'forgot-password.njk', { title: 'Check your e-mail', values: { email }, fieldErrors: {}, errors: [], sent: true });
}

/** The link's token: in the query when it is opened, in the form when it is sent back. */
const tokenOf = (request: FastifyRequest) => {
  const fromForm = one(formBody(request), 'token');
  const fromQuery = (request.query as Record<string, unknown>).token;
  return fromForm || (typeof fromQuery === 'string' ? fromQuery : '');
};

async function setPasswordPage({ ctx, view }: Services, request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
  const token = tokenOf(request);
  try {
    const link = await passwordLinkFor(ctx, token);
    const title = link.purpose === 'invite' ? 'Choose your password' : 'Choose a new password';
    return view(request, reply, 'set-password.njk', { title, link, token, minPassword: MIN_PASSWORD, fieldErrors: {}, errors: [], ...extra }, status);
  } catch (error) {
    if (!(error instanceof AppError) || !error.code.startsWith('LINK_')) throw error;
    return view(
      request,
      reply,
      'set-password.njk',
      { title: 'This link cannot be used', problem: plainEnglish(error), fieldErrors: {}, errors: [] },
      error.status,
    );
  }
}

async function savePassword(services: Services, request: FastifyRequest, reply: FastifyReply) {
  const body = formBody(request);
  const password = one(body, 'password');
  const confirm = one(body, 'confirm');
  const fieldErrors: Record<string, string> = {};
  if (password.length < MIN_PASSWORD || password.length > MAX_PASSWORD)
    fieldErrors.password = `Your password must be ${MIN_PASSWORD} to ${MAX_PASSWORD} characters long`;
  else if (confirm !== password) fieldErrors.confirm = 'The two passwords are not the same';
  if (Object.keys(fieldErrors).length > 0) return setPasswordPage(services, request, reply, { fieldErrors, errors: errorsOf(fieldErrors) }, 400);
  try {
    await setPasswordWithLink(services.ctx, tokenOf(request), password);
  } catch (error) {
    if (!(error instanceof AppError) || !error.code.startsWith('LINK_')) throw error;
    return setPasswordPage(services, request, reply, {}, error.status);
  }
  return reply.redirect('/sign-in?password-set=1', 303);
}

export function passwordRoutes(services: Services): FastifyPluginAsync {
  const on = (handler: PageHandler) => handle(services, handler);
  return async (app) => {
    app.get('/forgot-password', on(showForgot));
    app.post('/forgot-password', on(sendReset));
    app.get(
      '/set-password',
      on((s, rq, rp) => setPasswordPage(s, rq, rp)),
    );
    app.post('/set-password', on(savePassword));
  };
}
