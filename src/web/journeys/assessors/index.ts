// The EPAO manages its independent assessors: the list with whether each is current for
// booking, adding one, changing one (optimistic version), and an assessor's page with
// their declared relationships and availability. An adapter: the rules (the 12-month
// currency, who may do what) are the domain's and the use-cases'.
import type { FastifyPluginAsync } from 'fastify';
import { handle, type PageHandler, type Services } from '../kit.ts';
import { add, showAdd, showAssessors } from './add.ts';
import { showAssessor } from './assessor.ts';
import { addTimes } from './availability.ts';
import { change, showChange } from './change.ts';
import { ROLES } from './form.ts';
import { declare } from './relationships.ts';

export function assessorRoutes(services: Services): FastifyPluginAsync {
  const config = { config: { roles: ROLES } };
  const on = (handler: PageHandler) => handle(services, handler);
  return async (app) => {
    app.get('/admin/assessors', config, on(showAssessors));
    app.get('/admin/assessors/new', config, on(showAdd));
    app.post('/admin/assessors/new', config, on(add));
    app.get('/admin/assessors/:id/change', config, on(showChange));
    app.post('/admin/assessors/:id/change', config, on(change));
    app.get('/admin/assessors/:id', config, on(showAssessor));
    app.post('/admin/assessors/:id/relationships', config, on(declare));
    app.post('/admin/assessors/:id/availability', config, on(addTimes));
  };
}
