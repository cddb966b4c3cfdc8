// The signed-in person's own settings: whether they are e-mailed reminders of work due. An
// adapter: src/app/people.ts decides.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { myPreferences, setMyPreferences } from '../../app/people.ts';
import type { Role } from '../../domain/access/access.ts';
import { actorOf, formBody, handle, many, type PageHandler, type Services } from './kit.ts';

const EVERYONE: Role[] = ['epao-admin', 'assessor', 'iqa', 'provider', 'employer', 'apprentice'];

async function showAccount({ ctx, view }: Services, request: FastifyRequest, reply: FastifyReply) {
  return view(request, reply, 'account.njk', {
    title: 'Your settings',
    preferences: await myPreferences(ctx, actorOf(request)),
    saved: (request.query as Record<string, unknown>).saved === '1',
  });
}

async function saveAccount({ ctx }: Services, request: FastifyRequest, reply: FastifyReply) {
  await setMyPreferences(ctx, actorOf(request), { reminders: many(formBody(request), 'reminders').includes('yes') });
  return reply.redirect('/account?saved=1', 303);
}

export function accountRoutes(services: Services): FastifyPluginAsync {
  const on = (handler: PageHandler) => handle(services, handler);
  return async (app) => {
    app.get('/account', { config: { roles: EVERYONE } }, on(showAccount));
    app.post('/account', { config: { roles: EVERYONE } }, on(saveAccount));
  };
}
