// The scheduling problem as plain data: the assessments waiting for a date, the assessors,
// the bookings already made and the EPAO's weights. The CLI reads it as JSON; the schedule
// use-case builds it from the database. Times of day are UK wall-clock minutes from
// midnight; dates are UK calendar dates.
import { z } from 'zod';
import { CalendarDate } from '../calendar/date-schema.ts';
import { CLOCK_TIME } from '../calendar/london-time.ts';

const Clock = z.string().regex(CLOCK_TIME, 'a 24-hour time, HH:MM');
const Id = z.string().min(1).max(200);

/** How much each soft aim counts, per unit (this EPAO's setting; defaults in docs/scheduling.md). */
export const Weights = z.strictObject({
  /** Per day from gateway approval to an apprentice's last assessment: the headline. */
  completionDay: z.number().min(0).max(1000).default(1),
  /** Per assessment left without a date. */
  unplaced: z.number().min(0).max(1_000_000).default(1000),
  /** Per pair of methods in an order the plan or policy does not recommend. */
  order: z.number().min(0).max(1000).default(5),
  /** Per assessment an assessor takes above a fair share. */
  balance: z.number().min(0).max(1000).default(2),
  /** Per face-to-face assessment outside the assessor's home region. */
  travel: z.number().min(0).max(1000).default(2),
  /** Per extra assessor one apprentice meets. */
  continuity: z.number().min(0).max(1000).default(3),
  /** Per assessment off an apprentice's preferred dates, where they gave some. */
  preferred: z.number().min(0).max(1000).default(1),
  /** Re-planning: per booking already made that the proposal moves. */
  moved: z.number().min(0).max(100_000).default(50),
});

export const MethodToPlace = z.strictObject({
  method: Id,
  /** The slot booked: the method's most minutes, with the apprentice's extra time (plannedLength). */
  minutes: z.number().int().min(5).max(600),
  /** Held remotely (no venue, no travel) where the method allows it. */
  remote: z.boolean().default(false),
  /** A re-sit or re-take: the end of its own window (001 §8), null when it has none. */
  reattemptWindowEnds: CalendarDate.nullable().optional(),
});

export const RecordToPlace = z.strictObject({
  id: Id,
  /** Standard version, e.g. "ST0071@1.2". */
  standard: Id,
  policy: Id.nullable().default(null),
  gatewayApproved: CalendarDate,
  registeredOn: CalendarDate,
  evidenceSubmittedOn: CalendarDate.optional(),
  projectSubmittedOn: CalendarDate.optional(),
  portfolioSubmittedOn: CalendarDate.optional(),
  showcaseSubmittedOn: CalendarDate.optional(),
  projectFailReleasedOn: CalendarDate.optional(),
  apprenticeId: Id,
  uln: z.string().max(20).optional(),
  employerId: Id,
  providerId: Id,
  /** The workplace the face-to-face methods are held at, and its region. */
  venue: z.string().max(300).nullable().default(null),
  region: z.string().max(100).nullable().default(null),
  /** Days the apprentice or the employer cannot do. */
  unavailable: z.array(CalendarDate).max(400).default([]),
  preferred: z.array(CalendarDate).max(400).default([]),
  /** The record's bookings, held or booked, that are not among `bookings` (outside the days): its plan counts them. */
  planBookings: z
    .array(z.strictObject({ method: Id, date: CalendarDate, bookedOn: CalendarDate }))
    .max(20)
    .default([]),
  /** The methods still to book; none where the record is listed only for its bookings (re-planning). */
  methods: z.array(MethodToPlace).max(10),
});

export const AssessorToPlace = z.strictObject({
  id: Id,
  name: z.string().max(300).default(''),
  /** Standard versions the EPAO approved them for. */
  standards: z.array(Id).max(50),
  standardisedOn: CalendarDate.nullable(),
  suspendedOn: CalendarDate.nullable().default(null),
  relationships: z
    .array(
      z.strictObject({
        apprenticeId: Id.nullable(),
        apprenticeUln: z.string().max(20).nullable().optional(),
        organisationId: Id.nullable(),
        nature: z.string().max(1000),
      }),
    )
    .max(500)
    .default([]),
  weeklyHours: z
    .array(z.strictObject({ weekday: z.number().int().min(1).max(7), starts: Clock, ends: Clock }))
    .max(50)
    .default([]),
  leave: z
    .array(z.strictObject({ fromDate: CalendarDate, toDate: CalendarDate, reason: z.string().max(300).nullable().default(null) }))
    .max(500)
    .default([]),
  homeRegion: z.string().max(100).nullable().default(null),
  maxPerDay: z.number().int().min(1).max(20).nullable().default(null),
  maxPerWeek: z.number().int().min(1).max(100).nullable().default(null),
});

export const ExistingBooking = z.strictObject({
  id: Id,
  recordId: Id,
  method: Id,
  assessorId: Id,
  date: CalendarDate,
  start: Clock,
  minutes: z.number().int().min(1).max(1440),
  bookedOn: CalendarDate,
  /** The face-to-face venue; null when remote. */
  venue: z.string().max(300).nullable().default(null),
  region: z.string().max(100).nullable().default(null),
  /** Freed by the admin: the solver may move it (re-planning). */
  movable: z.boolean().default(false),
});

export const SchedulingInstance = z.strictObject({
  /** The day the bookings would be made: notice and lead times count from it. */
  today: CalendarDate,
  /** The days the schedule may use, inclusive. */
  from: CalendarDate,
  to: CalendarDate,
  workingHours: z.strictObject({ from: Clock, until: Clock }).default({ from: '09:00', until: '17:00' }),
  /** Start times fall on this grid from the start of the working day. */
  stepMinutes: z.number().int().min(15).max(240).default(30),
  /** Between face-to-face assessments at different venues on one day (this EPAO's setting). */
  travelMinutes: z.number().int().min(0).max(480).default(60),
  weights: Weights.default(Weights.parse({})),
  records: z.array(RecordToPlace).max(20_000),
  assessors: z.array(AssessorToPlace).max(2_000),
  bookings: z.array(ExistingBooking).max(100_000).default([]),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(1),
});

export type Weights = z.infer<typeof Weights>;
export type MethodToPlace = z.infer<typeof MethodToPlace>;
export type RecordToPlace = z.infer<typeof RecordToPlace>;
export type AssessorToPlace = z.infer<typeof AssessorToPlace>;
export type ExistingBooking = z.infer<typeof ExistingBooking>;
export type SchedulingInstance = z.infer<typeof SchedulingInstance>;

/** One proposed booking. `start` is UK time. */
export type Placement = {
  recordId: string;
  method: string;
  assessorId: string;
  date: string;
  start: string;
  minutes: number;
  /** Why it is there (reasons.ts). */
  reasons?: string[];
};

/** Why an assessment was left without a date: the reason found most often among its options. */
export type Unplaced = { recordId: string; method: string; code: string; reason: string };

export type Figures = {
  /** Days from gateway approval to each apprentice's last assessment, over those fully placed. */
  meanDaysToComplete: number | null;
  worstDaysToComplete: number | null;
  placed: number;
  unplaced: number;
  /** Assessments per assessor in the horizon: the least, the most, and the mean. */
  load: { min: number; max: number; mean: number };
};

export type Proposal = {
  placements: Placement[];
  unplaced: Unplaced[];
  /** Existing bookings the proposal moves (re-planning): their id and new placement. */
  moved: (Placement & { bookingId: string })[];
  cost: number;
  /** The completion term with unlimited assessor time (figures.ts): a constant of the instance; the cost above it is what a schedule decides. */
  costFloor: number;
  costParts: Record<string, number>;
  before: Figures;
  after: Figures;
  hardViolations: number;
  iterations: number;
  ms: number;
};
