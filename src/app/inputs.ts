// Request shapes of the platform's use-cases (Zod): the API validates bodies with them,
// the CSV import validates each row with them, and OpenAPI is generated from them.
import { z } from 'zod';
import { CalendarDate } from '../domain/calendar/date-schema.ts';

/** A row version: PostgreSQL integer range, so a wild number is a 400, never a database error. */
const Version = z.int().min(1).max(2_147_483_647);

// The limits the schemas hold, exported for the pages that quote them (a form's own check
// and its message, a hint, a maxlength): a limit changes here, and only here.
export const MAX_NAME = 100;
export const MAX_EMAIL = 200;
export const MAX_EXTRA_TIME_PERCENT = 100;
export const MAX_ADJUSTMENTS = 2000;
/** The longest search of the records (GET /records?q=, and the pipeline page's search box). */
export const MAX_RECORD_SEARCH = 100;

const Uuid = z.uuid();
const Name = z.string().trim().min(1).max(MAX_NAME);
const Email = z.email().max(MAX_EMAIL);
const ExtraTimePercent = z.int().min(0).max(MAX_EXTRA_TIME_PERCENT);
const Adjustments = z.string().max(MAX_ADJUSTMENTS);

export const RegisterInput = z.strictObject({
  uln: z.string().trim(),
  givenNames: Name,
  familyName: Name,
  dateOfBirth: CalendarDate,
  email: Email.optional(),
  ehcp: z.boolean().default(false),
  providerId: Uuid.optional(),
  employerId: Uuid,
  standard: z.string(),
  policy: z.string().nullable().default(null),
  startDate: CalendarDate,
  plannedEndDate: CalendarDate.optional(),
  channel: z.enum(['face-to-face', 'non-facing', 'both']).optional(),
  extraTimePercent: ExtraTimePercent.default(0),
  adjustments: Adjustments.optional(),
  /** One of the version's course options, where it has them (the standard's data file). */
  courseOption: z.string().trim().min(1).max(100).optional(),
});
export type RegisterRequest = z.infer<typeof RegisterInput>;

export const RecordUpdateInput = z.strictObject({
  version: Version,
  plannedEndDate: CalendarDate.nullable().optional(),
  channel: z.enum(['face-to-face', 'non-facing', 'both']).optional(),
  extraTimePercent: ExtraTimePercent.optional(),
  adjustments: Adjustments.nullable().optional(),
  email: Email.nullable().optional(),
});
export type RecordUpdateRequest = z.infer<typeof RecordUpdateInput>;
