// What the gateway routes answer with.
import { z } from 'zod';
import type { gatewayDeclarations } from '../../app/declarations.ts';
import type { GatewayDecisionView, GatewayOutcomeView, GatewaySubmissionView } from '../../app/gateway.ts';
import type { GatewayRequest } from '../../domain/gateway/input.ts';
import { IsoDateResponse } from './common.ts';
import { describes } from './describes.ts';

const GatewaySubmission = z.object({
  id: z.string(),
  recordId: z.string(),
  status: z.enum(['submitted', 'approved', 'rejected']),
  submittedOn: IsoDateResponse,
  submittedAt: z.string().meta({ format: 'date-time' }),
  submittedBy: z.string().nullable(),
  // The request and the outcome are kept as JSON, as the engine took and gave them; they are
  // sent as stored, so a row written by an older version is still answered, never a 500.
  request: z.custom<GatewayRequest>().meta({ description: 'What the gateway engine was asked, as it checked it: the POST body completed from the record' }),
  outcome: z.custom<GatewayOutcomeView>().meta({
    description: 'The engine’s answer: eligible, failures and warnings (each a Finding with its source) and the evidence each check read',
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

/** The record's own declarations so far, and what each party confirms (004 Appendix One). */
export const DeclarationsResponse = describes<Awaited<ReturnType<typeof gatewayDeclarations>>>()(
  z.object({
    recordId: z.string(),
    open: z.boolean(),
    declarations: z.array(
      z.object({
        party: z.enum(['employer', 'apprentice']),
        declaredOn: IsoDateResponse,
        /** Who declared: the party signed in, or who signed the record the provider uploaded. */
        name: z.string(),
        statement: z.string(),
        by: z.enum(['self', 'signed-record']),
        /** The signed form, for a signed record. */
        fileId: z.string().nullable(),
        /** Who put it on file: the party itself, or the provider's user who uploaded the signed record. */
        recordedBy: z.string(),
      }),
    ),
    statements: z.object({ employer: z.array(z.string()), provider: z.array(z.string()), apprentice: z.array(z.string()) }),
    source: z.string(),
  }),
);
