// The EPAO's training providers and employers in the database.
import type { Db } from '../database.ts';

export type OrganisationRow = {
  id: string;
  kind: 'provider' | 'employer';
  name: string;
  ukprn: string | null;
  reference: string | null;
  /** An employer's postal address, one line (null until set): where its certificates are posted. */
  postalAddress: string | null;
  users: number;
  apprentices: number;
};

/** Organisations of a kind by name, a page at a time (keyset on name and id), with how many users and apprentices each has. */
export async function organisationsPage(
  db: Db,
  options: { kind: 'provider' | 'employer'; after?: { name: string; id: string }; limit: number },
): Promise<OrganisationRow[]> {
  let query = db
    .selectFrom('organisations')
    .select((eb) => [
      'organisations.id',
      'organisations.kind',
      'organisations.name',
      'organisations.ukprn',
      'organisations.reference',
      'organisations.addressLine1',
      'organisations.city',
      'organisations.postCode',
      eb.selectFrom('users').select(eb.fn.countAll<number>().as('n')).whereRef('users.organisationId', '=', 'organisations.id').as('users'),
      // Counted on its own index: a provider's apprentices by provider, an employer's by employer.
      eb
        .selectFrom('apprentices')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef(options.kind === 'provider' ? 'apprentices.providerId' : 'apprentices.employerId', '=', 'organisations.id')
        .as('apprentices'),
    ])
    .where('organisations.kind', '=', options.kind);
  const after = options.after;
  if (after)
    query = query.where((eb) =>
      eb.or([eb('organisations.name', '>', after.name), eb.and([eb('organisations.name', '=', after.name), eb('organisations.id', '>', after.id)])]),
    );
  const rows = await query.orderBy('organisations.name').orderBy('organisations.id').limit(options.limit).execute();
  return rows.map(({ addressLine1, city, postCode, ...r }) => ({
    ...r,
    kind: r.kind as 'provider' | 'employer',
    postalAddress: addressLine1 ? [addressLine1, city, postCode].filter(Boolean).join(', ') : null,
    users: Number(r.users ?? 0),
    apprentices: Number(r.apprentices ?? 0),
  }));
}

/** A new organisation; undefined when its UKPRN or employer reference is already the EPAO's. */
export async function insertOrganisation(tx: Db, org: { kind: 'provider' | 'employer'; name: string; ukprn: string | null; reference: string | null }) {
  try {
    return await tx.insertInto('organisations').values(org).returning(['id', 'kind', 'name', 'ukprn', 'reference']).executeTakeFirstOrThrow();
  } catch (error) {
    if ((error as { code?: string }).code === '23505') return undefined;
    throw error;
  }
}

/** Sets an employer's postal address; undefined when there is no such employer. */
export async function setEmployerAddressRow(
  tx: Db,
  id: string,
  address: { contactName: string; addressLine1: string; addressLine2?: string | undefined; addressLine3?: string | undefined; city: string; postCode: string },
) {
  return tx
    .updateTable('organisations')
    .set({ ...address, addressLine2: address.addressLine2 ?? null, addressLine3: address.addressLine3 ?? null })
    .where('id', '=', id)
    .where('kind', '=', 'employer')
    .returning(['id', 'name', 'contactName', 'addressLine1', 'addressLine2', 'addressLine3', 'city', 'postCode'])
    .executeTakeFirst();
}

/** An employer and its postal address, or undefined when there is no such employer. */
export async function employerAddressRow(db: Db, id: string) {
  return db
    .selectFrom('organisations')
    .select(['id', 'name', 'contactName', 'addressLine1', 'addressLine2', 'addressLine3', 'city', 'postCode'])
    .where('id', '=', id)
    .where('kind', '=', 'employer')
    .executeTakeFirst();
}
