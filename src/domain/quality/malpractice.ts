// Malpractice and maladministration (Ofqual General Condition A8; 004 Section 6 – Appeals,
// complaints, maladministration, and malpractice): anyone may report it, including against
// the EPAO's own staff; a report opens a case that holds the result; the person a case
// concerns never decides it; an upheld case may suspend the assessor it concerns.
import type { Finding } from '../outcome.ts';

export const MALPRACTICE_CONCERNS = ['apprentice', 'assessor', 'provider', 'employer', 'epao-staff', 'unknown'] as const;
export type MalpracticeConcerns = (typeof MALPRACTICE_CONCERNS)[number];

const SOURCE =
  'Ofqual General Condition A8 (malpractice and maladministration); 004_f9b9047560044387.txt, Section 6 – Appeals, complaints, maladministration, and malpractice';

/** Whoever a case names is no judge of it. */
export function caseDeciderConflict(deciderUserId: string, concernsUserId: string | null): Finding | null {
  if (concernsUserId === null || deciderUserId !== concernsUserId) return null;
  return { code: 'MALPRACTICE_DECIDER_CONCERNED', message: 'the person a malpractice case concerns does not decide it', source: SOURCE };
}

/** An assessor is suspended only by an upheld case that names them as the assessor concerned. */
export function suspensionRefusal(upheld: boolean, concerns: MalpracticeConcerns, concernsAnAssessor: boolean): Finding | null {
  if (upheld && concerns === 'assessor' && concernsAnAssessor) return null;
  return {
    code: 'SANCTION_NOT_OPEN',
    message: upheld ? 'only a case that names the assessor concerned can suspend them' : 'a dismissed case carries no sanction',
    source: SOURCE,
  };
}

/** While a case is open, no result is released: the case may void it (004 Section 6, "PAL reserves the right to cancel results"). */
export function malpracticeHold(openCaseId: string | null): Finding | null {
  if (!openCaseId) return null;
  return {
    code: 'MALPRACTICE_CASE_OPEN',
    message: 'a malpractice case is open for this apprentice: decide it before releasing a result',
    source: '004_f9b9047560044387.txt, Section 6 – Certification ("PAL reserves the right to cancel results if malpractice is identified")',
    caseId: openCaseId,
  };
}
