// Results: the result page, the EPAO's release, the results statement PDF and the feedback
// report. An adapter: resultOverview, releaseResult, resultsStatementPdf and feedbackReport decide.
import type { FastifyPluginAsync } from 'fastify';
import type { Role } from '../../../domain/access/access.ts';
import { handle, type PageHandler, type Services } from '../kit.ts';
import { release, showRelease } from './release.ts';
import { feedbackPdf, resultsStatement, showFeedback, showResult } from './result.ts';

const EVERYONE: readonly Role[] = ['epao-admin', 'assessor', 'iqa', 'provider', 'employer', 'apprentice'];
const RELEASERS: readonly Role[] = ['epao-admin', 'iqa'];

export function resultRoutes(services: Services): FastifyPluginAsync {
  const everyone = { config: { roles: EVERYONE } };
  const releasers = { config: { roles: RELEASERS } };
  const on = (handler: PageHandler) => handle(services, handler);
  return async (app) => {
    app.get('/records/:id/result', everyone, on(showResult));
    app.get('/records/:id/result/release', releasers, on(showRelease));
    app.post('/records/:id/result/release', releasers, on(release));
    app.get('/records/:id/results-statement.pdf', everyone, on(resultsStatement));
    app.get('/records/:id/feedback.pdf', everyone, on(feedbackPdf));
    app.get('/records/:id/feedback', everyone, on(showFeedback));
  };
}
