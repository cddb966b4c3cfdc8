// What the moderation, results and re-attempt routes answer with.
import { z } from 'zod';
import type { moderate, moderationQueue, signOffBatch } from '../../app/moderation.ts';
import type { releaseResult, requestReattempt, resultStatus } from '../../app/results.ts';
import { Grade } from '../../domain/standards/schema.ts';
import { FindingResponse, IsoDateResponse } from './common.ts';
import { describes } from './describes.ts';
import { InstantResponse } from './instants.ts';

type Answer<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

export const ModerationQueueResponse = describes<Answer<typeof moderationQueue>>()(
  z.object({
    sampled: z.array(
      z.object({
        ownAssessment: z.boolean(),
        standard: z.string(),
        id: z.string(),
        method: z.string(),
        attempt: z.number().int(),
        provisionalGrade: Grade.nullable(),
        submittedAt: InstantResponse.nullable(),
        sampleReasons: z.array(z.string()).nullable(),
        sampleExplanation: z.string().nullable(),
        moderationBatchId: z.string().nullable(),
        givenNames: z.string(),
        familyName: z.string(),
        recordId: z.string(),
        assessorName: z.string(),
        assessorUserId: z.string(),
      }),
    ),
    batches: z.array(
      z.object({
        ownBatch: z.boolean(),
        assessments: z.number().int(),
        samplesPending: z.number().int(),
        id: z.string(),
        openedAt: InstantResponse,
        assessorName: z.string(),
        assessorUserId: z.string(),
      }),
    ),
  }),
);

export const ModerationDecisionResponse = describes<Answer<typeof moderate>>()(
  z.object({ id: z.string(), moderationStatus: z.string(), grade: z.union([Grade, z.null(), z.undefined()]) }),
);

export const BatchSignOffResponse = describes<Answer<typeof signOffBatch>>()(z.object({ id: z.string(), signedOff: z.number().int() }));

/** A result as stored: the overall and method grades, when it was released and where it stands. */
export const ResultFields = {
  id: z.string(),
  version: z.number().int(),
  overall: Grade,
  status: z.enum(['released', 'suspended', 'cancelled', 'superseded']),
  createdAt: InstantResponse,
  epaRecordId: z.string(),
  capped: z.boolean(),
  methodGrades: z.record(z.string(), Grade),
  feedback: z.string().nullable(),
  finalAssessmentOn: IsoDateResponse,
  dueOn: IsoDateResponse.nullable(),
  releasedOn: IsoDateResponse,
  releasedBy: z.string().nullable(),
};

export const ResultStatusResponse = describes<Answer<typeof resultStatus>>()(
  z.object({
    recordId: z.string(),
    /** What stops the release, each with its source. */
    blockers: z.array(FindingResponse),
    due: z.object({ due: IsoDateResponse, source: z.string() }).nullable(),
    methods: z.array(z.object({ method: z.string(), attempt: z.number().int(), moderation: z.string().nullable(), assessmentId: z.string() })),
    result: z.object(ResultFields).nullable(),
  }),
);

export const ReleasedResultResponse = describes<Answer<typeof releaseResult>>()(
  z.object({ ...ResultFields, late: z.boolean(), dueSource: z.string().nullable() }),
);

export const ReattemptResponse = describes<Answer<typeof requestReattempt>>()(
  z.object({
    plan: z.object({
      attempt: z.number().int(),
      cap: z.enum(['pass', 'distinction']).nullable(),
      windowEnds: IsoDateResponse.nullable(),
      needsGateway: z.boolean(),
      requirements: z.array(z.string()),
    }),
    id: z.string().optional(),
    kind: z.enum(['resit', 're-take', 'appeal-reassessment']).optional(),
    /** A re-sit or re-take is chargeable (004 Reassessment); a re-assessment an upheld appeal ordered is not. */
    charge: z.enum(['chargeable', 'none']).optional(),
    appealId: z.string().nullable().optional(),
    createdAt: InstantResponse.optional(),
    epaRecordId: z.string().optional(),
    method: z.string().optional(),
    attempt: z.number().int().optional(),
    previousAssessmentId: z.string().optional(),
    exceptionalCircumstances: z.boolean().optional(),
    exceptionalReason: z.string().nullable().optional(),
    plannedOn: IsoDateResponse.optional(),
    windowEnds: IsoDateResponse.nullable().optional(),
    requestedBy: z.string().nullable().optional(),
    usedByAssessmentId: z.string().nullable().optional(),
  }),
);
