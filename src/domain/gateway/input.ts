// The shape of a gateway check request, shared by the CLI (`capstone gateway check`) and the API.
import { z } from 'zod';
import { CalendarDate } from '../calendar/date-schema.ts';

const Qualification = z.enum(['entry-3', 'level-1', 'level-2', 'bsl']).nullable().default(null);

export const GatewayInput = z.object({
  standard: z.string(),
  policy: z.string().nullable().default(null),
  apprentice: z.object({
    uln: z.string(),
    dateOfBirth: CalendarDate,
    ehcp: z.boolean().default(false),
  }),
  programme: z.object({ startDate: CalendarDate, gatewayDate: CalendarDate }),
  qualifications: z.object({ english: Qualification, maths: Qualification }).default({ english: null, maths: null }),
  declarations: z
    .object({ employer: z.boolean().default(false), provider: z.boolean().default(false), apprentice: z.boolean().default(false) })
    .default({ employer: false, provider: false, apprentice: false }),
  portfolio: z
    .object({
      pieces: z.array(z.object({ id: z.string(), ksbs: z.array(z.string()).default([]) })).default([]),
      mappingDocument: z.boolean().default(false),
      employerValidation: z.boolean().default(false),
      authenticityDeclaration: z.boolean().default(false),
    })
    .nullable()
    .default(null),
  showcaseFormat: z.enum(['report', 'presentation']).nullable().default(null),
});

export type GatewayRequest = z.infer<typeof GatewayInput>;
