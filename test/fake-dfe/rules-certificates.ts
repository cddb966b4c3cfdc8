// The Assessor Service External API's rules for EPA records, certificates and submission, as
// pure functions. Source: shared/interop/dfe-assessor-external-api.md — each rule names
// the section it comes from; "Corrections" overrides the earlier sections. The shared request
// blocks are in rules.ts.
import { dateError } from './rules.ts';
import type { CertificateRecord, CertificateStatus, EpaOutcome, EpaRecord, IlrLearner } from './types.ts';

// Create / update certificate: grades accepted (case-insensitive, normalised); GET certificate/grades lists them.
export const GRADES = ['Pass', 'Credit', 'Merit', 'Distinction', 'Pass with excellence', 'Outstanding', 'No grade awarded'] as const;
// Create / update EPA: epaOutcome ∈ Pass | Fail | Withdrawn (case-insensitive, normalised).
export const OUTCOMES: readonly EpaOutcome[] = ['Pass', 'Fail', 'Withdrawn'];
// Statuses: print-process statuses.
export const PRINT_PROCESS: readonly CertificateStatus[] = ['SentToPrinter', 'Printed', 'Delivered', 'NotDelivered', 'Reprint'];

// Error messages worth mapping (exact wording in the summary).
export const FAIL_GRADE = 'Cannot record a Fail grade via API'; // Create / update certificate
export const certificateExists = (reference: string) => `Certificate already exists: ${reference}`;
export const ALREADY_SUBMITTED = 'Certificate has already been submitted';
export const MISSING_MANDATORY = 'Certificate is missing mandatory data';
// Create / update EPA: "EPA already provided…" (the summary gives the start of the message).
export const EPA_ALREADY_PROVIDED = 'EPA already provided';
// Create / update certificate: PUT on an EPA shell or a submitted Fail → "Certificate not found".
export const CERTIFICATE_NOT_FOUND = 'Certificate not found';
export const NOT_DRAFT = 'Certificate does not exist in Draft status';
// Corrections: submit after the ILR version changed.
export const VERSION_CHANGED = 'Certificate update is required as version has changed on Learner record';
// Submit certificate: "ILR version or option changed since creation".
export const OPTION_CHANGED = 'Certificate update is required as option has changed on Learner record'; // wording not in the summary
// Create / update certificate, Submit certificate: "refused if another EPAO created it".
export const OTHER_EPAO = 'Your organisation is not the creator of this Certificate'; // wording not in the summary
export const EPA_NOT_FOUND = 'EPA not found'; // wording not in the summary

export const normaliseGrade = (grade: string) => GRADES.find((g) => g.toLowerCase() === grade.toLowerCase());
export const normaliseOutcome = (outcome: string) => OUTCOMES.find((o) => o.toLowerCase() === outcome.toLowerCase());

// Create / update certificate: overallGrade in the list; Fail refused ("a fail is sent as an EPA outcome instead").
export function gradeErrors(grade: string | undefined): string[] {
  if (!grade) return ['Overall grade is required']; // wording not in the summary
  if (grade.toLowerCase() === 'fail') return [FAIL_GRADE];
  if (!normaliseGrade(grade)) return [`Invalid grade. Must be one of the following: ${GRADES.join(', ')}`]; // wording not in the summary
  return [];
}

// Create / update EPA: epas non-empty; each epaDate ≥ 2017-01-01 and not in the future; epaOutcome in the list.
export function epasErrors(epas: readonly { epaDate?: string; epaOutcome?: string }[] | undefined, today: string): string[] {
  if (!epas?.length) return ['At least one EPA record is required']; // wording not in the summary
  const errors: string[] = [];
  for (const epa of epas) {
    const date = dateError('EPA date', epa.epaDate, today);
    if (date) errors.push(date);
    if (!epa.epaOutcome || !normaliseOutcome(epa.epaOutcome)) errors.push('Invalid EPA outcome. Must be one of the following: Pass, Fail, Withdrawn'); // wording not in the summary
  }
  return [...new Set(errors)];
}

// Create / update EPA: "the latest EPA (by date) decides" (on a tie, the one listed last).
export function latestEpa(epas: readonly EpaRecord[]): EpaRecord | undefined {
  return epas.reduce<EpaRecord | undefined>((latest, e) => (!latest || e.epaDate >= latest.epaDate ? e : latest), undefined);
}

// Create / update EPA: latest = Fail → a certificate with grade Fail in status Submitted; otherwise a
// Draft certificate shell without grade/date.
export function epaEffect(epas: readonly EpaRecord[]): { status: CertificateStatus; grade?: string; achievementDate?: string } {
  const latest = latestEpa(epas);
  if (latest?.epaOutcome === 'Fail') return { status: 'Submitted', grade: 'Fail', achievementDate: latest.epaDate };
  return { status: 'Draft' };
}

export const isLive = (c: CertificateRecord | undefined): c is CertificateRecord => !!c && c.status !== 'Deleted';
/** The EPA shell: a Draft without a grade. */
export const isShell = (c: CertificateRecord) => c.status === 'Draft' && !c.grade;
export const isSubmittedFail = (c: CertificateRecord) => c.status === 'Submitted' && c.grade === 'Fail';
const foreign = (c: CertificateRecord, ukprn: number) => c.createdByUkprn !== ukprn;

// Create / update EPA: "Create refused once anything is recorded: a submitted pass ('Certificate already
// exists…'), a submitted fail or a Draft already holding an outcome ('EPA already provided…')".
export function epaCreateRefusal(existing: CertificateRecord | undefined, ukprn: number): string | null {
  if (!isLive(existing)) return null;
  if (foreign(existing, ukprn)) return OTHER_EPAO; // not in the summary for EPAs: applied as for certificates
  if (existing.status === 'Draft') return existing.epas.length > 0 || existing.grade ? EPA_ALREADY_PROVIDED : null;
  if (isSubmittedFail(existing)) return EPA_ALREADY_PROVIDED;
  return certificateExists(existing.reference);
}

// Create / update EPA: PUT needs the top-level epaReference; "update accepts a Draft with an outcome but
// no grade, or a submitted Fail".
export function epaUpdateRefusal(existing: CertificateRecord | undefined, epaReference: string, ukprn: number): string | null {
  if (!isLive(existing) || existing.reference !== epaReference) return EPA_NOT_FOUND;
  if (foreign(existing, ukprn)) return OTHER_EPAO; // not in the summary for EPAs: applied as for certificates
  if ((isShell(existing) && existing.epas.length > 0) || isSubmittedFail(existing)) return null;
  return certificateExists(existing.reference); // wording for this refusal not in the summary
}

// Create / update certificate: "Create refused if a certificate exists that is not Deleted, unless it is a
// Draft without a grade (the EPA shell) or a submitted Fail (re-sit after fail); refused if another EPAO created it."
export function certificateCreateRefusal(existing: CertificateRecord | undefined, ukprn: number): string | null {
  if (!isLive(existing)) return null;
  if (foreign(existing, ukprn)) return OTHER_EPAO;
  if (isShell(existing) || isSubmittedFail(existing)) return null;
  return certificateExists(existing.reference);
}

// Create / update certificate: "PUT only amends a Draft that has a grade: an EPA shell (Draft, no grade) or
// a submitted Fail answers 'Certificate not found'; other statuses 'Certificate does not exist in Draft status'".
export function certificateUpdateRefusal(existing: CertificateRecord | undefined, reference: string, ukprn: number): string | null {
  if (!isLive(existing) || existing.reference !== reference) return CERTIFICATE_NOT_FOUND;
  if (foreign(existing, ukprn)) return OTHER_EPAO;
  if (isShell(existing) || isSubmittedFail(existing)) return CERTIFICATE_NOT_FOUND;
  return existing.status === 'Draft' ? null : NOT_DRAFT;
}

// Submit certificate: mandatory data — given names, family name, contact name, contact organisation,
// address line 1, city, postcode, grade, achievement date ("submit refuses a certificate whose contact
// organisation is null").
export function missingMandatoryData(c: CertificateRecord, learner: IlrLearner): boolean {
  const p = c.postalContact ?? {};
  const fields = [learner.givenNames, learner.familyName, p.contactName, p.organisation, p.addressLine1, p.city, p.postCode, c.grade, c.achievementDate];
  return fields.some((f) => !f?.trim());
}

// Submit certificate: refused when not found or Deleted; created by another EPAO; already Submitted or in
// print process; not Draft; mandatory data missing; ILR version or option changed since creation.
export function submitRefusal(existing: CertificateRecord | undefined, reference: string, learner: IlrLearner, ukprn: number): string | null {
  if (!isLive(existing) || existing.reference !== reference) return CERTIFICATE_NOT_FOUND; // wording not in the summary for submit
  if (foreign(existing, ukprn)) return OTHER_EPAO;
  if (existing.status === 'Submitted' || PRINT_PROCESS.includes(existing.status)) return ALREADY_SUBMITTED;
  if (existing.status !== 'Draft') return NOT_DRAFT; // wording not in the summary for submit
  if (missingMandatoryData(existing, learner)) return MISSING_MANDATORY;
  if (learner.version && learner.version !== existing.version) return VERSION_CHANGED;
  if (learner.courseOption && learner.courseOption.toLowerCase() !== existing.courseOption?.toLowerCase()) return OPTION_CHANGED;
  return null;
}

// Create / update certificate: shown as Ready when every mandatory field is filled (reference, standard,
// version, postal contact name/city/postcode, ULN, family name, grade, date); Corrections: "Ready ignores the
// option except on GET certificate".
export function isReady(c: CertificateRecord, learner: IlrLearner, o: { versionOptions: readonly string[]; checkOption: boolean }): boolean {
  if (c.status !== 'Draft') return false;
  const p = c.postalContact ?? {};
  const fields = [c.reference, c.standardReference, c.version, p.contactName, p.city, p.postCode, learner.familyName, c.grade, c.achievementDate];
  if (fields.some((f) => !f?.trim()) || !c.uln) return false;
  return !o.checkOption || o.versionOptions.length === 0 || !!c.courseOption;
}

// Corrections: delete of an EPA shell says "Certificate not found." (with a full stop); delete of a
// submitted one "Cannot delete a submitted Certificate".
export function certificateDeleteRefusal(existing: CertificateRecord | undefined, reference: string, ukprn: number): string | null {
  if (!isLive(existing) || existing.reference !== reference || isShell(existing)) return 'Certificate not found.';
  if (foreign(existing, ukprn)) return OTHER_EPAO;
  if (existing.status !== 'Draft') return 'Cannot delete a submitted Certificate';
  return null;
}

// Endpoints: DELETE epa answers 204 or a 403 message; which records it accepts is not in the summary.
// Here: an EPA shell or a submitted Fail (an outcome with no certificate claimed yet).
export function epaDeleteRefusal(existing: CertificateRecord | undefined, reference: string, ukprn: number): string | null {
  if (!isLive(existing) || existing.reference !== reference || existing.epas.length === 0) return EPA_NOT_FOUND;
  if (foreign(existing, ukprn)) return OTHER_EPAO;
  if (isShell(existing) || isSubmittedFail(existing)) return null;
  return certificateExists(existing.reference); // wording not in the summary
}

// Statuses: "GET learner: any print-process status is reported as Submitted".
export const learnerViewStatus = (status: CertificateStatus) => (PRINT_PROCESS.includes(status) ? 'Submitted' : status);
