// An appeal's steps between lodging and decision (lodging and deciding are with the other
// casework in certificates.ts): the appeal as its parties see it, the EPAO's open appeals,
// the acknowledgement and the reviewer. An adapter: src/app/appeal-steps.ts decides.
import { z } from 'zod';
import { acknowledgeAppeal, assignReviewer, getAppeal, listOpenAppeals } from '../../app/appeal-steps.ts';
import { AppealReviewerInput } from '../../app/inputs-assessment.ts';
import { CalendarDate } from '../../domain/calendar/date-schema.ts';
import { actorOf, docs, IdParams, parse } from '../kit.ts';
import { AppealResponse, OpenAppealsResponse } from '../responses/certificates.ts';
import type { RouteModule } from './index.ts';

const OpenAppealsQuery = z.object({
  afterLodgedOn: CalendarDate.optional(),
  afterId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const appealRoutes: RouteModule = (ctx) => async (app) => {
  app.get(
    '/appeals',
    {
      schema: docs({
        summary: 'The open appeals, oldest first, each with the step it waits for and by when (EPAO staff); page on with afterLodgedOn and afterId',
        tags: ['appeals'],
        querystring: OpenAppealsQuery,
        responses: { 200: OpenAppealsResponse },
      }),
    },
    async (request) => {
      const q = parse(OpenAppealsQuery, request.query);
      const after = q.afterLodgedOn && q.afterId ? { lodgedOn: q.afterLodgedOn, id: q.afterId } : undefined;
      return { appeals: await listOpenAppeals(ctx, actorOf(request), { ...(after ? { after } : {}), limit: q.limit }) };
    },
  );
  app.get(
    '/appeals/:id',
    {
      schema: docs({
        summary: 'An appeal: its grounds, steps, deadlines, reviewer and decision (its parties, its reviewer and the EPAO)',
        tags: ['appeals'],
        params: IdParams,
        responses: { 200: AppealResponse },
      }),
    },
    async (request) => getAppeal(ctx, actorOf(request), parse(IdParams, request.params).id),
  );
  app.post(
    '/appeals/:id/acknowledgement',
    {
      schema: docs({
        summary: 'Acknowledge an appeal: the lodger and the apprentice are e-mailed the date it will be decided by',
        tags: ['appeals'],
        params: IdParams,
        responses: { 200: AppealResponse },
      }),
    },
    async (request) => acknowledgeAppeal(ctx, actorOf(request), parse(IdParams, request.params).id),
  );
  app.post(
    '/appeals/:id/reviewer',
    {
      schema: docs({
        summary: 'Give an appeal to a reviewer who neither assessed nor moderated the apprentice’s EPA; they alone decide it then',
        tags: ['appeals'],
        params: IdParams,
        body: AppealReviewerInput,
        responses: { 200: AppealResponse },
      }),
    },
    async (request) => assignReviewer(ctx, actorOf(request), parse(IdParams, request.params).id, parse(AppealReviewerInput, request.body)),
  );
};
