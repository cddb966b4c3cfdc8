// What the assessment routes answer with: the assessor's record of an assessment.
import { z } from 'zod';
import type { AssessmentView } from '../../app/assessment-view.ts';
import type { listMyAssessments } from '../../app/assessments.ts';
import { Grade } from '../../domain/standards/schema.ts';
import { FindingResponse } from './common.ts';
import { describes } from './describes.ts';
import { IsoDateTimeResponse } from './instants.ts';

const Judgements = z.record(z.string(), z.object({ judgement: z.enum(['met', 'not-met', 'not-evidenced']), note: z.string().optional() }));

export const AssessmentResponse = describes<AssessmentView>()(
  z.object({
    id: z.string(),
    version: z.number().int(),
    status: z.enum(['draft', 'submitted']),
    bookingId: z.string(),
    recordId: z.string(),
    method: z.object({
      id: z.string(),
      name: z.string(),
      minutes: z.number(),
      tolerancePercent: z.number(),
      maximum: z.boolean(),
      questioningMaxPercent: z.number().nullable(),
      questioningMaxMinutes: z.number().nullable(),
    }),
    attempt: z.number().int(),
    extraTimePercent: z.number(),
    channel: z.string().nullable(),
    apprentice: z.object({ givenNames: z.string(), familyName: z.string(), uln: z.string() }),
    identityChecked: z.boolean(),
    idDocument: z.string().nullable(),
    acceptedIdDocuments: z.array(z.string()).nullable(),
    startedAt: IsoDateTimeResponse.nullable(),
    endedAt: IsoDateTimeResponse.nullable(),
    questioningMinutes: z.number().nullable(),
    judgements: Judgements,
    criteria: z.array(
      z.object({
        id: z.string(),
        grade: z.enum(['pass', 'distinction']),
        statement: z.string(),
        ksbs: z.array(z.string()),
        theme: z.string(),
        carriedFrom: z.string().nullable(),
      }),
    ),
    timeAllowed: z.object({ min: z.number(), max: z.number().nullable() }),
    questioningLimitMinutes: z.number().nullable(),
    sessionFindings: z.array(FindingResponse),
    provisionalGrade: Grade.nullable(),
    /** How the provisional grade was reached, criterion by criterion. */
    gradeDetail: z.unknown(),
    sampled: z.boolean().nullable(),
    sampleExplanation: z.string().nullable(),
    moderationStatus: z.string().nullable(),
    startsAt: IsoDateTimeResponse,
    notStarted: z.string().nullable(),
  }),
);

export const MyAssessmentsResponse = z.object({
  assessments: z.array(
    describes<Awaited<ReturnType<typeof listMyAssessments>>[number]>()(
      z.object({
        id: z.string(),
        version: z.number().int(),
        status: z.enum(['draft', 'submitted']),
        epaRecordId: z.string(),
        method: z.string(),
        bookingId: z.string(),
        attempt: z.number().int(),
        provisionalGrade: Grade.nullable(),
      }),
    ),
  ),
});
