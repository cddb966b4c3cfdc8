// The DfE queue as the API shows it (src/app/dfe/queue.ts).
import { z } from 'zod';
import type { recordIlrFamilyName } from '../../app/dfe/ilr-name.ts';
import type { lookUpLearner } from '../../app/dfe/learner.ts';
import type { dfeQueue } from '../../app/dfe/queue.ts';
import { IsoDateResponse } from './common.ts';
import { describes } from './describes.ts';

const Instant = z.string().meta({ format: 'date-time' });
const State = z.enum(['queued', 'held', 'sent', 'rejected', 'submitted', 'done']);

export const DfeQueueResponse = describes<Awaited<ReturnType<typeof dfeQueue>>>()(
  z.object({
    items: z.array(
      z.object({
        id: z.string(),
        epaRecordId: z.string(),
        kind: z.enum(['epa', 'certificate']),
        state: State,
        dfeReference: z.string().nullable(),
        dfeStatus: z.string().nullable(),
        /** Why it is held (Capstone's checks) or refused (DfE's messages). */
        problems: z.array(z.object({ code: z.string(), message: z.string(), source: z.string().nullable() })),
        attempts: z.number().int(),
        notBefore: IsoDateResponse.nullable(),
        releasedEarlyBy: z.string().nullable(),
        sentAt: Instant.nullable(),
        updatedAt: Instant,
        uln: z.string(),
        standard: z.string(),
        givenNames: z.string(),
        familyName: z.string(),
        /** A certificate still waiting for its appeal window: the first day it may go. */
        waitsUntil: IsoDateResponse.nullable(),
      }),
    ),
    next: z.string().nullable(),
    counts: z.object({ queued: z.number(), held: z.number(), sent: z.number(), rejected: z.number(), submitted: z.number(), done: z.number() }),
    /** The connection, never its subscription key. */
    settings: z.object({
      epaoId: z.string().nullable(),
      ukprn: z.string().nullable(),
      baseUrl: z.string().nullable(),
      subscriptionKeySet: z.boolean(),
      sandbox: z.boolean(),
      callsPerMinute: z.number().int(),
    }),
  }),
);

export const LearnerResponse = describes<Awaited<ReturnType<typeof lookUpLearner>>>()(
  z.discriminatedUnion('found', [
    z.object({ found: z.literal(false), message: z.string() }),
    z.object({
      found: z.literal(true),
      givenNames: z.string().nullable(),
      familyName: z.string(),
      learningStartDate: IsoDateResponse.nullable(),
      plannedEndDate: IsoDateResponse.nullable(),
      version: z.string().nullable(),
      providerName: z.string().nullable(),
      completion: z.string().nullable(),
      latestEpaOutcome: z.string().nullable(),
    }),
  ]),
);

export const IlrNameResponse = describes<Awaited<ReturnType<typeof recordIlrFamilyName>>>()(
  z.object({ recordId: z.string(), familyName: z.string(), ilrFamilyName: z.string().nullable(), requeued: z.number().int() }),
);
