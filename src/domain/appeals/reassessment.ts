// An upheld appeal that orders the assessment taken again. 004 Section 6 has an appeal
// "confirm or modify the grade" (a regrade); where the review finds the assessment itself
// unsound there is no grade to modify, and Ofqual's General Condition I1 asks the EPAO to
// put right the effects of the failure. This EPAO's setting: the methods named are assessed
// again at no charge, and the new attempt stands in for the flawed one: it is not a re-sit
// or re-take, so it is not capped (001 §8 caps re-sits) and is not charged (004
// "Reassessment": "Reassessments do incur a charge" under PAL's Resit and Retake policy).
import type { Finding } from '../outcome.ts';

export const REASSESSMENT_SOURCE =
  "Ofqual General Condition I1 (appeals: the effects of a failure put right); this EPAO's setting: the methods are assessed again at no charge, not as a re-sit or re-take";

/** Who pays for an arranged attempt: a re-sit or re-take is charged (004 Reassessment); an appeal's re-assessment is not. */
export type ReattemptCharge = 'chargeable' | 'none';
export const chargeFor = (kind: 'resit' | 're-take' | 'appeal-reassessment'): ReattemptCharge => (kind === 'appeal-reassessment' ? 'none' : 'chargeable');

/**
 * Why the methods cannot be ordered assessed again: one the standard does not have, or one
 * with no submitted assessment behind the result (there is nothing flawed to take again).
 */
export function reassessmentRefusal(standardMethods: readonly string[], assessed: ReadonlySet<string>, methods: readonly string[]): Finding | null {
  const unknown = methods.filter((m) => !standardMethods.includes(m));
  if (unknown.length > 0)
    return { code: 'UNKNOWN_METHOD', message: `the standard has no method ${unknown.join(', ')}`, source: REASSESSMENT_SOURCE, methods: unknown };
  const unassessed = methods.filter((m) => !assessed.has(m));
  if (unassessed.length > 0)
    return {
      code: 'METHOD_NOT_ASSESSED',
      message: `${unassessed.join(', ')} was not assessed for this result: only an assessment that took place can be taken again`,
      source: REASSESSMENT_SOURCE,
      methods: unassessed,
    };
  return null;
}

/**
 * A method's attempt as the re-sit rules count it: each re-assessment an upheld appeal
 * ordered at or before this attempt replaced a flawed attempt rather than adding one, so the
 * cap (attempt 2 onwards, 001 §8) falls where it would have without the flaw.
 */
export function countedAttempt(method: string, attempt: number, appealReassessments: readonly { method: string; attempt: number }[]): number {
  return attempt - appealReassessments.filter((r) => r.method === method && r.attempt <= attempt).length;
}
