// When a result may be released, and when it is due.
// Source: 001_1e92b44f98d10fcb.txt §8 ("Decisions must not be confirmed until after
// moderation") and Internal Quality Assurance; 002_75563123dfdaaed6.txt, EPA Timescale
// (NQual: results within 10 working days of the final assessment).
import { addWorkingDays, type HolidayCalendar } from '../calendar/working-days.ts';
import type { Finding } from '../outcome.ts';
import type { Policy, Standard } from '../standards/schema.ts';

export type MethodState = {
  method: string;
  /** The provisional grade is in once the assessor has submitted. */
  submitted: boolean;
  /** Sampled results wait for the IQA's decision; the others for the batch sign-off. */
  moderation: 'pending' | 'agreed' | 'changed' | 'signed-off';
};

const MODERATION_SOURCE = '001_1e92b44f98d10fcb.txt, §8 ("Decisions must not be confirmed until after moderation")';

/** Why the result cannot be released yet; none means it can. */
export function releaseBlockers(standard: Standard, methods: readonly MethodState[]): Finding[] {
  const findings: Finding[] = [];
  const byMethod = new Map(methods.map((m) => [m.method, m]));
  const ungraded = standard.methods.filter((m) => !byMethod.get(m.id)?.submitted).map((m) => m.id);
  if (ungraded.length > 0)
    findings.push({
      code: 'METHOD_NOT_GRADED',
      message: `not every method has a submitted grade: ${ungraded.join(', ')}`,
      source: standard.overall.source,
      methods: ungraded,
    });
  const pending = methods.filter((m) => m.submitted && m.moderation === 'pending').map((m) => m.method);
  if (pending.length > 0)
    findings.push({
      code: 'MODERATION_PENDING',
      message: `waiting for the IQA's moderation decision: ${pending.join(', ')}`,
      source: MODERATION_SOURCE,
      methods: pending,
    });
  return findings;
}

/** The date results are due, where the EPAO's policy sets a number of working days. */
export function resultsDue(policy: Policy | null, finalAssessment: string, holidays: HolidayCalendar): { due: string; source: string } | null {
  const rule = policy?.resultsWithinWorkingDays;
  if (!rule) return null;
  return { due: addWorkingDays(finalAssessment, rule.value, holidays), source: rule.source };
}
