// What withdrawing an apprentice costs: each booking still to come is cancelled, and the
// policy's late-cancellation charge applies to each as it would to a single cancellation
// (VTCT: the full fee within 10 working days, 000 Scheduling – Cancellation). No seed speaks
// of withdrawal itself, so this is this EPAO's reading: a withdrawal is the cancellation of
// everything booked, charged by the same rule, and shown before the EPAO confirms it.
import type { IsoDate } from '../calendar/dates.ts';
import type { HolidayCalendar } from '../calendar/working-days.ts';
import type { Policy } from '../standards/schema.ts';
import { type CancellationCharge, cancellationCharge } from './slot.ts';

export type BookingToCancel = { id: string; method: string; date: IsoDate };

export type WithdrawalCharge = BookingToCancel & CancellationCharge;

export function withdrawalCharges(
  rule: Policy['cancellation'] | undefined,
  bookings: readonly BookingToCancel[],
  withdrawnOn: IsoDate,
  holidays: HolidayCalendar,
): WithdrawalCharge[] {
  return bookings.map((b) => ({ ...b, ...cancellationCharge(rule, b.date, withdrawnOn, holidays) }));
}

/** A charge is recorded on the cancelled booking only where one is due; otherwise nothing is. */
export const chargeDue = (charge: CancellationCharge): 'full-fee' | null => (charge.charge === 'none' ? null : charge.charge);
