// Request shapes (Zod) of the schedule's use-cases: propose (or re-plan) over some days,
// and accept a proposal, whole or in part.
import { z } from 'zod';
import { CalendarDate } from '../../domain/calendar/date-schema.ts';
import { Weights } from '../../domain/scheduling/model.ts';

export const ProposeInput = z.strictObject({
  /** The first day the schedule may use; tomorrow by default. */
  from: CalendarDate.optional(),
  /** The last; three months after `from` by default (an EPA window's length). */
  to: CalendarDate.optional(),
  /** One standard version only, e.g. ST0071@1.2. */
  standard: z
    .string()
    .regex(/^ST\d{4}@\d+\.\d+$/, { message: 'must be a standard version such as ST0071@1.2' })
    .optional(),
  seed: z.int().min(0).max(2_147_483_647).optional(),
  /** The EPAO's weights for the soft aims; each left out keeps its default (docs/scheduling.md). */
  weights: Weights.partial().optional(),
});
export type ProposeRequest = z.infer<typeof ProposeInput>;

export const AcceptInput = z.strictObject({
  /** The placements and moves to make, by their keys; all of them when left out. */
  only: z.array(z.string().min(1).max(200)).min(1).max(100_000).optional(),
});
export type AcceptRequest = z.infer<typeof AcceptInput>;
