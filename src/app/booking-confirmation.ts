// An assessor confirms a booking of theirs: they will be there. Bookings soon to come that
// nobody has confirmed wait in a work queue (work-queues.ts). Only the booking's own assessor
// confirms it; a booking moved to another time or assessor is confirmed again.
import { type Actor, may } from '../domain/access/access.ts';
import { confirmBookingRow } from '../store/repositories/bookings.repository.ts';
import { type BookingView, getBooking } from './booking-views.ts';
import type { AppContext } from './context.ts';
import { conflict, forbidden } from './errors.ts';
import type { BookingConfirmRequest } from './inputs-assessors.ts';

export async function confirmBooking(ctx: AppContext, actor: Actor, id: string, input: BookingConfirmRequest): Promise<BookingView> {
  if (!may(actor, 'booking.confirm') || !actor.assessorId) throw forbidden('a booking is confirmed by its assessor');
  // An assessor sees only their own bookings: anyone else's is 404 here.
  const booking = await getBooking(ctx, actor, id);
  if (booking.assessor.id !== actor.assessorId) throw forbidden('a booking is confirmed by its assessor');
  if (booking.status === 'cancelled') throw conflict('BOOKING_CANCELLED', 'this booking has been cancelled: there is nothing to confirm');
  if (booking.status !== 'booked') throw conflict('ASSESSMENT_HELD', 'this assessment has been held: there is nothing to confirm');
  if (booking.confirmedAt) return booking;
  if (booking.version !== input.version)
    throw conflict('STALE_VERSION', `the booking has changed since version ${input.version}: reload it and try again`, { currentVersion: booking.version });
  const at = ctx.now();
  const audit = { actorId: actor.userId, actor: actor.name, action: 'confirm', entity: 'booking', entityId: id, after: { confirmedAt: at.toISOString() } };
  const row = await confirmBookingRow(ctx.db, id, input.version, at, audit);
  if (!row) throw conflict('STALE_VERSION', `the booking has changed since version ${input.version}: reload it and try again`);
  return getBooking(ctx, actor, id);
}
