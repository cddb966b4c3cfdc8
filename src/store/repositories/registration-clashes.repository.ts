// Held registrations (registration clashes) in the database.
import { sql } from 'kysely';
import type { Db } from '../database.ts';

/** The open held registrations of these ULNs, 1,000 ULNs a query. */
export async function openClashesOf(
  db: Db,
  ulns: readonly string[],
): Promise<{ id: string; uln: string; standardCode: string; requestedProviderId: string }[]> {
  const rows: { id: string; uln: string; standardCode: string; requestedProviderId: string }[] = [];
  for (let i = 0; i < ulns.length; i += 1000)
    rows.push(
      ...(await db
        .selectFrom('registrationClashes')
        .select(['id', 'uln', 'standardCode', 'requestedProviderId'])
        .where('uln', 'in', ulns.slice(i, i + 1000))
        .where('status', '=', 'open')
        .execute()),
    );
  return rows;
}

export type NewClash = {
  uln: string;
  standard: string;
  standardCode: string;
  existingRecordId: string;
  requestedProviderId: string;
  requestedBy: string | null;
  requestedOn: string;
  request: unknown;
};

/** Holds a registration; undefined when the same one is already open (the index registration_clashes_one_open). */
export async function insertClash(tx: Db, clash: NewClash): Promise<string | undefined> {
  const inserted = await tx
    .insertInto('registrationClashes')
    .values({ ...clash, request: JSON.stringify(clash.request) })
    // The index's predicate as a literal: a parameter cannot prove it to the planner once a statement's plan is generic.
    .onConflict((oc) => oc.columns(['uln', 'standardCode', 'requestedProviderId']).where('status', '=', sql.lit('open')).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id;
}

/** The open held registration of this ULN, standard and requesting provider. */
export async function openClashId(tx: Db, clash: { uln: string; standardCode: string; requestedProviderId: string }): Promise<string> {
  const open = await tx
    .selectFrom('registrationClashes')
    .select('id')
    .where('uln', '=', clash.uln)
    .where('standardCode', '=', clash.standardCode)
    .where('requestedProviderId', '=', clash.requestedProviderId)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  return open.id;
}

/** A held registration as stored. */
export async function findClash(db: Db, id: string) {
  return db.selectFrom('registrationClashes').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** Many held registrations (an import's), inside the caller's transaction, 500 rows a statement. */
export async function insertClashes(tx: Db, rows: readonly (NewClash & { id: string })[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await tx
      .insertInto('registrationClashes')
      .values(rows.slice(i, i + 500).map((v) => ({ ...v, request: JSON.stringify(v.request) })))
      .execute();
}
