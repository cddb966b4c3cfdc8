// The Assessor Service External API's validation rules, as the summary states them
// (shared/interop/dfe-assessor-external-api.md; section names in each comment), as pure
// functions: kept apart from the fake's state so they can be checked against the real API
// when a sandbox key exists. Wording is the summary's where it gives it.

export type Learner = {
  uln: number;
  familyName: string;
  givenNames: string;
  standardReference: string;
  learnStartDate: string;
  completionStatus: 1 | 2 | 3 | 6;
  version?: string;
  courseOption?: string;
  providerUkprn?: number;
};
export type Approval = { standardReference: string; larsCode: number; title: string; level: number; versions: { version: string; options: string[] }[] };

// "Create / update certificate": the grades accepted, normalised.
export const GRADES = ['Pass', 'Credit', 'Merit', 'Distinction', 'Pass with excellence', 'Outstanding', 'No grade awarded'] as const;
export const normaliseGrade = (g: unknown): string | null =>
  typeof g === 'string' ? (GRADES.find((x) => x.toLowerCase() === g.trim().toLowerCase()) ?? null) : null;

// "Create / update EPA": epaOutcome ∈ Pass | Fail | Withdrawn, case-insensitive, normalised.
export const OUTCOMES = ['Pass', 'Fail', 'Withdrawn'] as const;
export const normaliseOutcome = (o: unknown): string | null =>
  typeof o === 'string' ? (OUTCOMES.find((x) => x.toLowerCase() === o.trim().toLowerCase()) ?? null) : null;

// "Shared request blocks": postalContact postcode must match the UK postcode pattern.
const POSTCODE = /^([A-Z]{1,2}[0-9][0-9A-Z]?\s?[0-9][A-Z]{2}|GIR\s?0AA)$/i;
export const isPostcode = (p: unknown) => typeof p === 'string' && POSTCODE.test(p.trim());

// "Shared request blocks": learner.uln 1000000000–9999999999.
export const ulnProblem = (uln: unknown): string | null =>
  typeof uln === 'number' && Number.isInteger(uln) && uln >= 1_000_000_000 && uln <= 9_999_999_999
    ? null
    : 'The apprentice’s ULN should contain exactly 10 numbers';

// "Create / update EPA" and "Shared request blocks": a date ≥ 2017-01-01 and not in the future.
export function dateProblem(what: string, date: unknown, today: string): string | null {
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(date)) return `${what} is required`;
  const day = date.slice(0, 10);
  if (day < '2017-01-01') return `${what} must be after 01 01 2017`; // wording not in the summary
  if (day > today) return `${what} cannot be in the future`; // wording not in the summary
  return null;
}

// "Shared request blocks": standard is the LARS code or the IfATE reference; both given must name the same standard.
export function findApproval(approvals: readonly Approval[], standard: { standardCode?: unknown; standardReference?: unknown } | undefined) {
  const code = standard?.standardCode;
  const reference = typeof standard?.standardReference === 'string' ? standard.standardReference : undefined;
  const byCode = typeof code === 'number' ? approvals.find((a) => a.larsCode === code) : undefined;
  const byRef = reference ? approvals.find((a) => a.standardReference.toLowerCase() === reference.toLowerCase()) : undefined;
  if (code === undefined && reference === undefined) return { error: 'A standard should be selected' }; // wording not in the summary
  if (code !== undefined && reference !== undefined && byCode !== byRef) return { error: 'StandardReference and StandardCode must be for the same Standard' };
  const approval = byCode ?? byRef;
  if (!approval) return { error: 'Your organisation is not approved to assess this Standard' };
  return { approval };
}

// "Shared request blocks": learner.familyName must equal the ILR family name, case-insensitive (no other normalising).
export function findLearner(learners: readonly Learner[], uln: unknown, familyName: unknown, standardReference: string): Learner | undefined {
  if (typeof familyName !== 'string') return undefined;
  return learners.find((l) => l.uln === uln && l.standardReference === standardReference && l.familyName.toLowerCase() === familyName.toLowerCase());
}

// "Shared request blocks": version must exist and be approved; "Create / update EPA": ILR withdrawn (3) or temporarily withdrawn (6).
export function learnerErrors(approval: Approval, learner: Learner | undefined, version: unknown, batchItem: boolean): string[] {
  if (!learner) return [batchItem ? 'ULN, FamilyName and Standard not found.' : 'ULN, FamilyName and Standard not found'];
  if (learner.completionStatus === 3 || learner.completionStatus === 6) return ['Cannot find the apprentice details'];
  if (version !== undefined && version !== null && !approval.versions.some((v) => v.version === version)) return ['Invalid version for Standard'];
  return [];
}

// "Shared request blocks": courseOption must be empty when the version has none; EPA: matched as a substring of a listed option.
export function optionErrors(approval: Approval, version: string, option: unknown, certificate: boolean): string[] {
  const options = approval.versions.find((v) => v.version === version)?.options ?? [];
  if (options.length === 0) return option ? ['No course option available for this Standard and version. Must be empty'] : [];
  if (!option) return certificate ? ['Course option is required for this Standard and version'] : []; // wording not in the summary
  const fits = certificate ? options.includes(String(option)) : options.some((o) => o.toLowerCase().includes(String(option).toLowerCase()));
  return fits ? [] : [`Invalid course option for this Standard. Must be one of the following: ${options.join(', ')}`];
}

// "Create / update certificate": the postal contact's mandatory fields and postcode.
export function postalErrors(contact: Record<string, unknown> | undefined): string[] {
  if (!contact) return ['Postal contact is required']; // wording not in the summary
  const errors: string[] = [];
  for (const [field, name] of [
    ['contactName', 'Contact name'],
    ['addressLine1', 'Address line 1'],
    ['city', 'City'],
    ['postCode', 'Postcode'],
  ] as const)
    if (typeof contact[field] !== 'string' || !(contact[field] as string).trim()) errors.push(`${name} is required`);
  if (typeof contact.postCode === 'string' && contact.postCode.trim() && !isPostcode(contact.postCode)) errors.push('Postcode is not valid');
  return errors;
}

// "Submit certificate": refused when mandatory data is missing (contact organisation included).
export function missingForSubmit(c: {
  givenNames?: string;
  familyName?: string;
  grade?: string;
  achievementDate?: string;
  contact?: Record<string, unknown>;
}): boolean {
  const k = c.contact ?? {};
  return !c.givenNames || !c.familyName || !c.grade || !c.achievementDate || !k.contactName || !k.organisation || !k.addressLine1 || !k.city || !k.postCode;
}
