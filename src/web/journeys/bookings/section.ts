// The record page's bookings section for the EPAO.
import { listBookings } from '../../../app/bookings.ts';
import { today } from '../../../app/context.ts';
import type { RecordSection } from '../../record-sections.ts';

/** The record page's bookings section for the EPAO: how many are booked, the next, and the way in. */
export const bookingSection: RecordSection = async ({ ctx, actor, record }) => {
  if (actor.role !== 'epao-admin' || !record.gatewayApprovedOn) return null;
  const bookings = await listBookings(ctx, actor, { recordId: record.id, limit: 500 });
  const booked = bookings.filter((b) => b.status === 'booked');
  const from = today(ctx);
  return {
    template: 'booking-section.njk',
    data: { recordId: record.id, count: bookings.length, booked: booked.length, next: booked.find((b) => b.date >= from) ?? null },
  };
};
