// The rows of a CSV import decided together, as requestRegistration (records.ts) decides
// one registration: one person per ULN (against the records, then within the file), one
// active EPA record per ULN and standard, a clash with another provider held for the EPAO.
// bulk-import.ts validates the rows before and writes what this decides after.

import { randomUUID } from 'node:crypto';
import { registrationRoute } from '../domain/registration/clash.ts';
import { identityMismatch, sameLearner, ulnNamesOneLearner } from '../domain/registration/identity.ts';
import type { Db } from '../store/database.ts';
import { openClashesOf } from '../store/repositories/registration-clashes.repository.ts';
import type { ImportReason } from './import-file.ts';
import type { RegisterRequest } from './inputs.ts';
import type { validateRegistration } from './records.ts';
import { learnersByUln, noOne, type Person, rowWith } from './registration-steps.ts';

export type Valid = Awaited<ReturnType<typeof validateRegistration>>;
export type Candidate = { index: number; line: number; valid: Valid };
/** A row to register: under the person's row with its provider and employer (`newApprentice` when the file brings that row). */
export type Accepted = Candidate & { apprenticeId: string; newApprentice: boolean; recordId: string; person?: Person };
/** A row held for the EPAO: a new held registration, or one already open for the same ULN, standard and provider. */
export type Held = Candidate & { clashId: string; existingRecordId: string; isNew: boolean };

/** Each validated row, in file order: refused (through `reject`), held for the EPAO, or to register. */
export async function decideRows(
  db: Db,
  candidates: Candidate[],
  reject: (index: number, uln: string, reasons: ImportReason[]) => void,
): Promise<{ accepted: Accepted[]; held: Held[] }> {
  const ulns = candidates.map((c) => c.valid.record.uln);
  const learners = await learnersByUln(db, ulns);
  const open = await openClashes(db, ulns);
  const firstLine = new Map<string, number>();
  const personInFile = new Map<string, { line: number; person: Person }>();
  const newRows = new Map<string, string>();
  const accepted: Accepted[] = [];
  const held: Held[] = [];
  for (const c of candidates) {
    const { uln, standardCode } = c.valid.record;
    const { providerId, employerId } = c.valid.apprentice;
    if (!ulnNamesOneLearner(uln)) {
      accepted.push({ ...c, apprenticeId: randomUUID(), newApprentice: true, recordId: randomUUID() });
      continue;
    }
    const learner = learners.get(uln) ?? noOne();
    const mismatch = identityMismatch(uln, c.valid.apprentice, learner.rows);
    if (mismatch) {
      reject(c.index, uln, [{ code: mismatch.code, message: mismatch.message }]);
      continue;
    }
    const earlier = personInFile.get(uln);
    if (earlier && !sameLearner(earlier.person, c.valid.apprentice)) {
      const message = `line ${earlier.line} of this file gives ULN ${uln} to a different person: check the ULN, family name and date of birth against the ILR`;
      reject(c.index, uln, [{ code: 'ULN_IDENTITY_MISMATCH', message }]);
      continue;
    }
    const active = learner.active.get(standardCode) ?? null;
    const route = registrationRoute(uln, providerId, active);
    if (route === 'duplicate') {
      reject(c.index, uln, [{ code: 'DUPLICATE_REGISTRATION', message: `ULN ${uln} already has an active EPA record for ${standardCode}` }]);
      continue;
    }
    const key = `${uln}|${standardCode}`;
    const earlierLine = firstLine.get(key);
    if (earlierLine !== undefined) {
      reject(c.index, uln, [{ code: 'DUPLICATE_IN_FILE', message: `ULN ${uln} for ${standardCode} is already on line ${earlierLine} of this file` }]);
      continue;
    }
    firstLine.set(key, c.line);
    if (!earlier) personInFile.set(uln, { line: c.line, person: c.valid.apprentice });
    if (route === 'hold' && active) {
      const openId = open.get(`${key}|${providerId}`);
      held.push({ ...c, clashId: openId ?? randomUUID(), existingRecordId: active.id, isNew: openId === undefined });
      continue;
    }
    // The person's row with this provider and employer: on record, earlier in the file, or new.
    const personKey = `${uln}|${providerId}|${employerId}`;
    const apprenticeId = rowWith(learner, providerId, employerId)?.id ?? newRows.get(personKey);
    if (apprenticeId) accepted.push({ ...c, apprenticeId, newApprentice: false, recordId: randomUUID() });
    else {
      const id = randomUUID();
      newRows.set(personKey, id);
      // The person as first recorded: on record already, or on the file's first line for this ULN.
      accepted.push({ ...c, apprenticeId: id, newApprentice: true, recordId: randomUUID(), person: learner.rows[0] ?? personInFile.get(uln)?.person });
    }
  }
  return { accepted, held };
}

/** The open held registrations of these ULNs, by "uln|standard code|requesting provider". */
async function openClashes(db: Db, ulns: string[]): Promise<Map<string, string>> {
  const open = new Map<string, string>();
  const distinct = [...new Set(ulns.filter(ulnNamesOneLearner))];
  for (const r of await openClashesOf(db, distinct)) open.set(`${r.uln}|${r.standardCode}|${r.requestedProviderId}`, r.id);
  return open;
}

/** The registration request a held row stands for, as a single registration stores it: what the EPAO registers on transfer. */
export function requestOf(valid: Valid): RegisterRequest {
  const { apprentice, record } = valid;
  return {
    uln: apprentice.uln,
    givenNames: apprentice.givenNames,
    familyName: apprentice.familyName,
    dateOfBirth: apprentice.dateOfBirth,
    ...(apprentice.email ? { email: apprentice.email } : {}),
    ehcp: apprentice.ehcp,
    providerId: apprentice.providerId,
    employerId: apprentice.employerId,
    standard: record.standard,
    policy: record.policy,
    startDate: record.startDate,
    ...(record.plannedEndDate ? { plannedEndDate: record.plannedEndDate } : {}),
    ...(record.channel ? { channel: record.channel } : {}),
    extraTimePercent: record.extraTimePercent,
    ...(record.adjustments ? { adjustments: record.adjustments } : {}),
  };
}
