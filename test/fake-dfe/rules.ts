// The Assessor Service External API's rules for the blocks every request shares, as pure
// functions. Source: shared/interop/dfe-assessor-external-api.md — each rule names the
// section it comes from; "Corrections" overrides the earlier sections. The rules for EPA
// records, certificates and submission are in rules-certificates.ts. Wording is the summary's
// where it gives it; elsewhere a plain message marked "wording not in the summary".
import type { CompletionStatus, IlrLearner, PostalContact, Standard, StandardRequest, StandardVersion } from './types.ts';

// Corrections: "ULN, FamilyName and Standard not found." ends with a full stop on EPA and
// certificate batch items, not on GET learner, submit or DELETE.
export const learnerNotFound = (batchItem: boolean) => (batchItem ? 'ULN, FamilyName and Standard not found.' : 'ULN, FamilyName and Standard not found');
// Error messages worth mapping: "Your organisation is not approved to assess this Standard [Version]".
export const NOT_APPROVED = 'Your organisation is not approved to assess this Standard';
export const NOT_APPROVED_VERSION = 'Your organisation is not approved to assess this Standard Version';
// Error messages worth mapping: "Invalid version for Standard".
export const INVALID_VERSION = 'Invalid version for Standard';
// Create / update EPA: ILR completion status Withdrawn (3) or Temporarily withdrawn (6).
export const WITHDRAWN_LEARNER = 'Cannot find the apprentice details';
// Corrections: "Incorrect version for learner" (certificate create and update only).
export const INCORRECT_VERSION = 'Incorrect version for learner';
// Shared request blocks: courseOption — "a different option → Incorrect course option for learner".
export const INCORRECT_OPTION = 'Incorrect course option for learner';
export const EARLIEST_DATE = '2017-01-01';

// Shared request blocks: learner.uln — long, 1000000000–9999999999 ("ULN not 10 digits").
export function ulnError(uln: number | undefined): string | null {
  if (uln !== undefined && Number.isInteger(uln) && uln >= 1_000_000_000 && uln <= 9_999_999_999) return null;
  return 'ULN should contain exactly 10 numbers'; // wording not in the summary
}

// Shared request blocks: learner.familyName — required ("family name missing").
export function familyNameError(familyName: string | undefined): string | null {
  return familyName?.trim() ? null : 'Family name is required'; // wording not in the summary
}

// Shared request blocks: standard — standardCode or standardReference, one of the two.
export function standardMissingError(standard: StandardRequest | undefined): string | null {
  if (standard?.standardCode !== undefined || standard?.standardReference) return null;
  return 'Standard code or standard reference is required'; // wording not in the summary
}

// Shared request blocks: standard.standardReference — "if both given they must be the same standard".
export const STANDARD_MISMATCH = 'StandardReference and StandardCode must be for the same Standard'; // wording not in the summary

// Corrections: "a POST/PUT item with no usable standard and no version makes the whole batch 500" —
// usable: the LARS code or the reference names a standard of the catalogue.
export function standardUsable(catalogue: readonly Standard[], request: StandardRequest | undefined): boolean {
  const reference = request?.standardReference?.toLowerCase();
  return catalogue.some((s) => s.larsCode === request?.standardCode || (!!reference && s.standardReference.toLowerCase() === reference));
}

/** Endpoints: `{standard}` is either the LARS code (integer) or the IfATE reference. */
export function standardFromPath(text: string): StandardRequest {
  return /^\d+$/.test(text) ? { standardCode: Number(text) } : { standardReference: text };
}

/**
 * Shared request blocks: standard — the LARS code or the IfATE reference (case aside) found in the
 * catalogue; `mismatch` when both are given and name different standards.
 */
export function resolveStandard(catalogue: readonly Standard[], request: StandardRequest | undefined): { standard?: Standard; mismatch: boolean } {
  const code = request?.standardCode;
  const reference = request?.standardReference?.toLowerCase();
  const byCode = code === undefined ? undefined : catalogue.find((s) => s.larsCode === code);
  const byReference = reference ? catalogue.find((s) => s.standardReference.toLowerCase() === reference) : undefined;
  if (code !== undefined && reference && byCode !== byReference) return { mismatch: true };
  return { standard: byCode ?? byReference, mismatch: false };
}

// Shared request blocks: learner — must exist for ULN + standard; familyName must equal the ILR
// family name, case-insensitive (no other normalising: no trimming either).
export function findLearner(learners: readonly IlrLearner[], uln: number | undefined, familyName: string | undefined, standardReference: string) {
  if (uln === undefined || familyName === undefined) return undefined;
  const reference = standardReference.toLowerCase();
  return learners.find((l) => l.uln === uln && l.standardReference.toLowerCase() === reference && l.familyName.toLowerCase() === familyName.toLowerCase());
}

// Create / update EPA: ILR completion status Withdrawn (3) or Temporarily withdrawn (6) → "Cannot find the apprentice details".
export function withdrawnError(completionStatus: CompletionStatus): string | null {
  return completionStatus === 3 || completionStatus === 6 ? WITHDRAWN_LEARNER : null;
}

// Create / update EPA: "EPAO must be approved for the standard and version" (and certificates alike).
export function approvalError(approvals: readonly Standard[], standard: Standard): string | null {
  return approvals.some((a) => a.standardReference.toLowerCase() === standard.standardReference.toLowerCase()) ? null : NOT_APPROVED;
}

/** Version numbers compared part by part ("1.10" after "1.9"). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

// Shared request blocks: learningDetails.version — "omitted → the existing certificate's version, else
// calculated from the learner's start date and each version's latest start date (not the ILR version)"
// (Corrections repeats it). Here: the highest version whose start-date window holds the learner's start
// date, else the highest version. A version without an earliest start date starts the day after the
// latest start date of the versions before it (open when none is given).
export function calculateVersion(standard: Standard, learnStartDate: string): string | undefined {
  const start = learnStartDate.slice(0, 10);
  const sorted = [...standard.versions].sort((a, b) => compareVersions(a.version, b.version));
  const fits = (v: StandardVersion, i: number) => {
    const closedBefore = sorted
      .slice(0, i)
      .map((p) => p.latestStartDate ?? '')
      .sort()
      .at(-1);
    const earliest = v.earliestStartDate ?? (closedBefore ? dayAfter(closedBefore) : '');
    return earliest <= start && (!v.latestStartDate || start <= v.latestStartDate);
  };
  return (sorted.filter(fits).at(-1) ?? sorted.at(-1))?.version;
}
const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

// Shared request blocks: learningDetails.version — "must exist and be a version the EPAO is approved for;
// certificates only: must equal the learner's confirmed version"; Corrections: "Incorrect version for
// learner" applies to certificate create and update only, EPAs are not compared with the ILR version.
export function versionErrors(standard: Standard, version: string, o: { certificate: boolean; ilrVersion?: string }): string[] {
  const found = standard.versions.find((v) => v.version === version);
  if (!found) return [INVALID_VERSION];
  if (found.approved === false) return [NOT_APPROVED_VERSION];
  if (o.certificate && o.ilrVersion && o.ilrVersion !== version) return [INCORRECT_VERSION];
  return [];
}

export const optionsOf = (standard: Standard, version: string): string[] => standard.versions.find((v) => v.version === version)?.options ?? [];

// Shared request blocks: courseOption — "must be empty if the version has none".
const NO_OPTIONS = 'No course option available for this Standard and version. Must be empty'; // wording not in the summary
// Error messages worth mapping: "invalid/forbidden course option (lists the valid ones)".
const invalidOption = (options: readonly string[]) => `Invalid course option for this Standard. Must be one of the following: ${options.join(', ')}`; // wording not in the summary

// Shared request blocks: courseOption, EPA — optional, matched as a substring of a listed option
// (Corrections: "optional on EPAs and matched as a substring"). The listed option found is kept.
export function epaCourseOption(options: readonly string[], given: string | undefined): { option?: string; errors: string[] } {
  if (!given) return { errors: [] };
  if (options.length === 0) return { errors: [NO_OPTIONS] };
  const found = options.find((o) => o.toLowerCase().includes(given.toLowerCase()));
  return found ? { option: found, errors: [] } : { errors: [invalidOption(options)] };
}

// Shared request blocks: courseOption, certificate — required when the version has options; the ILR
// option (if any) is what is checked against the list; a different option → "Incorrect course option
// for learner" (Corrections: "the ILR option taking precedence in that check").
export function certificateCourseOption(
  options: readonly string[],
  given: string | undefined,
  ilrOption: string | undefined,
): { option?: string; errors: string[] } {
  if (options.length === 0) return given ? { errors: [NO_OPTIONS] } : { errors: [] };
  const chosen = ilrOption || given;
  if (!chosen) return { errors: ['Course option is required for this Standard and version'] }; // wording not in the summary
  const found = options.find((o) => o.toLowerCase() === chosen.toLowerCase());
  if (!found) return { errors: [invalidOption(options)] };
  if (ilrOption && given && given.toLowerCase() !== ilrOption.toLowerCase()) return { errors: [INCORRECT_OPTION] };
  return { option: found, errors: [] };
}

// Create / update EPA: each epaDate ≥ 2017-01-01 and not in the future; Shared request blocks:
// achievementDate ≥ 2017-01-01, not in the future. Dates compared as days (YYYY-MM-DD); `today` is UK local.
export function dateError(label: string, date: string | undefined, today: string): string | null {
  if (!date) return `${label} is required`; // wording not in the summary
  const day = date.slice(0, 10);
  if (day < EARLIEST_DATE) return `${label} must not be before 01 01 2017`; // wording not in the summary
  if (day > today) return `${label} must not be in the future`; // wording not in the summary
  return null;
}

// Shared request blocks: postalContact.postCode "must match the UK postcode pattern".
const UK_POSTCODE = /^(GIR 0AA|[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2})$/i;
export const isUkPostcode = (postCode: string) => UK_POSTCODE.test(postCode);

// Shared request blocks: postalContact — contactName, addressLine1, city, postCode required (certificates).
export function postalContactErrors(contact: PostalContact | undefined): string[] {
  const errors: string[] = [];
  const required = [
    ['contactName', 'Contact name'],
    ['addressLine1', 'Address line 1'],
    ['city', 'City'],
    ['postCode', 'Postcode'],
  ] as const;
  for (const [field, label] of required) if (!contact?.[field]?.trim()) errors.push(`${label} is required`); // wording not in the summary
  const postCode = contact?.postCode?.trim();
  if (postCode && !isUkPostcode(postCode)) errors.push('Postcode is not a valid UK postcode'); // wording not in the summary
  return errors;
}

/** The UK local calendar day of an instant (Corrections: createdAt/submittedAt are UK local time). */
export function ukDay(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}
