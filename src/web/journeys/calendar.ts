// The assessor's private calendar on the web: the feed their calendar application reads
// (GET /calendar/<secret>.ics, no sign-in: the secret is the key), and on their home page the
// link made (shown once) or stopped. An adapter: src/app/calendar-feed.ts decides.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { calendarFeed, newCalendarLink, stopCalendarLink } from '../../app/calendar-feed.ts';
import { AppError } from '../../app/errors.ts';
import { assessorHome } from './homes.ts';
import { actorOf, handle, type PageHandler, type Services } from './kit.ts';

async function feed({ ctx }: Services, request: FastifyRequest, reply: FastifyReply) {
  const { file } = request.params as { file: string };
  const secret = file.endsWith('.ics') ? file.slice(0, -4) : '';
  try {
    const content = await calendarFeed(ctx, secret);
    return reply.type('text/calendar; charset=utf-8').header('cache-control', 'private, no-store').send(content);
  } catch (error) {
    if (error instanceof AppError && error.status === 404)
      return reply.code(404).type('text/plain; charset=utf-8').send('No such calendar: the link was stopped or never made.\n');
    throw error;
  }
}

/** Makes the link and shows it on the home page, once: it is not kept anywhere it could be read back. */
async function makeLink(services: Services, request: FastifyRequest, reply: FastifyReply) {
  const actor = actorOf(request);
  const { url } = await newCalendarLink(services.ctx, actor, actor.assessorId ?? '');
  return assessorHome(services, request, reply, { calendarLink: url });
}

async function stopLink({ ctx }: Services, request: FastifyRequest, reply: FastifyReply) {
  const actor = actorOf(request);
  await stopCalendarLink(ctx, actor, actor.assessorId ?? '');
  return reply.redirect('/assessor?calendar=stopped#your-calendar', 303);
}

export function calendarRoutes(services: Services): FastifyPluginAsync {
  const on = (handler: PageHandler) => handle(services, handler);
  const assessor = { config: { roles: ['assessor' as const] } };
  return async (app) => {
    app.get('/calendar/:file', on(feed));
    app.post('/assessor/calendar-link', assessor, on(makeLink));
    app.post('/assessor/calendar-link/stop', assessor, on(stopLink));
  };
}
