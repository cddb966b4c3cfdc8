// What the gateway routes answer with.
import { z } from 'zod';
import type { GatewayDecisionView, GatewaySubmissionView } from '../../app/gateway.ts';
import { GatewayInput } from '../../domain/gateway/input.ts';
import { FindingResponse, IsoDateResponse } from './common.ts';
import { describes } from './describes.ts';

const GatewaySubmission = z.object({
  id: z.string(),
  recordId: z.string(),
  status: z.enum(['submitted', 'approved', 'rejected']),
  submittedOn: IsoDateResponse,
  submittedAt: z.string().meta({ format: 'date-time' }),
  submittedBy: z.string().nullable(),
  /** What the engine was asked, as it checked it. */
  request: GatewayInput,
  outcome: z.object({
    eligible: z.boolean(),
    failures: z.array(FindingResponse),
    warnings: z.array(FindingResponse),
    /** The evidence each check read, by check. */
    evidence: z.record(z.string(), z.array(z.string())),
  }),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().meta({ format: 'date-time' }).nullable(),
  reasons: z.array(z.string()).nullable(),
});

export const GatewaySubmissionResponse = describes<GatewaySubmissionView>()(GatewaySubmission);

export const GatewaySubmissionListResponse = z.object({ submissions: z.array(GatewaySubmissionResponse) });

export const GatewayDecisionResponse = describes<GatewayDecisionView>()(
  GatewaySubmission.extend({
    record: z.object({
      status: z.string(),
      gatewayApprovedOn: IsoDateResponse.nullable(),
      epaStart: IsoDateResponse.nullable(),
      epaEnd: IsoDateResponse.nullable(),
      projectDue: IsoDateResponse.nullable(),
    }),
  }),
);
