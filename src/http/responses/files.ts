// What the evidence-file routes answer with (a download is the file itself).
import { z } from 'zod';
import type { EvidenceFileView } from '../../app/files.ts';
import { EVIDENCE_PURPOSES } from '../../domain/evidence/file-type.ts';
import { describes } from './describes.ts';

export const EvidenceFileResponse = describes<EvidenceFileView>()(
  z.object({
    id: z.string(),
    recordId: z.string(),
    purpose: z.enum(EVIDENCE_PURPOSES),
    fileName: z.string(),
    fileType: z.enum(['pdf', 'docx', 'png', 'jpeg']),
    mediaType: z.string(),
    sizeBytes: z.number().int(),
    sha256: z.string(),
    ksbs: z.array(z.string()),
    uploadedBy: z.string().nullable(),
    uploadedAt: z.string().meta({ format: 'date-time' }),
  }),
);

export const EvidenceFileListResponse = z.object({ files: z.array(EvidenceFileResponse) });
