// Re-sits and re-takes of a failed method.
// Source: 001_1e92b44f98d10fcb.txt §8 (re-take needs further learning and gateway again;
// any component where a pass has not been achieved; within 12 months; no re-sit from pass
// to distinction; re-sit grade capped at pass unless exceptional circumstances);
// 004_f9b9047560044387.txt Section 3 (per-method requirements, capping);
// 003_16fb56b024b0b0ad.txt, Retake and resit information (reattempted in full; the
// observation's 30-minute discussion follow-up).
import { addMonths, type IsoDate } from '../calendar/dates.ts';
import type { Finding } from '../outcome.ts';
import type { GradeT, Policy, Standard } from '../standards/schema.ts';

export type ReattemptKind = 'resit' | 're-take';

export type ReattemptRequest = {
  method: string;
  kind: ReattemptKind;
  /** The grade of the method's latest attempt. */
  latestGrade: GradeT;
  latestAttempt: number;
  /** When the first attempt's fail was decided: the window runs from there. */
  firstFailedOn: IsoDate;
  /** The date planned for the new attempt. */
  plannedOn: IsoDate;
};

export type ReattemptPlan = {
  attempt: number;
  /** The re-attempt's grade (and the overall grade) are at most this, unless exceptional circumstances. */
  cap: Exclude<GradeT, 'fail'> | null;
  windowEnds: IsoDate | null;
  needsGateway: boolean;
  /** What the re-attempt involves for this method, as the standard's documents say (ST0072's observation: the 30-minute discussion follow-up). */
  requirements: string[];
};

export function planReattempt(standard: Standard, policy: Policy | null, request: ReattemptRequest): { findings: Finding[]; plan: ReattemptPlan } {
  const findings: Finding[] = [];
  const r = standard.reassessment;
  const method = standard.methods.find((m) => m.id === request.method);
  if (request.latestGrade !== 'fail')
    findings.push({
      code: 'PASS_CANNOT_BE_RETAKEN',
      message: `the ${request.method} was ${request.latestGrade === 'pass' ? 'passed' : 'passed with distinction'}: a method is re-sat or re-taken only where a pass has not been achieved`,
      source: r.noRetakeToImprove.source,
    });
  const months = policy?.reassessment?.windowMonths?.value ?? r.windowMonths.value;
  const windowEnds = months === null ? null : addMonths(request.firstFailedOn, months);
  if (windowEnds !== null && request.plannedOn > windowEnds)
    findings.push({
      code: 'REASSESSMENT_WINDOW_PASSED',
      message: `re-sits and re-takes are completed within ${months} months of the first fail (by ${windowEnds})`,
      source: policy?.reassessment?.windowMonths?.source ?? r.windowMonths.source,
      windowEnds,
    });
  const requirements = [r.fullReattempt?.value ? 'the method is re-attempted in full' : null, method?.reassessment?.value ?? null].filter(
    (x): x is string => x !== null,
  );
  return {
    findings,
    plan: {
      attempt: request.latestAttempt + 1,
      cap: r.cap.value,
      windowEnds,
      needsGateway: request.kind === 're-take' && r.retakeNeedsGateway.value,
      requirements,
    },
  };
}

/**
 * A re-sit or re-take is booked within its own window (12 months from the first fail,
 * 001 §8), not the original EPA window: the plan's OUTSIDE_EPA_WINDOW no longer covers the
 * re-attempted method, and a date after the re-attempt's window is refused instead.
 */
export function reattemptBookingFindings(violations: readonly Finding[], method: string, date: IsoDate, windowEnds: IsoDate | null, source: string): Finding[] {
  const out: Finding[] = [];
  for (const v of violations) {
    if (v.code !== 'OUTSIDE_EPA_WINDOW' || !Array.isArray(v.methods)) {
      out.push(v);
      continue;
    }
    const methods = (v.methods as string[]).filter((m) => m !== method);
    if (methods.length > 0) out.push({ ...v, methods });
  }
  if (windowEnds !== null && date > windowEnds)
    out.push({
      code: 'REASSESSMENT_WINDOW_PASSED',
      message: `the re-attempt must take place by ${windowEnds}, 12 months from the first fail`,
      source,
      methods: [method],
      windowEnds,
    });
  return out;
}
