// What the audit routes answer with: the verification report and an entry's inclusion proof.
import { z } from 'zod';
import type { AuditBreakCode, AuditReport, SequencedEntry } from '../../domain/audit/log.ts';
import type { InclusionProof } from '../../store/audit.ts';
import { describes } from './describes.ts';
import { IsoDateTimeResponse } from './instants.ts';

const AuditBreakCodeResponse = describes<AuditBreakCode>()(
  z.enum([
    'AUDIT_ENTRY_ALTERED',
    'AUDIT_ENTRY_INSERTED',
    'AUDIT_ENTRY_MISSING',
    'AUDIT_CHECKPOINT_FORGED',
    'AUDIT_CHECKPOINT_ALTERED',
    'AUDIT_CHECKPOINT_MISSING',
  ]),
);

const AuditReportResponse = describes<AuditReport>()(
  z.object({
    entries: z.number().int(),
    checkpoints: z.number().int(),
    pending: z.number().int(),
    breaks: z.array(z.object({ code: AuditBreakCodeResponse, seq: z.number().int(), message: z.string() })),
  }),
);

export const AuditVerifiedResponse = AuditReportResponse.extend({ intact: z.boolean(), publicKey: z.string() });

const SequencedEntryResponse = describes<SequencedEntry>()(
  z.object({
    id: z.number().int(),
    seq: z.number().int(),
    at: IsoDateTimeResponse,
    actorId: z.string().nullable(),
    actor: z.string(),
    action: z.string(),
    entity: z.string(),
    entityId: z.string(),
    // The change as it was recorded: any JSON, null when there is none.
    before: z.unknown(),
    after: z.unknown(),
  }),
);

export const InclusionProofResponse = describes<InclusionProof>()(
  z.object({
    entry: SequencedEntryResponse,
    checkpoint: z.object({ size: z.number().int(), root: z.string(), at: IsoDateTimeResponse, signature: z.string() }),
    path: z.array(z.string()),
  }),
);
