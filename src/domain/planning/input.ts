// The shapes of `plan` and `plan check` requests, shared by the CLI and the API.
import { z } from 'zod';
import { CalendarDate } from '../calendar/date-schema.ts';

export const PlanInput = z.object({
  standard: z.string(),
  policy: z.string().nullable().default(null),
  gatewayApproved: CalendarDate,
});

export const BookingInput = z.object({
  method: z.string(),
  /** The assessment's date; for the ST0071 project, the interview's. */
  date: CalendarDate,
  bookedOn: CalendarDate,
  projectSubmittedOn: CalendarDate.optional(),
  portfolioSubmittedOn: CalendarDate.optional(),
  showcaseSubmittedOn: CalendarDate.optional(),
});

export const PlanCheckInput = PlanInput.extend({
  bookings: z.array(BookingInput).min(1),
  registeredOn: CalendarDate.optional(),
  evidenceSubmittedOn: CalendarDate.optional(),
  /** The day the project's fail was released, where it was: its rework is due within the rework period (001 §8). */
  projectFailReleasedOn: CalendarDate.optional(),
});

export type PlanRequest = z.infer<typeof PlanInput>;
export type Booking = z.infer<typeof BookingInput>;
export type PlanCheckRequest = z.infer<typeof PlanCheckInput>;
