// Who a ULN belongs to. The Learning Records Service issues a learner one ULN for life
// and holds the learner's identity against it, so a ULN already on record names one
// person: a registration that gives it to someone else is a mistake (or a guess), never
// a second person to store. The temporary ULN is the exception: the LRS's placeholder
// while a real ULN is awaited, shared by many people, so it identifies no one.
//
// Same person means the same family name and the same date of birth. The family name is
// compared as its letters and digits only, without accents and without case ("O’Brien",
// "o'brien" and "OBRIEN" match; "Zoë" matches "Zoe"; "Smith-Jones" matches "Smith Jones"),
// because the same name is keyed in many ways. Given names are not compared: the same
// person is registered as "Mohammed" and "Muhammad", with and without a middle name,
// and neither family name nor date of birth changes with that.
import { TEMPORARY_ULN } from '../gateway/uln.ts';
import type { Finding } from '../outcome.ts';

export const ULN_IDENTITY_SOURCE =
  'Learning Records Service, "LRS: unique learner numbers" (GOV.UK): a learner keeps the same ULN for life, and the LRS holds the learner’s identity details against it';

export type LearnerIdentity = { familyName: string; dateOfBirth: string };

/** Whether this ULN names one learner (every ULN but the temporary one). */
export const ulnNamesOneLearner = (uln: string): boolean => uln !== TEMPORARY_ULN;

/** Letters Unicode does not decompose into a base letter and an accent, as they are written without it. */
const FOLDED: Record<string, string> = { ł: 'l', ø: 'o', đ: 'd', ð: 'd', ħ: 'h', ı: 'i', ŧ: 't', ß: 'ss', æ: 'ae', œ: 'oe', þ: 'th' };

/** The family name as compared: letters and digits, accents dropped, lower case. */
export function familyNameKey(familyName: string): string {
  return familyName
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[łøđðħıŧßæœþ]/gu, (c) => FOLDED[c] ?? c)
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** One string per person: equal keys are the same person. The database keeps it beside each apprentice, so it can refuse a second person under one ULN. */
export const identityKey = (person: LearnerIdentity): string => `${familyNameKey(person.familyName)}|${person.dateOfBirth}`;

export const sameLearner = (a: LearnerIdentity, b: LearnerIdentity): boolean => identityKey(a) === identityKey(b);

export const IDENTITY_MISMATCH_MESSAGE = 'this ULN is registered to a different person: check the ULN, family name and date of birth against the ILR';

/**
 * Whether registering `claimed` under `uln` would give the ULN a second person: the
 * finding when any person on record under it differs, null when it does not (or the
 * ULN is the temporary one). The finding says nothing about who is on record.
 */
export function identityMismatch(uln: string, claimed: LearnerIdentity, onRecord: readonly LearnerIdentity[]): Finding | null {
  if (!ulnNamesOneLearner(uln)) return null;
  if (onRecord.every((person) => sameLearner(person, claimed))) return null;
  return { code: 'ULN_IDENTITY_MISMATCH', message: IDENTITY_MISMATCH_MESSAGE, source: ULN_IDENTITY_SOURCE };
}
