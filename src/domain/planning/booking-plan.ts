// One booking judged against its record's plan: every current booking of the record plus
// this one, through checkPlan (001 §5 and the policies' lead times). Only the violations
// this booking brings block it (violationsOfBooking), and a re-sit or re-take keeps to its
// own window (001 §8, reattemptBookingFindings). The booking use-case and the scheduler
// both ask this, so a proposed booking is judged exactly as a booking made by hand.
import type { IsoDate } from '../calendar/dates.ts';
import type { HolidayCalendar } from '../calendar/working-days.ts';
import { type Finding, ok, type Result } from '../outcome.ts';
import { reattemptBookingFindings } from '../reassessment/reattempt.ts';
import type { Resolved } from '../standards/catalogue.ts';
import { checkPlan, violationsOfBooking } from './booking-check.ts';
import type { Booking, PlanCheckRequest } from './input.ts';

export type BookingPlan = {
  /** The record's facts the plan is checked on: standard, policy, gateway, registration, evidence, a project fail. */
  base: Omit<PlanCheckRequest, 'bookings'>;
  /** The record's other booked and held assessments (the one being placed left out). */
  others: readonly Booking[];
  proposed: Booking;
  /** Where the method is a re-sit or re-take: the end of its own window (null: none). */
  reattempt?: { windowEnds: IsoDate | null } | undefined;
};

/** The refusals the plan gives this booking, and the plan's warnings (the order of methods). */
export function bookingPlanFindings(r: Resolved, plan: BookingPlan, holidays: HolidayCalendar | null): Result<{ violations: Finding[]; warnings: Finding[] }> {
  const others = plan.others.filter((o) => o.method !== plan.proposed.method);
  const withThis = checkPlan(r, { ...plan.base, bookings: [...others, plan.proposed] }, holidays);
  if (!withThis.ok) return withThis;
  const without = others.length > 0 ? checkPlan(r, { ...plan.base, bookings: others }, holidays) : null;
  const own = violationsOfBooking(plan.proposed.method, withThis.value.violations, without?.ok ? without.value.violations : []);
  const violations = plan.reattempt
    ? reattemptBookingFindings(own, plan.proposed.method, plan.proposed.date, plan.reattempt.windowEnds, r.index.standard.reassessment.windowMonths.source)
    : own;
  return ok({ violations, warnings: withThis.value.warnings });
}
