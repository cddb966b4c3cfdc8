// Finding what a request names in the fake's state: the standard, the ILR learner, the EPAO's approval,
// the version, the learner's certificate record (shared/interop/dfe-assessor-external-api.md,
// "Shared request blocks", "Corrections"). Reads only; service.ts makes the changes.

import {
  approvalError,
  calculateVersion,
  familyNameError,
  findLearner,
  INCORRECT_VERSION,
  INVALID_VERSION,
  learnerNotFound,
  resolveStandard,
  STANDARD_MISMATCH,
  standardFromPath,
  standardMissingError,
  standardUsable,
  ulnError,
  versionErrors,
  withdrawnError,
} from './rules.ts';
import { isLive } from './rules-certificates.ts';
import type { CertificateRecord, IlrLearner, Standard, StandardRequest } from './types.ts';

export type State = {
  readonly standards: readonly Standard[];
  readonly approvals: readonly Standard[];
  readonly learners: readonly IlrLearner[];
  readonly certificates: readonly CertificateRecord[];
};
export type Found<T> = { errors: string[]; value?: T };
/** `existing`: the learner's record for the standard, Deleted included (one per learner and standard). */
export type Identified = { learner: IlrLearner; standard: Standard; existing?: CertificateRecord; version: string };
type Item = { standard?: StandardRequest; learner?: { uln?: number; familyName?: string }; learningDetails?: { version?: string } };
/**
 * Corrections: "a version/standard mismatch in one item suppresses the version checks for later items of the
 * same batch (validator state is per request)": set by a standardCode/standardReference mismatch or an invalid
 * version; afterwards "Invalid version for Standard" and the version approval are no longer checked.
 */
export type Batch = { versionChecksOff: boolean };

/** Corrections: "a POST/PUT item with no usable standard and no version makes the whole batch 500". */
export class BatchFailure extends Error {}

export function recordOf(state: State, learner: IlrLearner, standard: Standard) {
  return state.certificates.find((c) => c.uln === learner.uln && c.standardReference === standard.standardReference);
}

/** Corrections: no usable standard and no version in any item → the whole batch fails before any item is done. */
export function guardBatch(state: State, items: readonly Item[]): void {
  for (const item of items)
    if (!standardUsable(state.standards, item.standard) && !item.learningDetails?.version) throw new BatchFailure('no usable standard and no version');
}

/**
 * Shared request blocks, for an EPA or certificate item: ULN, family name, standard; then the learner
 * (Create / update EPA: not withdrawn), the approval, the version — omitted → the live certificate's,
 * else calculated from the learner's start date.
 */
export function identify(state: State, item: Item, batch: Batch, certificate: boolean): Found<Identified> {
  const errors = [ulnError(item.learner?.uln), familyNameError(item.learner?.familyName), standardMissingError(item.standard)].filter((e) => e !== null);
  const { standard, mismatch } = resolveStandard(state.standards, item.standard);
  if (mismatch) {
    errors.push(STANDARD_MISMATCH);
    batch.versionChecksOff = true;
  }
  if (errors.length) return { errors };
  const learner = standard && findLearner(state.learners, item.learner?.uln, item.learner?.familyName, standard.standardReference);
  if (!standard || !learner) return { errors: [learnerNotFound(true)] };
  const refused = (certificate ? null : withdrawnError(learner.completionStatus)) ?? approvalError(state.approvals, standard);
  if (refused) return { errors: [refused] };
  const existing = recordOf(state, learner, standard);
  const version = item.learningDetails?.version || (isLive(existing) ? existing.version : undefined) || calculateVersion(standard, learner.learnStartDate);
  if (!version) return { errors: [INVALID_VERSION] };
  const versionProblems = versionErrors(standard, version, { certificate, ilrVersion: learner.version });
  errors.push(...versionProblems.filter((e) => !batch.versionChecksOff || e === INCORRECT_VERSION));
  if (versionProblems.includes(INVALID_VERSION)) batch.versionChecksOff = true;
  return { errors, value: { learner, standard, existing, version } };
}

/** GET learner / certificate and DELETE: the path's ULN, family name and standard (messages without the full stop). */
export function lookupPath(
  state: State,
  uln: number,
  familyName: string,
  standardText: string,
): Found<{ learner: IlrLearner; standard: Standard; record?: CertificateRecord }> {
  const errors = [ulnError(uln), familyNameError(familyName)].filter((e) => e !== null);
  if (errors.length) return { errors };
  const standard = resolveStandard(state.standards, standardFromPath(standardText)).standard;
  const learner = standard && findLearner(state.learners, uln, familyName, standard.standardReference);
  if (!standard || !learner) return { errors: [learnerNotFound(false)] };
  const record = recordOf(state, learner, standard);
  return { errors: [], value: { learner, standard, record: isLive(record) ? record : undefined } };
}
