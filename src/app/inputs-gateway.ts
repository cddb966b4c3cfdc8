// Request shapes (Zod) for evidence uploads, gateway submissions and decisions, and
// submissions of work: the API validates with them and OpenAPI is generated from them.
import { z } from 'zod';
import { CalendarDate } from '../domain/calendar/date-schema.ts';
import { EVIDENCE_PURPOSES } from '../domain/evidence/file-type.ts';

// The limits the pages quote (the upload form's field count and messages, the review's).
export const MAX_KSBS = 100;
export const MAX_REASONS = 50;
export const MAX_REASON_LENGTH = 2000;
export const MAX_ANNEX_MARKER = 200;

const Uuid = z.uuid();
/** Levels as the gateway engine takes them: entry-3 < level-1 < level-2, bsl (English only), or none. */
const Qualification = z.enum(['entry-3', 'level-1', 'level-2', 'bsl']).nullable().default(null);
const KsbId = z
  .string()
  .trim()
  .regex(/^[KSB]\d+$/, 'a KSB id such as K1, S12 or B3');

export const EvidencePurpose = z.enum(EVIDENCE_PURPOSES);

/** The form fields of an upload (the file itself travels as the multipart `file` part). */
export const EvidenceUploadInput = z.strictObject({
  purpose: EvidencePurpose,
  ksbs: z.array(KsbId).max(MAX_KSBS).default([]),
});
export type EvidenceUploadRequest = z.infer<typeof EvidenceUploadInput>;

export const GatewaySubmitInput = z.strictObject({
  /** The day the gateway requirements are met; today when not given. */
  gatewayDate: CalendarDate.optional(),
  qualifications: z.strictObject({ english: Qualification, maths: Qualification }),
  /** Overrides the apprentice's recorded EHCP (education, health and care plan) for this check. */
  ehcp: z.boolean().optional(),
  declarations: z.strictObject({ employer: z.boolean(), provider: z.boolean(), apprentice: z.boolean() }),
  /** The portfolio pieces submitted: files uploaded as `portfolio-piece`; all of them when not given. */
  portfolioFileIds: z.array(Uuid).max(100).optional(),
  /** The ST0072 showcase format chosen at gateway. */
  showcaseFormat: z.enum(['report', 'presentation']).optional(),
});
export type GatewaySubmitRequest = z.infer<typeof GatewaySubmitInput>;

/** A signed Gateway Declaration Record the provider holds: whose declaration, who signed it and when, and the uploaded form. */
export const SignedDeclarationFields = z.strictObject({
  party: z.enum(['employer', 'apprentice']),
  signedBy: z.string().trim().min(2).max(120),
  signedOn: CalendarDate,
});
export const SignedDeclarationInput = SignedDeclarationFields.extend({
  /** A file uploaded to the record as `declaration-record`. */
  fileId: Uuid,
});
export type SignedDeclarationRequest = z.infer<typeof SignedDeclarationInput>;

export const GatewayDecisionInput = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  /** Required, and not empty, to reject: the apprentice and provider are told why. */
  reasons: z.array(z.string().trim().min(1).max(MAX_REASON_LENGTH)).max(MAX_REASONS).optional(),
});
export type GatewayDecisionRequest = z.infer<typeof GatewayDecisionInput>;

export const WorkSubmitInput = z.strictObject({
  kind: z.enum(['project-report', 'showcase']),
  /** A file uploaded to the record with the same purpose as `kind`. */
  fileId: Uuid,
  /** Where the annexes start: the first line starting with this text; by default a heading such as "Annex A" or "Appendices". */
  annexMarker: z.string().trim().min(1).max(MAX_ANNEX_MARKER).optional(),
  /** The day the EPAO received the work; today when not given (only the EPAO may give another day). */
  submittedOn: CalendarDate.optional(),
});
export type WorkSubmitRequest = z.infer<typeof WorkSubmitInput>;
