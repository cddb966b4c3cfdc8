// The items Capstone sends to the Assessor Service External API, in its own field names
// (shared/interop/dfe-assessor-external-api.md, "Shared request blocks", "Create / update
// EPA", "Create / update certificate", "Submit certificate"), and the checks an item must
// pass before it is sent: what the API would refuse for certain is never sent, and says why.
import { TEMPORARY_ULN } from '../gateway/uln.ts';
import type { Finding } from '../outcome.ts';
import type { DfeEpa } from './outcomes.ts';
import { isUkPostcode } from './postcode.ts';

const API = 'DfE Assessor Service External API (shared/interop/dfe-assessor-external-api.md)';

/** The learner as the ILR holds them, and the standard version they are assessed on. */
export type DfeLearner = { uln: string; familyName: string; standardReference: string; larsCode: number | null; version: string; courseOption: string | null };

export type PostalContact = {
  contactName: string;
  department?: string | null;
  organisation: string;
  addressLine1: string;
  addressLine2?: string | null;
  addressLine3?: string | null;
  city: string;
  postCode: string;
};

/** The batch endpoints take at most this many items ("Batch limited to 25 requests"). */
export const DFE_BATCH_LIMIT = 25;
/** The earliest EPA or achievement date the API accepts. */
const EARLIEST = '2017-01-01';

const standardOf = (l: DfeLearner) =>
  l.larsCode !== null ? { standardCode: l.larsCode, standardReference: l.standardReference } : { standardReference: l.standardReference };
const learnerOf = (l: DfeLearner) => ({ uln: Number(l.uln), familyName: l.familyName });
const details = (l: DfeLearner) => ({ version: l.version, ...(l.courseOption ? { courseOption: l.courseOption } : {}) });

/** POST epa (no reference) or PUT epa (the reference the first answer gave): the whole list of outcomes. */
export function epaItem(requestId: string, learner: DfeLearner, epas: readonly DfeEpa[], epaReference: string | null) {
  return {
    requestId,
    ...(epaReference ? { epaReference } : {}),
    standard: standardOf(learner),
    learner: learnerOf(learner),
    learningDetails: details(learner),
    epaDetails: { epas: [...epas] },
  };
}

/** POST certificate (fills the EPA's Draft shell) or PUT certificate (amends a Draft with a grade). */
export function certificateItem(
  requestId: string,
  learner: DfeLearner,
  grade: 'Pass' | 'Distinction',
  achievementDate: string,
  contact: PostalContact,
  certificateReference: string | null,
) {
  return {
    requestId,
    ...(certificateReference ? { certificateReference } : {}),
    standard: standardOf(learner),
    learner: learnerOf(learner),
    learningDetails: { ...details(learner), overallGrade: grade, achievementDate },
    postalContact: contact,
  };
}

/** POST certificate/submit: the certificate DfE prints and posts. */
export function submitItem(requestId: string, learner: DfeLearner, certificateReference: string) {
  return { requestId, uln: Number(learner.uln), ...standardOf(learner), familyName: learner.familyName, certificateReference };
}

const problem = (code: string, message: string): Finding => ({ code, message, source: API });

/** What the API would refuse of any item about this learner. */
export function learnerProblems(l: DfeLearner): Finding[] {
  const out: Finding[] = [];
  if (l.uln === TEMPORARY_ULN)
    out.push(problem('DFE_TEMPORARY_ULN', 'the record still has the temporary ULN 9999999999: record the real ULN before it is sent'));
  else if (!/^[1-9]\d{9}$/.test(l.uln)) out.push(problem('DFE_ULN_INVALID', `the ULN ${l.uln} is not 10 digits`));
  if (!l.familyName.trim()) out.push(problem('DFE_FAMILY_NAME_MISSING', 'the family name as the ILR holds it is missing'));
  if (!l.version) out.push(problem('DFE_VERSION_MISSING', 'the standard version is missing'));
  return out;
}

const dateProblems = (what: string, date: string, today: string): Finding[] =>
  date < EARLIEST
    ? [problem('DFE_DATE_TOO_EARLY', `the ${what} ${date} is before ${EARLIEST}`)]
    : date > today
      ? [problem('DFE_DATE_IN_FUTURE', `the ${what} ${date} is in the future`)]
      : [];

/** What the API would refuse of an EPA item: no outcome, or a date before 2017 or after today. */
export function epaProblems(learner: DfeLearner, epas: readonly DfeEpa[], today: string): Finding[] {
  const out = learnerProblems(learner);
  if (epas.length === 0) out.push(problem('DFE_NO_OUTCOME', 'there is no EPA outcome to send yet'));
  for (const e of epas) out.push(...dateProblems('EPA date', e.epaDate, today));
  return out;
}

/** What the API would refuse of a certificate: the learner, the achievement date, and a postal contact it cannot post to. */
export function certificateProblems(learner: DfeLearner, achievementDate: string, contact: PostalContact | null, today: string): Finding[] {
  const out = [...learnerProblems(learner), ...dateProblems('achievement date', achievementDate, today)];
  if (!contact) return [...out, problem('DFE_POSTAL_CONTACT_MISSING', 'the certificate has no postal contact: DfE posts it there')];
  const missing = (['contactName', 'organisation', 'addressLine1', 'city', 'postCode'] as const).filter((f) => !contact[f]?.trim());
  if (missing.length > 0) out.push(problem('DFE_POSTAL_CONTACT_INCOMPLETE', `the postal contact needs ${missing.join(', ')}`));
  if (contact.postCode?.trim() && !isUkPostcode(contact.postCode)) out.push(problem('DFE_POSTCODE_INVALID', `${contact.postCode} is not a UK postcode`));
  return out;
}
