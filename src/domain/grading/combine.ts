// Method grades into the overall grade where the grades are already decided (an IQA's
// changed grade, an upheld appeal): each re-sat or re-taken method capped, then the
// overall rule, capped too where any method was re-attempted.
// Source: 001_1e92b44f98d10fcb.txt §8 (overall rule; re-sit grade capped at pass unless
// the EPAO identifies exceptional circumstances); 004_f9b9047560044387.txt Capping.
import type { GradeT } from '../standards/schema.ts';
import { capGrade, type OverallGrade, overallGrade } from './overall-grade.ts';

export type Combined = { grades: Record<string, GradeT>; overall: OverallGrade; capped: boolean; missing: string[] };

/** `cap` is the standard's (null for none, or when exceptional circumstances are recorded). */
export function combineMethodGrades(
  methods: readonly string[],
  grades: Readonly<Record<string, GradeT>>,
  attemptOf: ReadonlyMap<string, number>,
  cap: Exclude<GradeT, 'fail'> | null,
): Combined {
  let capped = false;
  const out: Record<string, GradeT> = {};
  for (const method of methods) {
    const grade = grades[method];
    if (!grade) continue;
    const lowered = cap && (attemptOf.get(method) ?? 1) >= 2 ? capGrade(grade, cap) : grade;
    if (lowered !== grade) capped = true;
    out[method] = lowered;
  }
  const missing = methods.filter((m) => !(m in out));
  let overall = overallGrade(Object.values(out), missing);
  if (cap && methods.some((m) => (attemptOf.get(m) ?? 1) >= 2)) {
    const lowered = capGrade(overall, cap);
    if (lowered !== overall) capped = true;
    overall = lowered;
  }
  return { grades: out, overall, capped, missing };
}
