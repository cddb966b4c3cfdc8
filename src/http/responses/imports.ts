// What the CSV import answers with: the report, row by row.
import { z } from 'zod';
import type { ImportReport, ImportRow } from '../../app/bulk-import.ts';
import type { ImportReason } from '../../app/import-file.ts';
import { describes } from './describes.ts';

const ImportReasonResponse = describes<ImportReason>()(z.object({ code: z.string(), message: z.string(), column: z.string().optional() }));

const ImportRowResponse = describes<ImportRow>()(
  z.discriminatedUnion('status', [
    z.object({
      line: z.number().int(),
      uln: z.string(),
      name: z.string().optional(),
      status: z.literal('imported'),
      recordId: z.string(),
      warnings: z.array(ImportReasonResponse).optional(),
    }),
    z.object({
      line: z.number().int(),
      uln: z.string(),
      name: z.string().optional(),
      status: z.literal('held'),
      heldId: z.string(),
      reasons: z.array(ImportReasonResponse),
    }),
    z.object({
      line: z.number().int(),
      uln: z.string(),
      name: z.string().optional(),
      status: z.literal('rejected'),
      reasons: z.array(ImportReasonResponse),
      /** The row's cells, column by column, as the file had them (kept for the pages' report, not sent by the API). */
      values: z.array(z.object({ column: z.string(), value: z.string() })).optional(),
    }),
  ]),
);

export const ImportReportResponse = describes<ImportReport>()(
  z.object({
    total: z.number().int(),
    imported: z.number().int(),
    held: z.number().int(),
    rejected: z.number().int(),
    rows: z.array(ImportRowResponse),
  }),
);
