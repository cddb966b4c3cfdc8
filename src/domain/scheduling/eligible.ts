// Who may ever take what: each record's eligible assessors (approval, independence,
// suspension, asked of assessorFindings once), and the standard versions as indexes.
import { assessorFindings } from '../booking/assessor-eligibility.ts';
import type { IsoDate } from '../calendar/dates.ts';
import type { Finding } from '../outcome.ts';
import type { AssessorToPlace } from './model.ts';
import type { CompiledAssessor, CompiledRecord } from './problem.ts';

/**
 * Whether an assessor may ever take the record (approval, independence, suspension): the
 * date only matters to currency, asked per day. An assessor with no declared relationships
 * is judged the same for every record of a standard, so that answer is asked once.
 */
export function eligibility(records: CompiledRecord[], assessors: CompiledAssessor[], days: IsoDate[]) {
  const eligible: number[][] = [];
  const ineligible: Map<number, Finding>[] = [];
  const someDay = days[0] ?? '2000-01-01';
  const byStandard = new Map<string, Finding | null>();
  records.forEach((record) => {
    const list: number[] = [];
    const refused = new Map<number, Finding>();
    const { data } = record;
    assessors.forEach((assessor, a) => {
      const key = `${a}|${data.standard}`;
      const alike = assessor.data.relationships.length === 0;
      let found = alike ? byStandard.get(key) : undefined;
      if (found === undefined) {
        const assessment = {
          standard: data.standard,
          date: someDay,
          apprenticeId: data.apprenticeId,
          employerId: data.employerId,
          providerId: data.providerId,
        };
        const findings = assessorFindings(assessor.data, data.uln ? { ...assessment, uln: data.uln } : assessment);
        found = findings.find((f) => f.code !== 'ASSESSOR_NOT_CURRENT') ?? null;
        if (alike) byStandard.set(key, found);
      }
      if (found) refused.set(a, found);
      else list.push(a);
    });
    eligible.push(list);
    ineligible.push(refused);
  });
  return { eligible, ineligible };
}

export function standardIndexes(records: CompiledRecord[], assessors: readonly AssessorToPlace[]) {
  const standards = [...new Set(records.map((r) => r.data.standard))];
  const index = new Map(standards.map((s, i) => [s, i]));
  return {
    standards,
    recordStandard: records.map((r) => index.get(r.data.standard) as number),
    assessorStandards: assessors.map((a) => a.standards.flatMap((s) => (index.has(s) ? [index.get(s) as number] : []))),
  };
}
