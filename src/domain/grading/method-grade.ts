// One method's grade from its criterion judgements.
// Source: 001_1e92b44f98d10fcb.txt §8 and Appendix B (pass: every pass criterion; distinction:
// every pass criterion and all distinction criteria); 003_16fb56b024b0b0ad.txt, Grading
// (ST0072: all pass criteria and at least N of the distinction criteria).
import type { ChannelT, Criterion, GradeT, Method } from '../standards/schema.ts';

export type MethodResult = {
  grade: GradeT;
  unmetPass: string[];
  distinctionMet: string[];
  distinctionRequired: number;
  carriedOver: string[];
};

/** Whether a criterion applies to an apprentice working in `channel` (ST0072: face-to-face or non-facing work). */
export function appliesTo(criterion: Criterion, channel: ChannelT | undefined): boolean {
  if (criterion.channel === undefined || channel === undefined || channel === 'both') return true;
  return criterion.channel === channel;
}

/**
 * Grades one method. `met` holds the criteria judged met in this method plus any carried
 * over from another method; `carriedOver` lists those carried, for the record.
 */
export function gradeMethod(method: Method, met: ReadonlySet<string>, channel: ChannelT | undefined, carriedOver: string[] = []): MethodResult {
  const unmetPass: string[] = [];
  const distinctionMet: string[] = [];
  let distinctionApplicable = 0;
  for (const criterion of method.criteria) {
    if (!appliesTo(criterion, channel)) continue;
    if (criterion.grade === 'pass') {
      if (!met.has(criterion.id)) unmetPass.push(criterion.id);
    } else {
      distinctionApplicable++;
      if (met.has(criterion.id)) distinctionMet.push(criterion.id);
    }
  }
  const rule = method.distinction;
  const distinctionRequired = rule.rule === 'all' ? distinctionApplicable : rule.count;
  let grade: GradeT = 'pass';
  if (unmetPass.length > 0) grade = 'fail';
  else if (distinctionApplicable > 0 && distinctionMet.length >= distinctionRequired) grade = 'distinction';
  return { grade, unmetPass, distinctionMet, distinctionRequired, carriedOver };
}
