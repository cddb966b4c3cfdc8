// Schedule proposals as the API shows them (src/app/scheduling/views.ts).
import { z } from 'zod';
import type { listScheduleProposals } from '../../app/scheduling/proposals.ts';
import type { ProposalView } from '../../app/scheduling/views.ts';
import { IsoDateResponse } from './common.ts';
import { describes } from './describes.ts';

const Instant = z.string().meta({ format: 'date-time' });

const Placed = {
  key: z.string(),
  recordId: z.string(),
  method: z.string(),
  methodName: z.string(),
  apprentice: z.string(),
  standard: z.string(),
  assessorId: z.string(),
  assessorName: z.string(),
  date: IsoDateResponse,
  /** UK time, HH:MM. */
  start: z.string(),
  minutes: z.number().int(),
  venue: z.string(),
  reasons: z.array(z.string()).optional(),
};

const Figures = z.object({
  meanDaysToComplete: z.number().nullable(),
  worstDaysToComplete: z.number().nullable(),
  placed: z.number().int(),
  unplaced: z.number().int(),
  load: z.object({ min: z.number(), max: z.number(), mean: z.number() }),
});

export const ProposalResponse = describes<ProposalView>()(
  z.object({
    id: z.string(),
    kind: z.enum(['schedule', 'replan']),
    status: z.enum(['proposed', 'accepting', 'accepted', 'discarded']),
    proposedAt: Instant,
    from: IsoDateResponse,
    to: IsoDateResponse,
    standard: z.string().nullable(),
    acceptedAt: Instant.nullable(),
    placements: z.array(z.object(Placed)),
    moved: z.array(
      z.object({
        ...Placed,
        bookingId: z.string(),
        bookingVersion: z.number().int(),
        was: z.object({ date: z.string(), start: z.string(), assessorName: z.string() }),
      }),
    ),
    unplaced: z.array(
      z.object({
        recordId: z.string(),
        method: z.string(),
        methodName: z.string(),
        apprentice: z.string(),
        standard: z.string(),
        code: z.string(),
        reason: z.string(),
      }),
    ),
    before: Figures,
    after: Figures,
    cost: z.number(),
    /** The completion term with unlimited assessor time: a constant of the instance. */
    costFloor: z.number(),
    costParts: z.record(z.string(), z.number()),
    hardViolations: z.number().int(),
    iterations: z.number().int(),
    ms: z.number(),
    outcome: z
      .object({
        booked: z.array(z.object({ key: z.string(), bookingId: z.string() })),
        moved: z.array(z.object({ key: z.string(), bookingId: z.string() })),
        refused: z.array(z.object({ key: z.string(), code: z.string(), message: z.string() })),
      })
      .nullable(),
  }),
);

export const ProposalListResponse = describes<Awaited<ReturnType<typeof listScheduleProposals>>>()(
  z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['schedule', 'replan']),
      status: z.string(),
      proposedAt: Instant,
      from: IsoDateResponse,
      to: IsoDateResponse,
      standard: z.string().nullable(),
      placements: z.number().int(),
      unplaced: z.number().int(),
    }),
  ),
);
