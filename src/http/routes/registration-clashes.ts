// Held registrations (registration clashes): the EPAO's queue and decision, and the
// requesting provider's view of its own (records.ts requestRegistration holds them).
import { ClashDecisionInput, ClashListQuery, decideClash, getClash, listClashes } from '../../app/registration-clashes.ts';
import { actorOf, docs, IdParams, parse } from '../kit.ts';
import { ClashListResponse, ClashResponse } from '../responses/registration-clashes.ts';
import type { RouteModule } from './index.ts';

export const registrationClashRoutes: RouteModule = (ctx) => async (app) => {
  app.get(
    '/registration-clashes',
    {
      schema: docs({
        summary: 'Held registrations: the EPAO sees its queue with both sides, a provider only those it asked for',
        tags: ['records'],
        querystring: ClashListQuery,
        responses: { 200: ClashListResponse },
        description: 'status: open (the default), transferred, rejected or all. Open ones come longest waiting first.',
      }),
    },
    async (request) => ({ clashes: await listClashes(ctx, actorOf(request), parse(ClashListQuery, request.query)) }),
  );

  app.get(
    '/registration-clashes/:id',
    {
      schema: docs({
        summary: 'One held registration and its outcome (the requesting provider sees only its own side)',
        tags: ['records'],
        params: IdParams,
        responses: { 200: ClashResponse },
      }),
    },
    async (request) => getClash(ctx, actorOf(request), parse(IdParams, request.params).id),
  );

  app.post(
    '/registration-clashes/:id/decision',
    {
      schema: docs({
        summary: 'The EPAO transfers the apprentice to the requesting provider, or rejects the registration with a reason',
        tags: ['records'],
        params: IdParams,
        body: ClashDecisionInput,
        responses: { 200: ClashResponse },
        description:
          'EPAO admin only. transfer: the active record of the other provider is closed as withdrawn (transferred) and the requested registration is made. reject: the reason is shown to the requesting provider. A clash already decided gets 409 ALREADY_DECIDED.',
      }),
    },
    async (request) => decideClash(ctx, actorOf(request), parse(IdParams, request.params).id, parse(ClashDecisionInput, request.body)),
  );
};
