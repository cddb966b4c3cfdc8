// Request shapes for assessment records, moderation, results, re-attempts, certificates,
// appeals, malpractice and withdrawal.
import { z } from 'zod';
import { CalendarDate } from '../domain/calendar/date-schema.ts';
import { MAX_NAME } from './inputs.ts';
import { PostalContactInput } from './inputs-postal.ts';

// The limits the pages quote (the workspace's own checks, the release form's message).
export const MAX_ID_DOCUMENT = 200;
export const MAX_QUESTIONING_MINUTES = 600;
export const MAX_NOTE = 4000;
export const MAX_FEEDBACK = 8000;

/** A row version: PostgreSQL integer range, so a wild number is a 400, never a database error. */
const Version = z.int().min(1).max(2_147_483_647);
const Instant = z.iso.datetime({ offset: true });
const Grade = z.enum(['fail', 'pass', 'distinction']);
/** The longest reason, grounds or notes a person writes. */
export const MAX_REASON_TEXT = 2000;
const Reason = z.string().trim().min(3).max(MAX_REASON_TEXT);

export const DraftInput = z.strictObject({
  version: Version,
  identityChecked: z.boolean().optional(),
  idDocument: z.string().trim().max(MAX_ID_DOCUMENT).nullable().optional(),
  startedAt: Instant.nullable().optional(),
  endedAt: Instant.nullable().optional(),
  questioningMinutes: z.number().min(0).max(MAX_QUESTIONING_MINUTES).nullable().optional(),
  judgements: z
    .record(z.string(), z.strictObject({ judgement: z.enum(['met', 'not-met', 'not-evidenced']), note: z.string().max(MAX_NOTE).optional() }).nullable())
    .optional(),
});
export type DraftRequest = z.infer<typeof DraftInput>;

export const VersionInput = z.strictObject({ version: Version });

export const ModerationInput = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('agree'), reason: Reason.optional() }),
  z.strictObject({ decision: z.literal('change'), grade: Grade, reason: Reason }),
]);

export const ReleaseInput = z.strictObject({ feedback: z.string().trim().max(MAX_FEEDBACK).optional() });

export const ReattemptInput = z.strictObject({
  method: z.string(),
  kind: z.enum(['resit', 're-take']),
  plannedOn: CalendarDate,
  exceptionalCircumstances: z.boolean().default(false),
  exceptionalReason: Reason.optional(),
  /** Why the re-sit goes ahead while an appeal against the result is open. */
  appealOverride: Reason.optional(),
});

export const ClaimInput = z.strictObject({
  givenNames: z.string().trim().min(1).max(MAX_NAME),
  familyName: z.string().trim().min(1).max(MAX_NAME),
  uln: z.string().trim(),
  /** Why the claim goes ahead while an appeal against the result is open. */
  appealOverride: Reason.optional(),
  /** Where DfE posts the certificate; the employer's address when not given. */
  postalContact: PostalContactInput.optional(),
});
export const CertificateStepInput = z.strictObject({ version: Version, step: z.enum(['issued', 'sent', 'reprint']) });

/** Grounds: why the result is wrong; evidence: what to look at again and where it is (optional). */
export const AppealInput = z.strictObject({
  resultId: z.uuid(),
  grounds: Reason,
  evidence: z.string().trim().max(MAX_REASON_TEXT).optional(),
});
export const AppealReviewerInput = z.strictObject({ reviewerId: z.uuid() });
export const AppealDecisionInput = z.discriminatedUnion('outcome', [
  z.strictObject({ outcome: z.literal('rejected'), reason: Reason }),
  // Upheld: either the grades the review modifies (004 Section 6), or the methods to be
  // assessed again at no charge where the assessment itself was unsound (domain/appeals/reassessment.ts).
  z
    .strictObject({
      outcome: z.literal('upheld'),
      reason: Reason,
      grades: z.record(z.string(), Grade).optional(),
      reassess: z.array(z.string().trim().min(1).max(60)).min(1).max(10).optional(),
    })
    .refine((d) => (d.grades === undefined) !== (d.reassess === undefined), {
      message: 'an upheld appeal either changes grades or orders methods assessed again: give grades or reassess, not both',
      path: ['grades'],
    }),
]);

export const WithdrawInput = z.strictObject({ version: Version, reason: Reason });
export const WithdrawalRequestInput = z.strictObject({ reason: Reason });
export const WithdrawalConfirmInput = z.strictObject({ version: Version });
export const WithdrawalDeclineInput = z.strictObject({ reason: Reason });
export const MalpracticeInput = z.strictObject({ allegation: Reason });
export const MalpracticeDecisionInput = z.strictObject({
  outcome: z.enum(['dismissed', 'result-stands', 'result-cancelled']),
  notes: Reason,
  /** The sanction: the assessor an upheld case concerns is suspended (booked no more). */
  suspendAssessor: z.boolean().optional(),
});
export const MalpracticeReportInput = z.strictObject({
  concerns: z.enum(['apprentice', 'assessor', 'provider', 'employer', 'epao-staff', 'unknown']),
  concernsUserId: z.uuid().optional(),
  allegation: Reason,
});
export const CaseNoteInput = z.strictObject({ note: Reason });
export const MAX_COMPLAINT_SUBJECT = 200;
export const ComplaintInput = z.strictObject({
  subject: z.string().trim().min(3).max(MAX_COMPLAINT_SUBJECT),
  details: Reason,
  /** About one apprentice's EPA, where it is (the complainant may see it). */
  recordId: z.uuid().optional(),
});
export const ComplaintResponseInput = z.strictObject({ response: Reason });
