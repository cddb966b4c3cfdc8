// The schedule on the web, for the EPAO admin: propose (or re-plan) over some days, review
// the proposal, then accept it (each booking checked again as it is made) or discard it.
// Nothing is booked until a proposal is accepted.
import type { FastifyPluginAsync } from 'fastify';
import type { Role } from '../../../domain/access/access.ts';
import { handle, type PageHandler, type Services } from '../kit.ts';
import { proposeFromForm, showScheduleForm } from './propose.ts';
import { acceptFromReview, discardFromReview, showReview } from './review.ts';

export function scheduleRoutes(services: Services): FastifyPluginAsync {
  const on = (handler: PageHandler) => handle(services, handler);
  const admin = { config: { roles: ['epao-admin'] as Role[] } };
  return async (app) => {
    app.get(
      '/admin/schedule',
      admin,
      on((s, rq, rp) => showScheduleForm(s, rq, rp)),
    );
    app.post('/admin/schedule', admin, on(proposeFromForm));
    app.get(
      '/admin/schedule/proposals/:id',
      admin,
      on((s, rq, rp) => showReview(s, rq, rp)),
    );
    app.post('/admin/schedule/proposals/:id/accept', admin, on(acceptFromReview));
    app.post('/admin/schedule/proposals/:id/discard', admin, on(discardFromReview));
  };
}
