// Verifying the audit chain over HTTP (the CLI has `capstone audit verify`).
import { forbidden } from '../../app/errors.ts';
import { may } from '../../domain/access/access.ts';
import { verifyAudit } from '../../store/audit.ts';
import { actorOf, docs } from '../kit.ts';
import type { RouteModule } from './index.ts';

export const auditRoutes: RouteModule = (ctx) => async (app) => {
  app.get(
    '/audit/verify',
    { schema: docs({ summary: 'Check the audit chain for altered, inserted or removed entries', tags: ['operations'] }) },
    async (request) => {
      if (!may(actorOf(request), 'audit.verify')) throw forbidden();
      const result = await verifyAudit(ctx.db);
      return { intact: result.breaks.length === 0, ...result };
    },
  );
};
