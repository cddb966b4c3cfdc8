// Organisations and apprentices by id or kind: the names forms and relationships show.
import { sql } from 'kysely';
import type { Db } from '../database.ts';

export type OrganisationKind = 'provider' | 'employer';

/** Employers and training providers (never the EPAO itself), by name. */
export async function organisationsOfKind(
  db: Db,
  kinds: readonly OrganisationKind[],
): Promise<{ id: string; kind: string; name: string; ukprn: string | null; reference: string | null }[]> {
  return db.selectFrom('organisations').select(['id', 'kind', 'name', 'ukprn', 'reference']).where('kind', 'in', kinds).orderBy('name').orderBy('id').execute();
}

/** Training providers by UKPRN, for the UKPRNs given. */
export async function providersByUkprn(db: Db, ukprns: readonly string[]): Promise<{ id: string; ukprn: string | null }[]> {
  if (ukprns.length === 0) return [];
  return db.selectFrom('organisations').select(['id', 'ukprn']).where('kind', '=', 'provider').where('ukprn', 'in', ukprns).execute();
}

export async function apprenticeNames(db: Db, ids: readonly string[]): Promise<{ id: string; givenNames: string; familyName: string; uln: string }[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('apprentices').select(['id', 'givenNames', 'familyName', 'uln']).where('id', 'in', ids).execute();
}

export async function organisationNames(db: Db, ids: readonly string[]): Promise<{ id: string; name: string; kind: string }[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('organisations').select(['id', 'name', 'kind']).where('id', 'in', ids).execute();
}

/** The kind of each organisation named. */
export async function organisationKindsOf(db: Db, ids: readonly string[]): Promise<{ id: string; kind: string }[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('organisations').select(['id', 'kind']).where('id', 'in', ids).execute();
}

/** Employers by their reference, for the references given (case aside). */
export async function employersByReference(db: Db, references: readonly string[]): Promise<{ id: string; name: string; reference: string }[]> {
  if (references.length === 0) return [];
  const rows = await db
    .selectFrom('organisations')
    .select(['id', 'name', 'reference'])
    .where('kind', '=', 'employer')
    .where(
      sql<string>`lower(reference)`,
      'in',
      references.map((r) => r.toLowerCase()),
    )
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, reference: r.reference ?? '' }));
}

/** New employers, each with its reference. */
export async function insertEmployers(db: Db, employers: readonly { id: string; name: string; reference: string }[]): Promise<void> {
  if (employers.length === 0) return;
  await db
    .insertInto('organisations')
    .values(employers.map((e) => ({ id: e.id, kind: 'employer' as const, name: e.name, ukprn: null, reference: e.reference })))
    .execute();
}
