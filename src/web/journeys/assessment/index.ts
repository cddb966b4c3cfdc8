// The assessor's assessment workspace: open the record from a booking, judge each
// criterion (met / not met / not evidenced, with a note), the session's facts (ID seen,
// start and end, questioning), save as it goes, and submit for the provisional grade.
// Works without JavaScript: every save is a form POST; web/static/assessment.mjs adds a
// timer and autosave through the JSON API. An adapter: it reads the form, calls the
// use-cases in src/app/assessments.ts and renders; no rule is decided here.
import type { FastifyPluginAsync } from 'fastify';
import { handle, type PageHandler, type Services } from '../kit.ts';
import { openFromBooking, saveWorkspace, showWorkspace, submitWorkspace } from './workspace.ts';

export function assessmentRoutes(services: Services): FastifyPluginAsync {
  const config = { config: { roles: ['assessor'] as const } };
  const on = (handler: PageHandler) => handle(services, handler);
  return async (app) => {
    app.post('/bookings/:id/assessment', config, on(openFromBooking));
    app.get('/assessments/:id', config, on(showWorkspace));
    app.post('/assessments/:id', config, on(saveWorkspace));
    app.post('/assessments/:id/submit', config, on(submitWorkspace));
  };
}
