// Whether an independent assessor may assess an apprentice's method on a date.
// Sources:
// - 001_1e92b44f98d10fcb.txt, §6 Independence: "No direct relationship with the
//   apprentice, employer or training provider" (and §7: the assessor "will not have had
//   any prior involvement with the apprentice").
// - 001_1e92b44f98d10fcb.txt, Quality Assurance – Internal Quality Assurance: "Operate
//   standardisation events that enable assessors to attend a minimum of one event per
//   year"; "Standardisation meetings should be undertaken annually".
// - 001_1e92b44f98d10fcb.txt, Quality Assurance ("Appoint independent assessors that meet
//   the requirements as detailed in this plan") and §7 (the EPAO "sources, allocates and
//   manages the independent assessors"): the EPAO approves each assessor per standard version.
import { addMonths, type IsoDate } from '../calendar/dates.ts';
import type { Finding } from '../outcome.ts';

export const SOURCES = {
  independence: '001_1e92b44f98d10fcb.txt, §6 Independence ("No direct relationship with the apprentice, employer or training provider")',
  currency:
    '001_1e92b44f98d10fcb.txt, Quality Assurance – Internal Quality Assurance ("Operate standardisation events that enable assessors to attend a minimum of one event per year")',
  suspension:
    'Ofqual General Condition A8 (malpractice: the EPAO takes action against those responsible); 004_f9b9047560044387.txt, Section 6 – Appeals, complaints, maladministration, and malpractice ("immediate sanctions")',
  approval:
    '001_1e92b44f98d10fcb.txt, Quality Assurance ("Appoint independent assessors that meet the requirements as detailed in this plan"); §7 (the EPAO "sources, allocates and manages the independent assessors")',
} as const;

/** Months a standardisation keeps an assessor current: one event a year. */
export const STANDARDISATION_MONTHS = 12;

/** A relationship the assessor (or the EPAO for them) has declared: with one apprentice or one organisation. */
export type DeclaredRelationship = {
  apprenticeId: string | null;
  /** The ULN of that apprentice: the same person registered again (another standard) is the same apprentice. */
  apprenticeUln?: string | null;
  organisationId: string | null;
  nature: string;
};

export type AssessorFacts = {
  /** Standard versions the EPAO has approved the assessor for, e.g. "ST0071@1.2". */
  standards: readonly string[];
  standardisedOn: IsoDate | null;
  relationships: readonly DeclaredRelationship[];
  /** Since when an upheld malpractice case has suspended the assessor, if it has. */
  suspendedOn?: IsoDate | null;
};

export type AssessmentFacts = {
  standard: string;
  date: IsoDate;
  apprenticeId: string;
  uln?: string;
  employerId: string;
  providerId: string;
};

/** The temporary ULN is shared by many apprentices, so it identifies no one. */
const TEMPORARY_ULN = '9999999999';

/** The last day a standardisation on `standardisedOn` keeps the assessor current (12 calendar months, clamped to the month end). */
export function standardisedUntil(standardisedOn: IsoDate): IsoDate {
  return addMonths(standardisedOn, STANDARDISATION_MONTHS);
}

/** Whether the assessor is current on `date`: standardised on or before it, and no more than 12 months before (001 Quality Assurance). */
export function standardisationCurrentOn(standardisedOn: IsoDate | null, date: IsoDate): boolean {
  return standardisedOn !== null && date >= standardisedOn && date <= standardisedUntil(standardisedOn);
}

/** Every reason the assessor may not take this assessment; empty when they may. */
export function assessorFindings(assessor: AssessorFacts, assessment: AssessmentFacts): Finding[] {
  const findings: Finding[] = [];

  const related = assessor.relationships.flatMap((r) => {
    const withWhom: string[] = [];
    if (r.apprenticeId !== null && r.apprenticeId === assessment.apprenticeId) withWhom.push('apprentice');
    else if (r.apprenticeUln && assessment.uln && r.apprenticeUln !== TEMPORARY_ULN && r.apprenticeUln === assessment.uln) withWhom.push('apprentice');
    if (r.organisationId !== null && r.organisationId === assessment.employerId) withWhom.push('employer');
    if (r.organisationId !== null && r.organisationId === assessment.providerId) withWhom.push('training provider');
    return withWhom.map((w) => ({ with: w, nature: r.nature }));
  });
  if (related.length > 0)
    findings.push({
      code: 'ASSESSOR_NOT_INDEPENDENT',
      message: `the assessor has declared a relationship with the ${related.map((r) => `${r.with} (${r.nature})`).join(', ')}: an independent assessor has no direct relationship with the apprentice, employer or training provider`,
      source: SOURCES.independence,
      relationships: related,
    });

  if (assessor.suspendedOn)
    findings.push({
      code: 'ASSESSOR_SUSPENDED',
      message: `the assessor has been suspended since ${assessor.suspendedOn} after a malpractice case: they take no assessment`,
      source: SOURCES.suspension,
      suspendedOn: assessor.suspendedOn,
    });

  const { standardisedOn } = assessor;
  if (standardisedOn === null)
    findings.push({
      code: 'ASSESSOR_NOT_CURRENT',
      message: 'the assessor has no standardisation recorded: assessors attend a standardisation event at least once a year',
      source: SOURCES.currency,
      standardisedOn: null,
    });
  else if (!standardisationCurrentOn(standardisedOn, assessment.date))
    findings.push({
      code: 'ASSESSOR_NOT_CURRENT',
      message:
        assessment.date < standardisedOn
          ? `the assessor's standardisation on ${standardisedOn} is after the assessment on ${assessment.date}`
          : `the assessor was last standardised on ${standardisedOn}, more than ${STANDARDISATION_MONTHS} months before the assessment on ${assessment.date} (current until ${standardisedUntil(standardisedOn)})`,
      source: SOURCES.currency,
      standardisedOn,
      currentUntil: standardisedUntil(standardisedOn),
    });

  if (!assessor.standards.includes(assessment.standard))
    findings.push({
      code: 'ASSESSOR_NOT_APPROVED',
      message: `the assessor is not approved to assess ${assessment.standard}${assessor.standards.length ? ` (approved: ${assessor.standards.join(', ')})` : ' (approved for no standard yet)'}`,
      source: SOURCES.approval,
      standard: assessment.standard,
      approved: [...assessor.standards],
    });

  return findings;
}

/**
 * Where the assessor has declared availability, a slot outside every window is worth a
 * warning (never a block: the EPAO may have agreed the time with the assessor directly).
 * Source: the issue, "Assessors: … availability". Instants as ISO strings or Dates.
 */
export function availabilityWarning(
  windows: readonly { startsAt: Date | string; endsAt: Date | string }[],
  slot: { startsAt: Date | string; endsAt: Date | string },
  /** Whether the assessor declared any availability at all (weekly hours count, on any day). */
  declared: boolean = windows.length > 0,
): Finding | null {
  if (!declared) return null;
  const start = new Date(slot.startsAt).getTime();
  const end = new Date(slot.endsAt).getTime();
  const covered = windows.some((w) => new Date(w.startsAt).getTime() <= start && new Date(w.endsAt).getTime() >= end);
  if (covered) return null;
  return {
    code: 'OUTSIDE_ASSESSOR_AVAILABILITY',
    message: 'the assessment is outside every availability window the assessor has declared: confirm the time with them',
    source: "this EPAO's setting: the availability its assessors declare",
  };
}
