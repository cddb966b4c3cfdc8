// Each role's home, the record page every journey hangs its section from, and "Page not
// found" for any other address.

import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { appealsToReview } from '../../app/appeal-steps.ts';
import { listBookings } from '../../app/bookings.ts';
import { hasCalendarFeed } from '../../app/calendar-feed.ts';
import { today } from '../../app/context.ts';
import { attention, ownOrganisationName, pipeline } from '../../app/dashboard.ts';
import { declarationsToMake } from '../../app/declarations.ts';
import { notFound } from '../../app/errors.ts';
import { MAX_RECORD_SEARCH } from '../../app/inputs.ts';
import { listRecordPage } from '../../app/record-list.ts';
import { workQueueCounts } from '../../app/work-queues.ts';
import type { Role } from '../../domain/access/access.ts';
import { problem, sendProblem } from '../../http/problem.ts';
import { HOME } from '../navigation.ts';
import { recordSections } from '../record-sections.ts';
import { STATUS_ORDER } from '../terminology.ts';
import { actorOf, handle, type PageHandler, pageRecord, type Services } from './kit.ts';

const ALL_ROLES: readonly Role[] = ['epao-admin', 'assessor', 'iqa', 'provider', 'employer', 'apprentice'];

export async function home(_services: Services, request: FastifyRequest, reply: FastifyReply) {
  return reply.redirect(request.actor ? HOME[request.actor.role] : '/sign-in', 303);
}

/** The home's search shows the first matches; the apprentices list pages through the rest. */
const SEARCH_PAGE_SIZE = 50;

/** The EPAO's pipeline, what needs attention, and a search of the records. */
export async function adminHome({ ctx, view }: Services, request: FastifyRequest, reply: FastifyReply) {
  const actor = actorOf(request);
  const query = String((request.query as Record<string, unknown>).q ?? '').trim();
  const fieldErrors: Record<string, string> = {};
  if (query.length > MAX_RECORD_SEARCH) fieldErrors.q = `Search must be ${MAX_RECORD_SEARCH} characters or fewer`;
  const searched = query !== '' && !fieldErrors.q;
  const found = searched ? await listRecordPage(ctx, actor, { q: query }, SEARCH_PAGE_SIZE) : null;
  return view(
    request,
    reply,
    'admin.njk',
    {
      title: 'Pipeline',
      pipeline: await pipeline(ctx, actor),
      queues: await workQueueCounts(ctx, actor),
      attention: await attention(ctx, actor),
      statuses: STATUS_ORDER,
      query,
      searched,
      results: found?.records ?? [],
      total: found?.total ?? 0,
      allHref: `/apprentices?${new URLSearchParams({ q: query })}`,
      fieldErrors,
      errors: fieldErrors.q ? [{ text: fieldErrors.q, href: '#q' }] : [],
    },
    fieldErrors.q ? 400 : 200,
  );
}

/** How many of its newest apprentices an organisation's home shows; the apprentices list has them all. */
const HOME_PAGE_SIZE = 50;

/** A provider's or employer's apprentices: the newest, and the way to all of them. */
export async function organisationHome({ ctx, view, terms }: Services, request: FastifyRequest, reply: FastifyReply) {
  const actor = actorOf(request);
  return view(request, reply, 'apprentices.njk', {
    title: 'Your apprentices',
    organisation: (await ownOrganisationName(ctx, actor)) ?? terms.term(actor.role),
    page: await listRecordPage(ctx, actor, {}, HOME_PAGE_SIZE),
    declarations: await declarationsToMake(ctx, actor),
  });
}

export async function assessorHome({ ctx, view }: Services, request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}) {
  const actor = actorOf(request);
  return view(request, reply, 'assessor.njk', {
    calendarFeed: actor.assessorId ? await hasCalendarFeed(ctx.db, actor.assessorId) : false,
    calendarStopped: (request.query as Record<string, unknown>).calendar === 'stopped',
    ...extra,
    title: 'My bookings',
    bookings: await listBookings(ctx, actorOf(request), { from: today(ctx), status: 'booked' }),
    queues: await workQueueCounts(ctx, actorOf(request)),
    appealsToReview: await appealsToReview(ctx, actorOf(request)),
  });
}

export async function recordPage({ ctx, view, terms }: Services, request: FastifyRequest, reply: FastifyReply) {
  const actor = actorOf(request);
  const record = await pageRecord(ctx, request);
  return view(request, reply, 'record.njk', {
    title: `${record.apprentice.givenNames} ${record.apprentice.familyName}`,
    record,
    home: HOME[actor.role],
    sections: await recordSections({ ctx, actor, record, terms }),
  });
}

/**
 * Any other address: the HTML "Page not found" for a person; the API's problem+json under
 * /api/, where a program is asking. (Other methods still get the server's JSON 404.)
 */
export async function elsewhere(_services: Services, request: FastifyRequest, reply: FastifyReply) {
  const path = request.url.split('?')[0] ?? '';
  if (path.startsWith('/api/')) return sendProblem(reply, problem(404, 'NOT_FOUND', `no route GET ${path}`));
  throw notFound('page');
}

export function homeRoutes(services: Services): FastifyPluginAsync {
  const on = (handler: PageHandler) => handle(services, handler);
  return async (app) => {
    app.get('/', on(home));
    app.get('/admin', { config: { roles: ['epao-admin'] } }, on(adminHome));
    for (const role of ['provider', 'employer'] as const) app.get(HOME[role], { config: { roles: [role] } }, on(organisationHome));
    app.get(
      '/assessor',
      { config: { roles: ['assessor'] } },
      on((s, rq, rp) => assessorHome(s, rq, rp)),
    );
    app.get('/records/:id', { config: { roles: ALL_ROLES } }, on(recordPage));
    app.get('/*', on(elsewhere));
  };
}
