// What Capstone tells the Assessor Service about an apprentice's EPA: each released result as
// an EPA outcome on the day of its final assessment (Pass or Fail), a confirmed withdrawal as
// Withdrawn, a later attempt after a fail flagged as a re-sit or a re-take; and a pass's
// certificate. Field names and values are the External API's (shared/interop/
// dfe-assessor-external-api.md, "Create / update EPA" and "Create / update certificate").

export type DfeEpaOutcome = 'Pass' | 'Fail' | 'Withdrawn';
export type DfeEpa = { epaDate: string; epaOutcome: DfeEpaOutcome; resit?: boolean; retake?: boolean };

/** A released result (superseded ones included: each was an outcome the apprentice had), oldest first. */
export type ResultFact = { finalAssessmentOn: string; releasedOn: string; overall: 'pass' | 'distinction' | 'fail'; status: string };
/** A re-attempt arranged, with the day it was arranged for. */
export type ReattemptFact = { kind: 'resit' | 're-take' | 'appeal-reassessment'; plannedOn: string };

/**
 * The record's EPA outcomes as the API takes them. A result an appeal regraded replaces the
 * one it superseded (same day, the later grade); a cancelled result (malpractice) is no
 * outcome, nor is one set aside for a re-assessment until its new result is released.
 * An outcome after a fail is a re-take when a re-take was arranged since the fail, else a re-sit;
 * an appeal's re-assessment is neither (Capstone's rules: domain/appeals/reassessment.ts).
 */
export function epaOutcomes(results: readonly ResultFact[], reattempts: readonly ReattemptFact[], withdrawnOn: string | null): DfeEpa[] {
  const told = results.filter((r) => r.status !== 'cancelled');
  // A superseded result with nothing released after it was set aside (an appeal ordered a
  // re-assessment): it is no outcome until the re-assessment's result is released.
  const setAside = (r: ResultFact) => r.status === 'superseded' && !told.some((o) => o !== r && o.releasedOn >= r.releasedOn);
  const byDay = new Map<string, ResultFact>();
  for (const r of told.filter((r) => !setAside(r)).sort((a, b) => a.releasedOn.localeCompare(b.releasedOn))) byDay.set(r.finalAssessmentOn, r);
  const ordered = [...byDay.values()].sort((a, b) => a.finalAssessmentOn.localeCompare(b.finalAssessmentOn));
  const epas: DfeEpa[] = [];
  let failedOn: string | null = null;
  for (const r of ordered) {
    const epa: DfeEpa = { epaDate: r.finalAssessmentOn, epaOutcome: r.overall === 'fail' ? 'Fail' : 'Pass' };
    if (failedOn !== null) {
      const since = reattempts.filter((a) => a.plannedOn >= failedOn! && a.plannedOn <= r.finalAssessmentOn && a.kind !== 'appeal-reassessment');
      if (since.some((a) => a.kind === 're-take')) epa.retake = true;
      else if (since.length > 0) epa.resit = true;
    }
    epas.push(epa);
    failedOn = r.overall === 'fail' ? r.finalAssessmentOn : null;
  }
  if (withdrawnOn) epas.push({ epaDate: withdrawnOn, epaOutcome: 'Withdrawn' });
  return epas;
}

/** The certificate's grade as the API lists it (GET certificate/grades): Capstone's standards grade pass or distinction. */
export const certificateGrade = (overall: 'pass' | 'distinction'): 'Pass' | 'Distinction' => (overall === 'pass' ? 'Pass' : 'Distinction');
