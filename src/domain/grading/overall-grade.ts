// The overall EPA grade from the method grades.
// Source: 001_1e92b44f98d10fcb.txt §8 ("If an apprentice fails any part ... it is a fail";
// distinction needs all pass and distinction criteria in all methods); the same rule in
// 000 (grade table), 004 Section 3 and 003 Grading. NQual's table (002) omits combinations
// and does not decide.
import type { GradeT } from '../standards/schema.ts';

export type OverallGrade = GradeT | 'incomplete';

export function overallGrade(methodGrades: readonly GradeT[], missing: readonly string[]): OverallGrade {
  if (missing.length > 0) return 'incomplete';
  if (methodGrades.some((g) => g === 'fail')) return 'fail';
  if (methodGrades.length > 0 && methodGrades.every((g) => g === 'distinction')) return 'distinction';
  return 'pass';
}

/** At most `cap` (grades above it come down to it); a fail or incomplete is untouched. */
export function capGrade<G extends OverallGrade>(grade: G, cap: Exclude<GradeT, 'fail'>): G | 'pass' {
  return grade === 'distinction' && cap === 'pass' ? 'pass' : grade;
}
