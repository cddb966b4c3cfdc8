// Bookings: book a method for an apprentice, list and read them (each role within its
// scope), move, cancel (the policy's charge recorded) and download as a calendar invitation.

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { confirmBooking } from '../../app/booking-confirmation.ts';
import { bookAssessment, cancelBooking, getBooking, listBookings, moveBooking } from '../../app/bookings.ts';
import { bookingInvite } from '../../app/calendar-invite.ts';
import type { AppContext } from '../../app/context.ts';
import { idempotent } from '../../app/idempotency.ts';
import { BookingCancelInput, BookingConfirmInput, BookingCreateInput, BookingMoveInput } from '../../app/inputs-assessors.ts';
import { CalendarDate } from '../../domain/calendar/date-schema.ts';
import { actorOf, docs, IdParams, idempotencyKey, parse, sendStored } from '../kit.ts';
import { BookingListResponse, BookingOutcomeResponse, BookingResponse, CancelledBookingResponse } from '../responses/bookings.ts';
import type { RouteModule } from './index.ts';

const ListQuery = z.object({
  status: z.enum(['booked', 'held', 'cancelled']).optional(),
  assessorId: z.string().max(50).optional(),
  from: CalendarDate.optional(),
  to: CalendarDate.optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});

export const bookingRoutes: RouteModule = (ctx) => async (app) => {
  recordBookingRoutes(app, ctx);
  oneBookingRoutes(app, ctx);
};

function recordBookingRoutes(app: FastifyInstance, ctx: AppContext) {
  app.post(
    '/records/:id/bookings',
    {
      schema: docs({
        summary: 'Book an assessment method: date, UK start time, assessor, venue or remote link',
        tags: ['bookings'],
        params: IdParams,
        body: BookingCreateInput,
        responses: { 201: BookingOutcomeResponse },
        description:
          'EPAO admin only. Refused (422) when the plan check fails for this method or the assessor is not independent, current or approved; 409 ASSESSOR_BUSY when the assessor already has an assessment then. Order warnings come back in `warnings`. Accepts an Idempotency-Key header.',
      }),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id } = parse(IdParams, request.params);
      const input = parse(BookingCreateInput, request.body);
      const stored = await idempotent(
        ctx,
        actor.userId,
        idempotencyKey(request),
        { route: 'POST /records/:id/bookings', id, body: request.body },
        async () => ({
          status: 201,
          body: await bookAssessment(ctx, actor, id, input),
        }),
      );
      return sendStored(reply, stored);
    },
  );
  app.get(
    '/records/:id/bookings',
    {
      schema: docs({
        summary: "A record's bookings you may see",
        tags: ['bookings'],
        params: IdParams,
        querystring: ListQuery,
        responses: { 200: BookingListResponse },
      }),
    },
    async (request) => {
      const { id } = parse(IdParams, request.params);
      return { bookings: await listBookings(ctx, actorOf(request), { ...parse(ListQuery, request.query), recordId: id }) };
    },
  );
  app.get(
    '/bookings',
    {
      schema: docs({
        summary: 'Bookings you may see (an assessor: its own), soonest first',
        tags: ['bookings'],
        querystring: ListQuery,
        responses: { 200: BookingListResponse },
      }),
    },
    async (request) => ({ bookings: await listBookings(ctx, actorOf(request), parse(ListQuery, request.query)) }),
  );
}

function oneBookingRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get(
    '/bookings/:id',
    { schema: docs({ summary: 'One booking', tags: ['bookings'], params: IdParams, responses: { 200: BookingResponse } }) },
    async (request) => {
      return getBooking(ctx, actorOf(request), parse(IdParams, request.params).id);
    },
  );
  app.patch(
    '/bookings/:id',
    {
      schema: docs({
        summary: 'Move a booking: new date, time, assessor or place, checked as a new booking (send the version; a stale one gets 409)',
        tags: ['bookings'],
        params: IdParams,
        body: BookingMoveInput,
        responses: { 200: BookingOutcomeResponse },
      }),
    },
    async (request) => moveBooking(ctx, actorOf(request), parse(IdParams, request.params).id, parse(BookingMoveInput, request.body)),
  );
  app.post(
    '/bookings/:id/cancel',
    {
      schema: docs({
        summary: "Cancel a booking; the EPAO policy's cancellation charge is recorded (send the version)",
        tags: ['bookings'],
        params: IdParams,
        body: BookingCancelInput,
        responses: { 200: CancelledBookingResponse },
      }),
    },
    async (request) => cancelBooking(ctx, actorOf(request), parse(IdParams, request.params).id, parse(BookingCancelInput, request.body)),
  );
  app.post(
    '/bookings/:id/confirmation',
    {
      schema: docs({
        summary: 'The assessor confirms a booking of theirs: they will be there (send the version)',
        tags: ['bookings'],
        params: IdParams,
        body: BookingConfirmInput,
        responses: { 200: BookingResponse },
        description: 'The booking’s own assessor only. Confirming again changes nothing. A booking moved to another time or assessor is confirmed again.',
      }),
    },
    async (request) => confirmBooking(ctx, actorOf(request), parse(IdParams, request.params).id, parse(BookingConfirmInput, request.body)),
  );
  app.get(
    '/bookings/:id/invite.ics',
    {
      schema: docs({
        summary: 'The booking as a calendar invitation (text/calendar, RFC 5545)',
        tags: ['bookings'],
        params: IdParams,
        responses: { 200: { file: 'text/calendar', description: 'the booking as an iCalendar event, as an attachment' } },
      }),
    },
    async (request, reply) => {
      const invite = await bookingInvite(ctx, actorOf(request), parse(IdParams, request.params).id);
      return reply.type('text/calendar; charset=utf-8').header('content-disposition', `attachment; filename="${invite.fileName}"`).send(invite.content);
    },
  );
}
