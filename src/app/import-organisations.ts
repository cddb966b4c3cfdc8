// The organisations an import file names: training providers by UKPRN (provider_ukprn), and
// employers by the EPAO's own reference for them (employer_reference), instead of Capstone's
// ids. A reference on record names its employer; one not on record is
// a new employer only when the importer allows it (an EPAO admin's choice, made for the
// file), named by the file's employer_name, and written with the rows it serves, in the same
// transaction. Otherwise the row is refused naming the reference.
import { randomUUID } from 'node:crypto';
import { type Actor, may } from '../domain/access/access.ts';
import { appendAuditMany } from '../store/audit.ts';
import type { Db } from '../store/database.ts';
import { employersByReference, insertEmployers, providersByUkprn } from '../store/repositories/parties.repository.ts';
import { forbidden } from './errors.ts';
import { cell, EMPLOYER_NAME_COLUMN, EMPLOYER_REFERENCE_COLUMN, type ImportReason, PROVIDER_UKPRN_COLUMN } from './import-file.ts';

/** At most this long, as an organisation's name is. */
const MAX_REFERENCE = 100;
const MAX_EMPLOYER_NAME = 200;

export type NewEmployer = { id: string; name: string; reference: string };

/** The file's employer references, resolved once for the whole file. */
export type EmployerReferences = {
  /** A row's employer by reference: its id, or why not. */
  employerOf(reference: string): { id: string } | ImportReason;
  /** The employers the file creates, by id. */
  created: Map<string, NewEmployer>;
};

const fold = (reference: string) => reference.toLowerCase();

/** Reads the references the file names (one query) and decides which employers it would create. */
export async function employerReferences(
  db: Db,
  actor: Actor,
  columns: string[],
  records: { fields: string[] }[],
  createEmployers: boolean,
): Promise<EmployerReferences> {
  // Creating organisations is the EPAO's: a provider's file may name employers only.
  if (createEmployers && !may(actor, 'organisation.create')) throw forbidden('only the EPAO may create employers from an import');
  const k = columns.indexOf(EMPLOYER_REFERENCE_COLUMN);
  const named = columns.indexOf(EMPLOYER_NAME_COLUMN);
  const wanted = k < 0 ? [] : [...new Set(records.map((r) => cell(r.fields, k)).filter((ref) => ref !== '' && ref.length <= MAX_REFERENCE))];
  const known = new Map((await employersByReference(db, wanted)).map((e) => [fold(e.reference), e.id]));
  const created = new Map<string, NewEmployer>();
  const createdByReference = new Map<string, NewEmployer>();
  if (createEmployers)
    for (const record of records) {
      const reference = cell(record.fields, k);
      const name = cell(record.fields, named);
      if (reference === '' || reference.length > MAX_REFERENCE || known.has(fold(reference)) || createdByReference.has(fold(reference))) continue;
      if (name === '' || name.length > MAX_EMPLOYER_NAME) continue;
      const employer = { id: randomUUID(), name, reference };
      created.set(employer.id, employer);
      createdByReference.set(fold(reference), employer);
    }
  const column = EMPLOYER_REFERENCE_COLUMN;
  return {
    created,
    employerOf(reference) {
      if (reference.length > MAX_REFERENCE) return { code: 'VALIDATION_FAILED', column, message: `${column}: at most ${MAX_REFERENCE} characters` };
      const id = known.get(fold(reference)) ?? createdByReference.get(fold(reference))?.id;
      if (id) return { id };
      if (createEmployers)
        return { code: 'UNKNOWN_EMPLOYER', column, message: `${column}: "${reference}" is not on record; give its ${EMPLOYER_NAME_COLUMN} to create it` };
      return { code: 'UNKNOWN_EMPLOYER', column, message: `${column}: no employer has the reference "${reference}"` };
    },
  };
}

/** The providers the file names by UKPRN, read in one query: UKPRN to id. */
async function providerUkprns(db: Db, columns: string[], records: { fields: string[] }[]): Promise<Map<string, string>> {
  const k = columns.indexOf(PROVIDER_UKPRN_COLUMN);
  if (k < 0) return new Map();
  const wanted = [...new Set(records.map((r) => cell(r.fields, k)).filter((u) => /^\d{8}$/.test(u)))];
  return new Map((await providersByUkprn(db, wanted)).map((p) => [p.ukprn as string, p.id]));
}

/** A row's provider named by UKPRN, as an id; a reason when the UKPRN names no provider, or another than provider_id. */
export function providerOfUkprn(ukprn: string, providerId: string | undefined, ukprns: Map<string, string>): { id: string } | ImportReason {
  const id = ukprns.get(ukprn);
  const column = PROVIDER_UKPRN_COLUMN;
  if (!id) return { code: 'UNKNOWN_PROVIDER', column, message: `${column}: no training provider has the UKPRN "${ukprn}"` };
  if (providerId && providerId !== id) return { code: 'UNKNOWN_PROVIDER', column, message: `${column}: names another training provider than provider_id` };
  return { id };
}

/** Everything the file names by its own keys, resolved once for the whole file. */
export type NamedOrganisations = { ukprns: Map<string, string>; employers: EmployerReferences };

export async function namedOrganisations(
  db: Db,
  actor: Actor,
  columns: string[],
  records: { fields: string[] }[],
  createEmployers: boolean,
): Promise<NamedOrganisations> {
  return { ukprns: await providerUkprns(db, columns, records), employers: await employerReferences(db, actor, columns, records, createEmployers) };
}

/** The new employers, written with the rows that name them, each audited. */
export async function writeEmployers(trx: Db, actor: Actor, employers: readonly NewEmployer[]): Promise<void> {
  if (employers.length === 0) return;
  await insertEmployers(trx, employers);
  await appendAuditMany(
    trx,
    employers.map((e) => ({
      actorId: actor.userId,
      actor: actor.name,
      action: 'create',
      entity: 'organisation',
      entityId: e.id,
      after: { kind: 'employer', name: e.name, reference: e.reference, from: 'import' },
    })),
  );
}

/** Another employer took one of the file's references between the reading and the writing. */
export const isSameReference = (error: unknown): boolean => (error as { constraint?: string })?.constraint === 'organisations_employer_reference';
