// What the bookings routes answer with.
import { z } from 'zod';
import type { BookingOutcome, BookingView } from '../../app/bookings.ts';
import type { CancellationCharge, PlannedLength } from '../../domain/booking/slot.ts';
import { FindingResponse, IsoDateResponse } from './common.ts';
import { describes } from './describes.ts';

/** An instant as toISOString writes it, in UTC. */
const InstantResponse = z.string().meta({ format: 'date-time' });

const Party = z.object({ id: z.string(), name: z.string() });

export const BookingResponse = describes<BookingView>()(
  z.object({
    id: z.string(),
    version: z.number().int(),
    recordId: z.string(),
    standard: z.string(),
    policy: z.string().nullable(),
    method: z.string(),
    methodName: z.string(),
    apprentice: Party,
    assessor: Party,
    date: IsoDateResponse,
    startTime: z.string().meta({ description: 'UK time, HH:MM' }),
    endTime: z.string().meta({ description: 'UK time, HH:MM' }),
    startsAt: InstantResponse,
    endsAt: InstantResponse,
    minutes: z.number().int(),
    bookedOn: IsoDateResponse,
    venue: z.string().nullable(),
    remoteLink: z.string().nullable(),
    status: z.enum(['booked', 'held', 'cancelled']),
    cancelledOn: IsoDateResponse.nullable(),
    cancellationCharge: z.string().nullable(),
    cancellationReason: z.string().nullable(),
    confirmedAt: InstantResponse.nullable().meta({
      description: 'When the assessor confirmed they will be there; null until then, and after a move to another time or assessor',
    }),
    warnings: z.array(FindingResponse),
    extraTimePercent: z.number(),
    adjustments: z.string().nullable(),
  }),
);

export const BookingListResponse = z.object({ bookings: z.array(BookingResponse) });

// The base and the percentages can be fractional; the minutes booked are whole.
const PlannedLengthResponse = describes<PlannedLength>()(
  z.object({
    minutes: z.number().int(),
    maxMinutes: z.number().int(),
    baseMinutes: z.number(),
    tolerancePercent: z.number(),
    extraTimePercent: z.number(),
    parts: z.array(z.object({ id: z.string(), name: z.string(), minutes: z.number().int() })),
    source: z.string(),
  }),
);

/** A booking as made or moved, with the planned length it was checked against. */
export const BookingOutcomeResponse = describes<BookingOutcome>()(BookingResponse.extend({ slot: PlannedLengthResponse }));

const CancellationChargeResponse = describes<CancellationCharge>()(
  z.object({
    charge: z.enum(['full-fee', 'none']),
    workingDaysBefore: z.number().int(),
    withinWorkingDays: z.number().int().nullable(),
    source: z.string(),
  }),
);

/** A cancelled booking, with the charge the EPAO's policy sets for cancelling then. */
export const CancelledBookingResponse = describes<BookingView & { cancellation: CancellationCharge }>()(
  BookingResponse.extend({ cancellation: CancellationChargeResponse }),
);
