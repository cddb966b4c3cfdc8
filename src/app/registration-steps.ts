// The steps of one registration: read the people and active records
// behind the ULN, then either write the apprentice and the EPA record, or hold the
// registration as a clash for the EPAO (domain/registration/clash.ts decides which).
//
// An apprentice row is a person with one training provider and one employer: who sees an
// EPA record is decided through it (domain/access/access.ts). So one person may have a row
// per provider and employer, and every row of a ULN holds the same person (family name and
// date of birth, domain/registration/identity.ts), which the database also enforces
// (apprentices_one_person_per_uln, migration 007). A registration for a person already on
// record with the same provider and employer adds its EPA record to that row: never a
// second copy of the person beside it.

import { randomUUID } from 'node:crypto';
import type { Actor } from '../domain/access/access.ts';
import { CLOSED_STATUSES } from '../domain/lifecycle/record-lifecycle.ts';
import { identityKey, ulnNamesOneLearner } from '../domain/registration/identity.ts';
import type { Db } from '../store/database.ts';
import { type ApprenticeRow, insertRegistration, type LearnerRow, peopleOfUlns, registrationFacts } from '../store/repositories/registration.repository.ts';
import type { RecordStatus } from '../store/schema.ts';

export type { ApprenticeRow };

export type ActiveRecord = { id: string; standard: string; standardCode: string; providerId: string };

/** Everyone on record under one ULN, and the EPA records still active for it, by standard code. */
export type Learner = { rows: ApprenticeRow[]; active: Map<string, ActiveRecord> };

/** A record in one of these is closed (the record's lifecycle): another may be opened beside it. */
export const ACTIVE_EXCLUDES = CLOSED_STATUSES;

/** The people and active records of these ULNs (the temporary ULN is no one, and is left out). */
export async function learnersByUln(db: Db, ulns: readonly string[]): Promise<Map<string, Learner>> {
  const learners = new Map<string, Learner>();
  const distinct = [...new Set(ulns.filter(ulnNamesOneLearner))];
  for (const r of await peopleOfUlns(db, distinct, ACTIVE_EXCLUDES)) {
    const learner = learners.get(r.uln) ?? noOne();
    learners.set(r.uln, learner);
    addLearnerRow(learner, r);
  }
  return learners;
}

function addLearnerRow(learner: Learner, r: LearnerRow): void {
  if (!learner.rows.some((a) => a.id === r.id))
    learner.rows.push({
      id: r.id,
      uln: r.uln,
      givenNames: r.givenNames,
      familyName: r.familyName,
      dateOfBirth: r.dateOfBirth,
      email: r.email,
      ehcp: r.ehcp,
      providerId: r.providerId,
      employerId: r.employerId,
    });
  if (r.recordId && r.standardCode && r.standard)
    learner.active.set(r.standardCode, { id: r.recordId, standard: r.standard, standardCode: r.standardCode, providerId: r.providerId });
}

export const noOne = (): Learner => ({ rows: [], active: new Map() });

export type Organisations = Map<string, { kind: string; name: string }>;

/**
 * What a registration reads, in one round trip: the organisations it names and the
 * people and active records of its ULN (no one for the temporary ULN).
 */
export async function registrationReads(db: Db, organisationIds: readonly string[], uln: string): Promise<{ organisations: Organisations; learner: Learner }> {
  const row = await registrationFacts(db, organisationIds, uln, ulnNamesOneLearner(uln), ACTIVE_EXCLUDES);
  const learner = noOne();
  for (const r of row.learner) addLearnerRow(learner, r);
  return { organisations: new Map(row.organisations.map((o) => [o.id, { kind: o.kind, name: o.name }])), learner };
}

/** One ULN's people and active records (no one for the temporary ULN). */
export async function learnerOf(db: Db, uln: string): Promise<Learner> {
  return (await learnersByUln(db, [uln])).get(uln) ?? noOne();
}

/** The row this person already has with this provider and employer, if any. */
export const rowWith = (learner: Learner, providerId: string, employerId: string): ApprenticeRow | undefined =>
  learner.rows.find((r) => r.providerId === providerId && r.employerId === employerId);

export type NewApprentice = Omit<ApprenticeRow, 'id'>;

export type Person = Pick<ApprenticeRow, 'givenNames' | 'familyName' | 'dateOfBirth'>;

/**
 * A new row for a person already on record (with another provider or employer) carries
 * the person as recorded, not as this registration spelt them: the names and date of
 * birth are the person's, the email and EHC plan the registration's.
 */
export const asPerson = (apprentice: NewApprentice, person: Person | undefined): NewApprentice =>
  person ? { ...apprentice, givenNames: person.givenNames, familyName: person.familyName, dateOfBirth: person.dateOfBirth } : apprentice;

/** The row's values with the identity key the database compares (null for the temporary ULN, as the constraint exempts it). */
export const apprenticeValues = (id: string, a: NewApprentice) => ({
  id,
  uln: a.uln,
  givenNames: a.givenNames,
  familyName: a.familyName,
  dateOfBirth: a.dateOfBirth,
  email: a.email,
  ehcp: a.ehcp,
  providerId: a.providerId,
  employerId: a.employerId,
  identityKey: ulnNamesOneLearner(a.uln) ? identityKey(a) : null,
});

/** Postgres exclusion violation on apprentices_one_person_per_uln: a different person under the ULN, written meanwhile. */
export function isSecondPerson(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string; message?: string };
  return e?.code === '23P01' && `${e.constraint ?? ''}${e.message ?? ''}`.includes('apprentices_one_person_per_uln');
}

/** What validateRegistration (records.ts) returns: the values to write. */
export type RegistrationValues = {
  apprentice: NewApprentice;
  record: {
    uln: string;
    standard: string;
    standardCode: string;
    policy: string | null;
    status: RecordStatus;
    startDate: string;
    plannedEndDate: string | null;
    registeredOn: string;
    channel: 'face-to-face' | 'non-facing' | 'both' | null;
    courseOption?: string | null;
    extraTimePercent: number;
    adjustments: string | null;
    updatedAt: Date;
  };
};

/**
 * Writes the EPA record under the person's row with this provider and employer (a new row
 * when there is none), and its 'register' audit entry. A new row and the record go in one
 * statement, so a registration stays a few round trips.
 */
export async function writeRegistration(
  db: Db,
  actor: Actor,
  valid: RegistrationValues,
  learner: Learner,
  audited: Record<string, unknown> = {},
): Promise<{ recordId: string; apprentice: ApprenticeRow }> {
  const recordId = randomUUID();
  const { record } = valid;
  const existing = ulnNamesOneLearner(record.uln) ? rowWith(learner, valid.apprentice.providerId, valid.apprentice.employerId) : undefined;
  const apprentice = existing ?? { id: randomUUID(), ...asPerson(valid.apprentice, learner.rows[0]) };
  // The person (if new), the record and the audit entry in ONE statement: atomic on its own,
  // so a registration needs no BEGIN and COMMIT round trips around it.
  const audit = {
    actorId: actor.userId,
    actor: actor.name,
    action: 'register',
    entity: 'epa-record',
    entityId: recordId,
    after: { ...valid.apprentice, ...valid.record, apprenticeId: apprentice.id, samePersonAs: learner.rows[0]?.id ?? null, ...audited },
  };
  await insertRegistration(
    db,
    { id: recordId, ...record },
    existing ? { existingId: existing.id } : { row: apprenticeValues(apprentice.id, apprentice) },
    audit,
  );
  return { recordId, apprentice };
}

export {
  type ClashRequest,
  type ClashStatus,
  HELD_MESSAGE,
  type HeldRegistration,
  heldView,
  isSameClash,
  londonDateOf,
  openClash,
} from './held-registrations.ts';
