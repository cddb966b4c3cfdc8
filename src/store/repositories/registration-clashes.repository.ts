// Held registrations (registration clashes) in the database.
import { sql } from 'kysely';
import type { RecordStatus } from '../../domain/lifecycle/record-lifecycle.ts';
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

function clashQuery(db: Db) {
  return db
    .selectFrom('registrationClashes')
    .select([
      'registrationClashes.id',
      'registrationClashes.status',
      'registrationClashes.uln',
      'registrationClashes.standard',
      'registrationClashes.requestedProviderId',
      'registrationClashes.requestedOn',
      'registrationClashes.request',
      'registrationClashes.decidedAt',
      'registrationClashes.reason',
      'registrationClashes.newRecordId',
      'registrationClashes.existingRecordId',
      'registrationClashes.requestedBy',
      'registrationClashes.createdAt',
    ]);
}

/** A held registration as its views read it. */
export type ClashRow = Awaited<ReturnType<ReturnType<typeof clashQuery>['executeTakeFirstOrThrow']>>;
type ClashState = ClashRow['status'];

/** Held registrations, longest waiting first, at most 500: of one requesting provider when given, of one status when given. */
export async function clashRows(db: Db, filter: { requestedProviderId?: string; status?: ClashState }): Promise<ClashRow[]> {
  let query = clashQuery(db);
  if (filter.requestedProviderId !== undefined) query = query.where('requestedProviderId', '=', filter.requestedProviderId);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  return query.orderBy('createdAt').orderBy('id').limit(500).execute();
}

export async function clashRow(db: Db, id: string): Promise<ClashRow | undefined> {
  return clashQuery(db).where('id', '=', id).executeTakeFirst();
}

/** The records these clashes clashed with, with the apprentice and their provider. */
export async function clashedRecords(
  db: Db,
  recordIds: readonly string[],
): Promise<
  {
    id: string;
    status: RecordStatus;
    standard: string;
    registeredOn: string;
    startDate: string;
    givenNames: string;
    familyName: string;
    providerId: string;
    providerName: string;
  }[]
> {
  return db
    .selectFrom('epaRecords')
    .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
    .innerJoin('organisations', 'organisations.id', 'apprentices.providerId')
    .select([
      'epaRecords.id',
      'epaRecords.status',
      'epaRecords.standard',
      'epaRecords.registeredOn',
      'epaRecords.startDate',
      'apprentices.givenNames',
      'apprentices.familyName',
      'organisations.id as providerId',
      'organisations.name as providerName',
    ])
    .where('epaRecords.id', 'in', recordIds)
    .execute();
}

/** The names of these organisations and users (requesting providers and the people who asked), by id. */
export async function requesterNames(db: Db, organisationIds: readonly string[], userIds: readonly string[]): Promise<Map<string, string>> {
  const organisations = organisationIds.length ? await db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', organisationIds).execute() : [];
  const users = userIds.length ? await db.selectFrom('users').select(['id', 'name']).where('id', 'in', userIds).execute() : [];
  return new Map([...organisations, ...users].map((o) => [o.id, o.name]));
}

/** What a decision first checks: whether the clash is still open, and the registration it holds. */
export async function clashToDecide(db: Db, id: string): Promise<{ status: ClashState; request: unknown } | undefined> {
  return db.selectFrom('registrationClashes').select(['status', 'request']).where('id', '=', id).executeTakeFirst();
}

/** The held registration, locked for its decision. */
export async function lockClash(tx: Db, id: string) {
  return tx.selectFrom('registrationClashes').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
}

/** Closes the clash as rejected (with the reason the provider reads) or transferred (with the record made). */
export async function closeClash(
  tx: Db,
  id: string,
  decision: ({ status: 'rejected'; reason: string } | { status: 'transferred'; newRecordId: string }) & { decidedBy: string; decidedAt: Date },
): Promise<void> {
  await tx
    .updateTable('registrationClashes')
    .set({ ...decision, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .execute();
}
