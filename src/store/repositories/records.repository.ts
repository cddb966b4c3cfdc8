// EPA records in the database: read with their apprentice, provider and employer, each
// query narrowed to what one actor's scope lets them see (the access rules' decision,
// src/domain/access); the parties that decide who sees a record; and a change to a
// record's details.
import { type SelectQueryBuilder, sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { RecordScope } from '../../domain/access/access.ts';
import { compiledOnce } from '../compiled-query.ts';
import type { Db } from '../database.ts';
import type { Database, RecordStatus } from '../schema.ts';

export type RecordQuery = SelectQueryBuilder<Database, 'epaRecords' | 'apprentices', object>;

export function recordsQuery(db: Db) {
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
      'epaRecords.courseOption',
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

/** A record with its apprentice, provider and employer. */
export type RecordRow = Awaited<ReturnType<ReturnType<typeof recordsQuery>['executeTakeFirstOrThrow']>>;

/** Narrows a records query to the scope: an assessor sees the records it has a live booking or an assessment for. */
export function scoped<Q extends RecordQuery>(query: Q, scope: RecordScope): Q {
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

export async function recordRow(db: Db, scope: RecordScope, id: string): Promise<RecordRow | undefined> {
  return scoped(recordsQuery(db).where('epaRecords.id', '=', id), scope).executeTakeFirst();
}

/** The scopes whose ULN read has one shape whatever their values, each built once: it runs on every search and API lookup. */
const byUln = {
  all: compiledOnce<{ uln: string }, RecordRow>((db, p) => recordsQuery(db).where('epaRecords.uln', '=', p('uln')).orderBy('epaRecords.createdAt', 'desc')),
  provider: compiledOnce<{ uln: string; organisationId: string }, RecordRow>((db, p) =>
    recordsQuery(db).where('epaRecords.uln', '=', p('uln')).where('apprentices.providerId', '=', p('organisationId')).orderBy('epaRecords.createdAt', 'desc'),
  ),
  employer: compiledOnce<{ uln: string; organisationId: string }, RecordRow>((db, p) =>
    recordsQuery(db).where('epaRecords.uln', '=', p('uln')).where('apprentices.employerId', '=', p('organisationId')).orderBy('epaRecords.createdAt', 'desc'),
  ),
};

/** The ULN's records in scope, newest first. */
export async function recordRowsOfUln(db: Db, scope: RecordScope, uln: string): Promise<RecordRow[]> {
  if (scope.kind === 'all') return (await byUln.all(db, { uln })).rows;
  if (scope.kind === 'provider' || scope.kind === 'employer') return (await byUln[scope.kind](db, { uln, organisationId: scope.organisationId })).rows;
  return scoped(recordsQuery(db).where('epaRecords.uln', '=', uln), scope)
    .orderBy('epaRecords.createdAt', 'desc')
    .execute();
}

export type RecordRowFilter = { status?: RecordStatus; standard?: string; limit: number; offset: number };

/** Records in scope, newest first (the apprentices list, record-list.repository.ts, is the one that searches). */
export async function recordRows(db: Db, scope: RecordScope, filter: RecordRowFilter): Promise<RecordRow[]> {
  let query = scoped(recordsQuery(db), scope);
  if (filter.status) query = query.where('epaRecords.status', '=', filter.status);
  if (filter.standard) query = query.where('epaRecords.standard', '=', filter.standard);
  return query.orderBy('epaRecords.createdAt', 'desc').limit(filter.limit).offset(filter.offset).execute();
}

/** Organisations by id, with their kind and name. */
export async function organisationRows(db: Db, ids: readonly string[]): Promise<{ id: string; kind: string; name: string }[]> {
  return db.selectFrom('organisations').select(['id', 'kind', 'name']).where('id', 'in', ids).execute();
}

export type RecordParties = {
  providerId: string;
  employerId: string;
  apprenticeId: string;
  bookings: { assessorId: string; status: Database['bookings']['status'] }[];
  assessmentAssessorIds: string[];
};

/** The parties that decide who sees a record: its apprentice's provider and employer, and its assessors; one query. */
export async function recordPartiesOf(db: Db, id: string): Promise<RecordParties | null> {
  const row = await db
    .selectFrom('epaRecords')
    .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
    .select((eb) => [
      'apprentices.providerId',
      'apprentices.employerId',
      'apprentices.id as apprenticeId',
      jsonArrayFrom(eb.selectFrom('bookings').select(['bookings.assessorId', 'bookings.status']).whereRef('bookings.epaRecordId', '=', 'epaRecords.id')).as(
        'bookings',
      ),
      jsonArrayFrom(eb.selectFrom('assessments').select('assessments.assessorId').whereRef('assessments.epaRecordId', '=', 'epaRecords.id')).as('assessments'),
    ])
    .where('epaRecords.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const { assessments, ...parties } = row;
  return { ...parties, assessmentAssessorIds: assessments.map((a) => a.assessorId) };
}

export type RecordDetails = {
  plannedEndDate?: string | null;
  channel?: Database['epaRecords']['channel'];
  extraTimePercent?: number;
  adjustments?: string | null;
};

/** Writes the details if the record is still at `version`; false if it has moved on. */
export async function updateRecordDetails(tx: Db, id: string, version: number, details: RecordDetails, at: Date): Promise<boolean> {
  const updated = await tx
    .updateTable('epaRecords')
    .set({ ...details, version: sql`version + 1`, updatedAt: at })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

export async function setApprenticeEmail(tx: Db, apprenticeId: string, email: string | null): Promise<void> {
  await tx.updateTable('apprentices').set({ email }).where('id', '=', apprenticeId).execute();
}
