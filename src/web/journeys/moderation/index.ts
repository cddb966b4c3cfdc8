// The IQA's moderation: the queue (each sample linked to its decision, the batches to sign
// off), and one sampled assessment with the decision. An adapter: moderationQueue,
// moderationCase, moderate and signOffBatch decide.
import type { FastifyPluginAsync } from 'fastify';
import { handle, type PageHandler, type Services } from '../kit.ts';
import { decide, showCase } from './case.ts';
import { ROLES, showQueue, signOff } from './queue.ts';

export function moderationRoutes(services: Services): FastifyPluginAsync {
  const config = { config: { roles: ROLES } };
  const on = (handler: PageHandler) => handle(services, handler);
  return async (app) => {
    app.get('/iqa', config, on(showQueue));
    app.get('/moderation/:assessmentId', config, on(showCase));
    app.post('/moderation/:assessmentId', config, on(decide));
    app.post('/moderation/batches/:batchId/sign-off', config, on(signOff));
  };
}
