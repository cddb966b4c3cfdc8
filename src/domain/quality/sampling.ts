// Which assessments the IQA moderates. The plan requires "a minimum of 5% of each
// independent assessor's assessments moderated" and decisions not confirmed before
// moderation (001_1e92b44f98d10fcb.txt, Internal Quality Assurance). Capstone samples
// as each result is submitted: the 5% floor is kept per assessor at every point, new
// assessors and unusual grade patterns are weighted up, and each sample says why.
// Deterministic: the "random" part is a hash of the assessment id, so a decision can be
// recomputed and audited.
import { createHash } from 'node:crypto';
import type { GradeT } from '../standards/schema.ts';

export type SamplingPolicy = {
  /** The floor: a share of each assessor's assessments (plan: 5%; an EPAO may set more). */
  minimumPercent: number;
  /** An assessor's first assessments are all moderated. */
  newAssessorFirst: number;
  /** Chance of sampling beyond the floor, for an ordinary result. */
  randomPercent: number;
  /** Chance of sampling an assessor whose grade pattern is unusual. */
  unusualPercent: number;
};

export const PLAN_SAMPLING: SamplingPolicy = { minimumPercent: 5, newAssessorFirst: 5, randomPercent: 2, unusualPercent: 25 };

/** The sampling in force: the plan's, with an EPAO policy's higher floor where it sets one. */
export function samplingFor(policy: { moderationMinimumPercent?: { value: number } } | null): SamplingPolicy {
  const floor = Math.max(PLAN_SAMPLING.minimumPercent, policy?.moderationMinimumPercent?.value ?? 0);
  return { ...PLAN_SAMPLING, minimumPercent: floor };
}

/** What is known of an assessor's assessments so far, and of the EPAO's as a whole. */
export type AssessorHistory = { total: number; sampled: number; grades: Record<GradeT, number> };

export type SampleReason = 'minimum-share' | 'new-assessor' | 'unusual-grade-pattern' | 'random';
export type SampleDecision = { sampled: boolean; reasons: SampleReason[]; explanation: string };

/** A number in [0, 1) from the assessment id: the same id always gives the same draw. */
export function draw(id: string): number {
  return createHash('sha256').update(id).digest().readUInt32BE(0) / 2 ** 32;
}

/**
 * Whether an assessor's grades stray from the EPAO's: a distinction or fail rate more than
 * twice the EPAO's (and at least 15 points above it), once the assessor has ten results.
 */
export function unusualPattern(assessor: AssessorHistory, epao: AssessorHistory): boolean {
  if (assessor.total < 10 || epao.total === 0) return false;
  return (['distinction', 'fail'] as const).some((grade) => {
    const own = assessor.grades[grade] / assessor.total;
    const all = epao.grades[grade] / epao.total;
    return own > 2 * all && own - all >= 0.15;
  });
}

export function decideSample(
  assessmentId: string,
  grade: GradeT,
  assessor: AssessorHistory,
  epao: AssessorHistory,
  policy: SamplingPolicy = PLAN_SAMPLING,
): SampleDecision {
  const reasons: SampleReason[] = [];
  const total = assessor.total + 1;
  // The floor holds after this assessment: sampled ≥ ceil(minimum% × total).
  if (assessor.sampled < Math.ceil((policy.minimumPercent / 100) * total)) reasons.push('minimum-share');
  if (assessor.total < policy.newAssessorFirst) reasons.push('new-assessor');
  const withThis: AssessorHistory = { total, sampled: assessor.sampled, grades: { ...assessor.grades, [grade]: assessor.grades[grade] + 1 } };
  const unusual = unusualPattern(withThis, epao);
  const chance = (unusual ? policy.unusualPercent : policy.randomPercent) / 100;
  if (reasons.length === 0 && draw(assessmentId) < chance) reasons.push(unusual ? 'unusual-grade-pattern' : 'random');
  const explanation = reasons
    .map((r) =>
      r === 'minimum-share'
        ? `keeps at least ${policy.minimumPercent}% of this assessor's assessments moderated`
        : r === 'new-assessor'
          ? `one of the assessor's first ${policy.newAssessorFirst} assessments`
          : r === 'unusual-grade-pattern'
            ? "the assessor's distinction or fail rate is well above the EPAO's"
            : 'chosen at random beyond the minimum',
    )
    .join('; ');
  return { sampled: reasons.length > 0, reasons, explanation: explanation || 'not sampled: released when the IQA signs off its batch' };
}
