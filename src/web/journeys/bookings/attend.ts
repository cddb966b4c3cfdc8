// The assessor confirms, from their home page, that they will be at a booking of theirs.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { confirmBooking } from '../../../app/booking-confirmation.ts';
import { AppError } from '../../../app/errors.ts';
import { actorOf, formBody, one, type Services } from '../kit.ts';

export async function confirmAttendance({ ctx }: Services, request: FastifyRequest, reply: FastifyReply) {
  const { bookingId } = request.params as { bookingId: string };
  const version = Number(one(formBody(request), 'version'));
  try {
    await confirmBooking(ctx, actorOf(request), bookingId, { version: Number.isInteger(version) ? version : 0 });
  } catch (error) {
    // Changed meanwhile (moved, cancelled, held): the home page shows the booking as it now stands.
    if (!(error instanceof AppError) || error.status !== 409) throw error;
  }
  return reply.redirect(`/#booking-${bookingId}`, 303);
}
