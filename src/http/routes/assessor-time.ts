// An assessor's weekly hours and leave. An adapter: src/app/assessor-time.ts decides.
import { z } from 'zod';
import { addLeave, assessorTime, removeLeave, setWeeklyHours } from '../../app/assessor-time.ts';
import { CalendarDate } from '../../domain/calendar/date-schema.ts';
import { actorOf, docs, IdParams, parse } from '../kit.ts';
import { IsoDateResponse } from '../responses/common.ts';
import { describes } from '../responses/describes.ts';
import type { RouteModule } from './index.ts';

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day, HH:MM (24-hour)');
export const WeeklyHoursInput = z.strictObject({
  hours: z.array(z.strictObject({ weekday: z.number().int().min(1).max(7), starts: ClockTime, ends: ClockTime })).max(50),
});
export const LeaveInput = z.strictObject({ fromDate: CalendarDate, toDate: CalendarDate, reason: z.string().trim().max(200).optional() });
const LeaveParams = z.object({ id: z.uuid(), leaveId: z.string() });

const Leave = z.object({ id: z.string(), fromDate: IsoDateResponse, toDate: IsoDateResponse, reason: z.string().nullable() });
const TimeResponse = describes<Awaited<ReturnType<typeof assessorTime>>>()(
  z.object({
    assessorId: z.string(),
    weeklyHours: z.array(z.object({ weekday: z.number().int(), starts: z.string(), ends: z.string() })),
    leave: z.array(Leave),
  }),
);

export const assessorTimeRoutes: RouteModule = (ctx) => async (app) => {
  app.get(
    '/assessors/:id/time',
    {
      schema: docs({
        summary: 'The assessor’s weekly hours (UK time) and their leave from today on',
        tags: ['assessors'],
        params: IdParams,
        responses: { 200: TimeResponse },
      }),
    },
    async (request) => assessorTime(ctx, actorOf(request), parse(IdParams, request.params).id),
  );
  app.put(
    '/assessors/:id/weekly-hours',
    {
      schema: docs({
        summary: 'Replace the assessor’s weekly hours: a booking outside them is warned of',
        tags: ['assessors'],
        params: IdParams,
        body: WeeklyHoursInput,
        responses: { 200: TimeResponse },
      }),
    },
    async (request) => setWeeklyHours(ctx, actorOf(request), parse(IdParams, request.params).id, parse(WeeklyHoursInput, request.body)),
  );
  app.post(
    '/assessors/:id/leave',
    {
      schema: docs({
        summary: 'Add leave: a booking on those days is refused (ASSESSOR_ON_LEAVE)',
        tags: ['assessors'],
        params: IdParams,
        body: LeaveInput,
        responses: { 201: Leave },
      }),
    },
    async (request, reply) => reply.code(201).send(await addLeave(ctx, actorOf(request), parse(IdParams, request.params).id, parse(LeaveInput, request.body))),
  );
  app.delete(
    '/assessors/:id/leave/:leaveId',
    { schema: docs({ summary: 'Remove leave', tags: ['assessors'], params: LeaveParams, responses: { 204: { empty: 'Removed' } } }) },
    async (request, reply) => {
      const { id, leaveId } = parse(LeaveParams, request.params);
      await removeLeave(ctx, actorOf(request), id, leaveId);
      return reply.code(204).send();
    },
  );
};
