// Reading apprentices' EPA records, each role within its scope, and changing their details.
// Registering them is registration.ts (re-exported here for the callers that look here).
import { type SelectQueryBuilder, sql } from 'kysely';
import { type Actor, canSeeRecord, may, recordScope } from '../domain/access/access.ts';
import type { Finding } from '../domain/outcome.ts';
import { appendAudit } from '../store/audit.ts';
import type { Db } from '../store/database.ts';
import type { Database, RecordStatus } from '../store/schema.ts';
import type { AppContext } from './context.ts';
import { conflict, forbidden, notFound } from './errors.ts';
import { isUuid } from './ids.ts';
import type { RecordUpdateRequest } from './inputs.ts';

export {
  isDuplicateRegistration,
  organisationKinds,
  type RegistrationOutcome,
  registerApprentice,
  registrationWarnings,
  requestRegistration,
  validateRegistration,
} from './registration.ts';

export type EpaRecordView = {
  id: string;
  version: number;
  status: RecordStatus;
  standard: string;
  policy: string | null;
  apprentice: { id: string; uln: string; givenNames: string; familyName: string; dateOfBirth: string; email: string | null; ehcp: boolean };
  provider: { id: string; name: string };
  employer: { id: string; name: string };
  startDate: string;
  plannedEndDate: string | null;
  registeredOn: string;
  gatewayApprovedOn: string | null;
  epaStart: string | null;
  epaEnd: string | null;
  channel: 'face-to-face' | 'non-facing' | 'both' | null;
  showcaseFormat: 'report' | 'presentation' | null;
  extraTimePercent: number;
  adjustments: string | null;
  warnings: Finding[];
};

/** Organisations by id, with their kind and name; ids that are not UUIDs name nothing. */
export async function organisationsById(db: Db, ids: string[]): Promise<Map<string, { kind: string; name: string }>> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return new Map();
  const rows = await db.selectFrom('organisations').select(['id', 'kind', 'name']).where('id', 'in', valid).execute();
  return new Map(rows.map((r) => [r.id, { kind: r.kind, name: r.name }]));
}

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
function scoped<Q extends RecordQuery>(query: Q, actor: Actor): Q {
  const scope = recordScope(actor);
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

type RecordRow = Awaited<ReturnType<ReturnType<typeof recordsQuery>['executeTakeFirstOrThrow']>>;

function toView(r: RecordRow): EpaRecordView {
  return {
    id: r.id,
    version: r.version,
    status: r.status,
    standard: r.standard,
    policy: r.policy,
    apprentice: {
      id: r.apprenticeId,
      uln: r.uln,
      givenNames: r.givenNames,
      familyName: r.familyName,
      dateOfBirth: r.dateOfBirth,
      email: r.email,
      ehcp: r.ehcp,
    },
    provider: { id: r.providerId, name: r.providerName },
    employer: { id: r.employerId, name: r.employerName },
    startDate: r.startDate,
    plannedEndDate: r.plannedEndDate,
    registeredOn: r.registeredOn,
    gatewayApprovedOn: r.gatewayApprovedOn,
    epaStart: r.epaStart,
    epaEnd: r.epaEnd,
    channel: r.channel,
    showcaseFormat: r.showcaseFormat,
    extraTimePercent: r.extraTimePercent,
    adjustments: r.adjustments,
    warnings: [],
  };
}

/** One record the actor may see; someone else's record is "not found", not "forbidden". */
export async function getRecord(ctx: AppContext, actor: Actor, id: string): Promise<EpaRecordView> {
  if (!isUuid(id)) throw notFound(`EPA record ${id}`);
  const row = await scoped(recordsQuery(ctx.db).where('epaRecords.id', '=', id), actor).executeTakeFirst();
  if (!row) throw notFound(`EPA record ${id}`);
  return toView(row);
}

export async function findRecordsByUln(ctx: AppContext, actor: Actor, uln: string): Promise<EpaRecordView[]> {
  const rows = await scoped(recordsQuery(ctx.db).where('epaRecords.uln', '=', uln), actor)
    .orderBy('epaRecords.createdAt', 'desc')
    .execute();
  return rows.map(toView);
}

export type RecordFilter = { status?: string; standard?: string; q?: string; limit?: number; offset?: number };

export async function listRecords(ctx: AppContext, actor: Actor, filter: RecordFilter = {}): Promise<EpaRecordView[]> {
  let query = scoped(recordsQuery(ctx.db), actor);
  if (filter.status) query = query.where('epaRecords.status', '=', filter.status as RecordRow['status']);
  if (filter.standard) query = query.where('epaRecords.standard', '=', filter.standard);
  if (filter.q) {
    const q = `%${filter.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('apprentices.uln', 'like', q), eb('apprentices.familyName', 'ilike', q), eb('apprentices.givenNames', 'ilike', q)]));
  }
  const rows = await query
    .orderBy('epaRecords.createdAt', 'desc')
    .limit(Math.min(filter.limit ?? 100, 500))
    .offset(filter.offset ?? 0)
    .execute();
  return rows.map(toView);
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

export async function assertCanSee(ctx: AppContext, actor: Actor, recordId: string): Promise<void> {
  const parties = isUuid(recordId) ? await recordParties(ctx.db, recordId) : null;
  if (!parties || !canSeeRecord(actor, parties)) throw notFound(`EPA record ${recordId}`);
}

/** Changes a record's details; a stale version is refused, never silently overwritten. */
export async function updateRecord(ctx: AppContext, actor: Actor, id: string, input: RecordUpdateRequest): Promise<EpaRecordView> {
  if (!may(actor, 'record.update')) throw forbidden();
  const before = await getRecord(ctx, actor, id);
  const { version, email, ...changes } = input;
  await ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('epaRecords')
      .set({ ...changes, version: sql`version + 1`, updatedAt: ctx.now() })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0)
      throw conflict('STALE_VERSION', `the record has changed since version ${version}: reload it and try again`, { currentVersion: before.version });
    if (email !== undefined)
      await trx
        .updateTable('apprentices')
        .set({ email: email?.toLowerCase() ?? null })
        .where('id', '=', before.apprentice.id)
        .execute();
    await appendAudit(trx, { actorId: actor.userId, actor: actor.name, action: 'update', entity: 'epa-record', entityId: id, before, after: input });
  });
  return getRecord(ctx, actor, id);
}
