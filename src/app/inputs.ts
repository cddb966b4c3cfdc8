// Request shapes of the platform's use-cases (Zod): the API validates bodies with them,
// the CSV import validates each row with them, and OpenAPI is generated from them.
import { z } from 'zod';
import { CalendarDate } from '../domain/calendar/date-schema.ts';

/** A row version: PostgreSQL integer range, so a wild number is a 400, never a database error. */
const Version = z.int().min(1).max(2_147_483_647);

const Uuid = z.uuid();
const Name = z.string().trim().min(1).max(100);

export const RegisterInput = z.strictObject({
  uln: z.string().trim(),
  givenNames: Name,
  familyName: Name,
  dateOfBirth: CalendarDate,
  email: z.email().max(200).optional(),
  ehcp: z.boolean().default(false),
  providerId: Uuid.optional(),
  employerId: Uuid,
  standard: z.string(),
  policy: z.string().nullable().default(null),
  startDate: CalendarDate,
  plannedEndDate: CalendarDate.optional(),
  channel: z.enum(['face-to-face', 'non-facing', 'both']).optional(),
  extraTimePercent: z.int().min(0).max(100).default(0),
  adjustments: z.string().max(2000).optional(),
});
export type RegisterRequest = z.infer<typeof RegisterInput>;

export const RecordUpdateInput = z.strictObject({
  version: Version,
  plannedEndDate: CalendarDate.nullable().optional(),
  channel: z.enum(['face-to-face', 'non-facing', 'both']).optional(),
  extraTimePercent: z.int().min(0).max(100).optional(),
  adjustments: z.string().max(2000).nullable().optional(),
  email: z.email().max(200).nullable().optional(),
});
export type RecordUpdateRequest = z.infer<typeof RecordUpdateInput>;
