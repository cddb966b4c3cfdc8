// Request shapes (Zod) of the assessor and booking use-cases: the API validates bodies with
// them and OpenAPI is generated from them.
import { z } from 'zod';
import { CalendarDate } from '../domain/calendar/date-schema.ts';
import { CLOCK_TIME } from '../domain/calendar/london-time.ts';
import { MAX_EMAIL, MAX_NAME } from './inputs.ts';

// The limits the pages quote (a form's own check and its message, a hint).
export const MIN_PASSWORD = 12;
export const MAX_PASSWORD = 200;
export const MAX_QUALIFICATIONS = 50;
export const MAX_QUALIFICATION_NAME = 200;
export const MAX_RELATIONSHIP = 500;
export const MAX_VENUE = 300;
export const MAX_REMOTE_LINK = 500;
export const MAX_CANCEL_REASON = 1000;
/** An assessor's caps and home region (the assessors table's own checks: migration 031). */
export const MAX_PER_DAY = 20;
export const MAX_PER_WEEK = 100;
export const MAX_HOME_REGION = 100;

const Uuid = z.uuid();
/** A row version (a Postgres integer). */
const Version = z.int().min(1).max(2_147_483_647);
const Name = z.string().trim().min(1).max(MAX_NAME);
const StandardVersion = z.string().regex(/^ST\d{4}@\d+\.\d+$/, { message: 'must be a standard version such as ST0071@1.2' });

export const Qualification = z.strictObject({
  name: z.string().trim().min(1).max(MAX_QUALIFICATION_NAME),
  awardedOn: CalendarDate.optional(),
});

/** The most assessments the assessor takes in a day; null for no limit. */
const PerDay = z.int().min(1).max(MAX_PER_DAY).nullable();
/** The most assessments the assessor takes in a week (Monday to Sunday); null for no limit. It is not below the day's. */
const PerWeek = z.int().min(1).max(MAX_PER_WEEK).nullable();
/** Where the assessor is based, for example the postcode areas "LS, BD"; null for none. */
const HomeRegion = z.string().trim().min(1).max(MAX_HOME_REGION).nullable();

export const AssessorCreateInput = z.strictObject({
  email: z.email().max(MAX_EMAIL),
  name: Name,
  /** Left out, the assessor is e-mailed an invitation to choose their own (src/app/people.ts). */
  password: z.string().min(MIN_PASSWORD).max(MAX_PASSWORD).optional(),
  standards: z.array(StandardVersion).max(50).optional(),
  standardisedOn: CalendarDate.optional(),
  qualifications: z.array(Qualification).max(MAX_QUALIFICATIONS).optional(),
  maxPerDay: PerDay.optional(),
  maxPerWeek: PerWeek.optional(),
  homeRegion: HomeRegion.optional(),
});
export type AssessorCreateRequest = z.infer<typeof AssessorCreateInput>;

export const AssessorUpdateInput = z.strictObject({
  version: Version,
  name: Name.optional(),
  /** Standard versions the assessor may assess; replaces the list. */
  standards: z.array(StandardVersion).max(50).optional(),
  standardisedOn: CalendarDate.nullable().optional(),
  qualifications: z.array(Qualification).max(MAX_QUALIFICATIONS).optional(),
  /** null clears the limit. */
  maxPerDay: PerDay.optional(),
  /** null clears the limit. */
  maxPerWeek: PerWeek.optional(),
  /** null clears it. */
  homeRegion: HomeRegion.optional(),
});
export type AssessorUpdateRequest = z.infer<typeof AssessorUpdateInput>;

export const RelationshipInput = z
  .strictObject({
    apprenticeId: Uuid.optional(),
    organisationId: Uuid.optional(),
    nature: z.string().trim().min(1).max(MAX_RELATIONSHIP),
  })
  .refine((r) => (r.apprenticeId === undefined) !== (r.organisationId === undefined), {
    message: 'give either apprenticeId or organisationId (the employer or training provider), not both',
    path: ['apprenticeId'],
  });
export type RelationshipRequest = z.infer<typeof RelationshipInput>;

const Instant = z.iso.datetime({ offset: true });

export const AvailabilityInput = z
  .strictObject({ startsAt: Instant, endsAt: Instant })
  .refine((w) => new Date(w.endsAt).getTime() > new Date(w.startsAt).getTime(), { message: 'endsAt must be after startsAt', path: ['endsAt'] });
export type AvailabilityRequest = z.infer<typeof AvailabilityInput>;

const ClockTime = z.string().regex(CLOCK_TIME, { message: 'must be a time of day in the UK, HH:MM (24-hour)' });
const Venue = z.string().trim().min(1).max(MAX_VENUE);
/** A web address (http or https) where a remote assessment is held. */
export const RemoteLink = z.url({ protocol: /^https?$/ }).max(MAX_REMOTE_LINK);

export const BookingCreateInput = z.strictObject({
  method: z.string().min(1).max(50),
  /** The assessment's date (UK). */
  date: CalendarDate,
  /** Its start, UK time (GMT or BST as in force on the date). */
  startTime: ClockTime,
  assessorId: Uuid,
  venue: Venue.optional(),
  remoteLink: RemoteLink.optional(),
});
export type BookingCreateRequest = z.infer<typeof BookingCreateInput>;

export const BookingMoveInput = z.strictObject({
  version: Version,
  date: CalendarDate.optional(),
  startTime: ClockTime.optional(),
  assessorId: Uuid.optional(),
  venue: Venue.nullable().optional(),
  remoteLink: RemoteLink.nullable().optional(),
});
export type BookingMoveRequest = z.infer<typeof BookingMoveInput>;

export const BookingCancelInput = z.strictObject({
  version: Version,
  reason: z.string().trim().min(1).max(MAX_CANCEL_REASON),
});
export type BookingCancelRequest = z.infer<typeof BookingCancelInput>;

/** The assessor's confirmation, at the booking's version as they saw it. */
export const BookingConfirmInput = z.strictObject({ version: Version });
export type BookingConfirmRequest = z.infer<typeof BookingConfirmInput>;
