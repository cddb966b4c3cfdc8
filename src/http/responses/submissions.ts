// What the submission routes answer with.
import { z } from 'zod';
import type { SubmissionOutcome, SubmissionView } from '../../app/submissions.ts';
import { FindingResponse, IsoDateResponse } from './common.ts';
import { describes } from './describes.ts';

const WordCountResponse = z.object({
  counted: z.number().int(),
  total: z.number().int(),
  annexes: z.object({ line: z.number().int(), heading: z.string() }).nullable(),
  rule: z.object({ min: z.number().int().nullable(), max: z.number().int().nullable(), source: z.string() }),
});

export const SubmissionOutcomeResponse = describes<SubmissionOutcome>()(
  z.object({
    ok: z.boolean(),
    findings: z.array(FindingResponse),
    words: WordCountResponse.nullable(),
    due: z.object({ date: IsoDateResponse, source: z.string() }).nullable(),
  }),
);

export const SubmissionResponse = describes<SubmissionView>()(
  z.object({
    id: z.string(),
    recordId: z.string(),
    kind: z.enum(['project-report', 'showcase', 'portfolio']),
    fileId: z.string().nullable(),
    submittedOn: IsoDateResponse,
    wordCount: z.number().int().nullable(),
    // Kept as JSON as the checks gave it, and sent as stored (a row from an older version included).
    outcome: z
      .custom<SubmissionOutcome>()
      .meta({ description: 'What the checks found when it was submitted: ok, findings, the words counted and the due date' }),
    createdAt: z.string().meta({ format: 'date-time' }),
  }),
);

/** A submission as made: its id, the words counted and what the checks found. */
export const SubmissionMadeResponse = z.object({ id: z.string(), wordCount: z.number().int().nullable(), outcome: SubmissionOutcomeResponse });

export const SubmissionListResponse = z.object({ submissions: z.array(SubmissionResponse) });
