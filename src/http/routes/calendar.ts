// An assessor's private calendar link: made (shown once) and stopped. The feed itself is
// GET /calendar/<secret>.ics, outside the API (src/web/journeys/calendar.ts). An adapter:
// src/app/calendar-feed.ts decides.
import { z } from 'zod';
import { newCalendarLink, stopCalendarLink } from '../../app/calendar-feed.ts';
import { actorOf, docs, IdParams, parse } from '../kit.ts';
import type { RouteModule } from './index.ts';

export const calendarRoutes: RouteModule = (ctx) => async (app) => {
  app.post(
    '/assessors/:id/calendar-link',
    {
      schema: docs({
        summary: 'Make the assessor’s private calendar subscription URL (the assessor or the EPAO); any earlier one stops working. Shown this once',
        tags: ['assessors'],
        params: IdParams,
        responses: { 201: z.object({ url: z.string() }) },
      }),
    },
    async (request, reply) => reply.code(201).send(await newCalendarLink(ctx, actorOf(request), parse(IdParams, request.params).id)),
  );
  app.delete(
    '/assessors/:id/calendar-link',
    { schema: docs({ summary: 'Stop the assessor’s private calendar link', tags: ['assessors'], params: IdParams, responses: { 204: { empty: 'Stopped' } } }) },
    async (request, reply) => {
      await stopCalendarLink(ctx, actorOf(request), parse(IdParams, request.params).id);
      return reply.code(204).send();
    },
  );
};
