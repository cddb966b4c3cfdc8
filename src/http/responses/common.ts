// Shapes many responses share.
import { z } from 'zod';
import { RECORD_STATUSES } from '../../domain/lifecycle/record-lifecycle.ts';
import type { Finding } from '../../domain/outcome.ts';
import { describes } from './describes.ts';

/** A rule's finding: a stable code, a message, the rule's source, and the rule's own details. */
export const FindingResponse = describes<Finding>()(z.object({ code: z.string(), message: z.string(), source: z.string() }).catchall(z.unknown()));

export const RecordStatusResponse = z.enum(RECORD_STATUSES);

/** A calendar date, YYYY-MM-DD. */
export const IsoDateResponse = z.string().meta({ format: 'date' });
