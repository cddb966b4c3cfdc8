// The work waiting on the signed-in user, queue by queue, as the homes show it.
import { workQueueCounts } from '../../app/work-queues.ts';
import { actorOf, docs } from '../kit.ts';
import { WorkQueuesResponse } from '../responses/queues.ts';
import type { RouteModule } from './index.ts';

export const queueRoutes: RouteModule = (ctx) => async (app) => {
  app.get(
    '/queues',
    {
      schema: docs({
        summary: 'The work waiting on you: each queue with its count, and the list of its records (GET /records?queue=…)',
        tags: ['records'],
        responses: { 200: WorkQueuesResponse },
      }),
    },
    async (request) => ({ queues: await workQueueCounts(ctx, actorOf(request)) }),
  );
};
