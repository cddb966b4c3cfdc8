// EPA records as each role may read them (the scope is the access rules' decision,
// src/domain/access), and a record's details changed. The read by ULN runs on every search
// and API lookup, so it is built once per kind of scope.
import { type SelectQueryBuilder, sql, type Updateable } from 'kysely';
import type { RecordScope } from '../../domain/access/access.ts';
import { compiledOnce } from '../compiled-query.ts';
import type { Db } from '../database.ts';
import type { Database, RecordStatus } from '../schema.ts';

type RecordQuery = SelectQueryBuilder<Database, 'epaRecords' | 'apprentices', object>;

function recordsQuery(db: Db) {
  return db
    .selectFrom('epaRecords')
    .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
    .innerJoin('organisations as provider', 'provider.id', 'apprentices.providerId')
    .innerJoin('organisations as employer', 'employer.id', 'apprentices.employerId')
    .select([
      'epaRecords.id',
      'epaRecords.version',
      'epaRecords.status',
      'epaRecords.standard',
      'epaRecords.policy',
      'epaRecords.startDate',
      'epaRecords.plannedEndDate',
      'epaRecords.registeredOn',
      'epaRecords.gatewayApprovedOn',
      'epaRecords.epaStart',
      'epaRecords.epaEnd',
      'epaRecords.channel',
      'epaRecords.showcaseFormat',
      'epaRecords.extraTimePercent',
      'epaRecords.adjustments',
      'apprentices.id as apprenticeId',
      'apprentices.uln',
      'apprentices.givenNames',
      'apprentices.familyName',
      'apprentices.dateOfBirth',
      'apprentices.email',
      'apprentices.ehcp',
      'provider.id as providerId',
      'provider.name as providerName',
      'employer.id as employerId',
      'employer.name as employerName',
    ]);
}

/** Narrows a records query to what the actor may see. */

export type RecordRow = Awaited<ReturnType<ReturnType<typeof recordsQuery>['executeTakeFirstOrThrow']>>;

/** Narrows a records query to the scope. */
function scoped<Q extends RecordQuery>(query: Q, scope: RecordScope): Q {
  switch (scope.kind) {
    case 'all':
      return query;
    case 'provider':
      return query.where('apprentices.providerId', '=', scope.organisationId) as Q;
    case 'employer':
      return query.where('apprentices.employerId', '=', scope.organisationId) as Q;
    case 'apprentice':
      return query.where('apprentices.id', '=', scope.apprenticeId) as Q;
    case 'assessor':
      return query.where(({ exists, or, selectFrom }) =>
        or([
          exists(
            selectFrom('bookings')
              .select(sql`1`.as('one'))
              .whereRef('bookings.epaRecordId', '=', 'epaRecords.id')
              .where('bookings.assessorId', '=', scope.assessorId)
              .where('bookings.status', 'in', scope.bookingStatuses),
          ),
          exists(
            selectFrom('assessments')
              .select(sql`1`.as('one'))
              .whereRef('assessments.epaRecordId', '=', 'epaRecords.id')
              .where('assessments.assessorId', '=', scope.assessorId),
          ),
        ]),
      ) as Q;
    case 'none':
      return query.where(sql<boolean>`false`) as Q;
  }
}

export async function recordRowById(db: Db, id: string, scope: RecordScope): Promise<RecordRow | undefined> {
  return scoped(recordsQuery(db).where('epaRecords.id', '=', id), scope).executeTakeFirst();
}

/** The scopes whose query has one shape whatever their values, each built once. */
const byUln = {
  all: compiledOnce<{ uln: string }, RecordRow>((db, p) => recordsQuery(db).where('epaRecords.uln', '=', p('uln')).orderBy('epaRecords.createdAt', 'desc')),
  provider: compiledOnce<{ uln: string; organisationId: string }, RecordRow>((db, p) =>
    recordsQuery(db).where('epaRecords.uln', '=', p('uln')).where('apprentices.providerId', '=', p('organisationId')).orderBy('epaRecords.createdAt', 'desc'),
  ),
  employer: compiledOnce<{ uln: string; organisationId: string }, RecordRow>((db, p) =>
    recordsQuery(db).where('epaRecords.uln', '=', p('uln')).where('apprentices.employerId', '=', p('organisationId')).orderBy('epaRecords.createdAt', 'desc'),
  ),
};

/** The records of a ULN within the scope, newest first. */
export async function recordRowsByUln(db: Db, uln: string, scope: RecordScope): Promise<RecordRow[]> {
  if (scope.kind === 'all') return (await byUln.all(db, { uln })).rows;
  if (scope.kind === 'provider' || scope.kind === 'employer') return (await byUln[scope.kind](db, { uln, organisationId: scope.organisationId })).rows;
  return scoped(recordsQuery(db).where('epaRecords.uln', '=', uln), scope)
    .orderBy('epaRecords.createdAt', 'desc')
    .execute();
}

export type RecordFilter = { status?: string; standard?: string; q?: string; limit?: number; offset?: number };

/** A page of records within the scope, newest first, filtered by status, standard and a search over ULN and names. */
export async function recordRows(db: Db, scope: RecordScope, filter: RecordFilter): Promise<RecordRow[]> {
  let query = scoped(recordsQuery(db), scope);
  if (filter.status) query = query.where('epaRecords.status', '=', filter.status as RecordStatus);
  if (filter.standard) query = query.where('epaRecords.standard', '=', filter.standard);
  if (filter.q) {
    const q = `%${filter.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('apprentices.uln', 'like', q), eb('apprentices.familyName', 'ilike', q), eb('apprentices.givenNames', 'ilike', q)]));
  }
  return query
    .orderBy('epaRecords.createdAt', 'desc')
    .limit(Math.min(filter.limit ?? 100, 500))
    .offset(filter.offset ?? 0)
    .execute();
}

/** The parties that decide who sees a record (for checks outside a records query). */
export async function recordParties(db: Db, id: string) {
  const row = await db
    .selectFrom('epaRecords')
    .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
    .select(['apprentices.providerId', 'apprentices.employerId', 'apprentices.id as apprenticeId'])
    .where('epaRecords.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const bookings = await db.selectFrom('bookings').select(['assessorId', 'status']).where('epaRecordId', '=', id).execute();
  const assessments = await db.selectFrom('assessments').select('assessorId').where('epaRecordId', '=', id).execute();
  return { ...row, bookings, assessmentAssessorIds: assessments.map((a) => a.assessorId) };
}

export async function organisationRows(db: Db, ids: string[]): Promise<{ id: string; kind: string; name: string }[]> {
  return db.selectFrom('organisations').select(['id', 'kind', 'name']).where('id', 'in', ids).execute();
}

/** The record's details at `version`; false when it has moved on since. */
export async function updateRecordDetails(
  tx: Db,
  id: string,
  version: number,
  changes: Omit<Updateable<Database['epaRecords']>, 'version' | 'updatedAt'>,
  updatedAt: Date,
): Promise<boolean> {
  const updated = await tx
    .updateTable('epaRecords')
    .set({ ...changes, version: sql`version + 1`, updatedAt })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

export async function setApprenticeEmail(tx: Db, apprenticeId: string, email: string | null): Promise<void> {
  await tx.updateTable('apprentices').set({ email }).where('id', '=', apprenticeId).execute();
}
