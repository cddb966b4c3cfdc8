// Appeals on the web: lodged from the result page by the apprentice, employer, provider or
// EPAO; followed on the appeal's own page by everyone it concerns; acknowledged, given to a
// reviewer and decided there; the EPAO's open appeals listed oldest first with what is due.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { listOpenAppeals } from '../../../app/appeal-steps.ts';
import { isUuid } from '../../../app/ids.ts';
import type { Role } from '../../../domain/access/access.ts';
import { isIsoDate } from '../../../domain/calendar/dates.ts';
import { actorOf, handle, type PageHandler, type Services } from '../kit.ts';
import { acknowledge, decide, giveToReviewer, showAppeal } from './appeal.ts';
import { lodge, showLodge } from './lodge.ts';

const EVERYONE: readonly Role[] = ['epao-admin', 'assessor', 'iqa', 'provider', 'employer', 'apprentice'];
const LODGERS: readonly Role[] = ['epao-admin', 'provider', 'employer', 'apprentice'];
const STAFF: readonly Role[] = ['epao-admin', 'iqa'];
const PAGE = 50;

async function showOpenAppeals({ ctx, view }: Services, request: FastifyRequest, reply: FastifyReply) {
  const q = request.query as Record<string, unknown>;
  const after = typeof q.afterLodgedOn === 'string' && typeof q.afterId === 'string' ? { lodgedOn: q.afterLodgedOn, id: q.afterId } : undefined;
  const validAfter = after && isIsoDate(after.lodgedOn) && isUuid(after.id) ? after : undefined;
  const appeals = await listOpenAppeals(ctx, actorOf(request), { ...(validAfter ? { after: validAfter } : {}), limit: PAGE + 1 });
  const last = appeals.length > PAGE ? appeals[PAGE - 1] : undefined;
  return view(request, reply, 'appeals.njk', {
    title: 'Open appeals',
    appeals: appeals.slice(0, PAGE),
    next: last ? `/appeals?afterLodgedOn=${last.lodgedOn}&afterId=${last.id}` : null,
  });
}

export function appealPageRoutes(services: Services): FastifyPluginAsync {
  const on = (handler: PageHandler) => handle(services, handler);
  const as = (roles: readonly Role[]) => ({ config: { roles } });
  return async (app) => {
    app.get('/records/:id/appeal', as(LODGERS), on(showLodge));
    app.post('/records/:id/appeal', as(LODGERS), on(lodge));
    app.get('/appeals', as(STAFF), on(showOpenAppeals));
    app.get('/appeals/:id', as(EVERYONE), on(showAppeal));
    app.post('/appeals/:id/acknowledge', as(['epao-admin']), on(acknowledge));
    app.post('/appeals/:id/reviewer', as(['epao-admin']), on(giveToReviewer));
    app.post('/appeals/:id/decision', as(EVERYONE), on(decide));
  };
}
