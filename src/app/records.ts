// Reading apprentices' EPA records, each role within its scope, and changing their details.
// Registering them is registration.ts (re-exported here for the callers that look here).
import { type Actor, canSeeRecord, may, recordScope } from '../domain/access/access.ts';
import type { Finding } from '../domain/outcome.ts';
import { appendAudit } from '../store/audit.ts';
import type { Db } from '../store/database.ts';
import {
  organisationRows,
  type RecordRow,
  recordPartiesOf,
  recordRow,
  recordRows,
  recordRowsOfUln,
  setApprenticeEmail,
  updateRecordDetails,
} from '../store/repositories/records.repository.ts';
import type { RecordStatus } from '../store/schema.ts';
import { inTransaction } from '../store/transaction.ts';
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
  /** One of the version's course options, where it has them. */
  courseOption: string | null;
  showcaseFormat: 'report' | 'presentation' | null;
  extraTimePercent: number;
  adjustments: string | null;
  warnings: Finding[];
};

/** Organisations by id, with their kind and name; ids that are not UUIDs name nothing. */
export async function organisationsById(db: Db, ids: string[]): Promise<Map<string, { kind: string; name: string }>> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return new Map();
  const rows = await organisationRows(db, valid);
  return new Map(rows.map((r) => [r.id, { kind: r.kind, name: r.name }]));
}

export function toView(r: RecordRow): EpaRecordView {
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
    courseOption: r.courseOption,
    showcaseFormat: r.showcaseFormat,
    extraTimePercent: r.extraTimePercent,
    adjustments: r.adjustments,
    warnings: [],
  };
}

/** One record the actor may see; someone else's record is "not found", not "forbidden". */
export async function getRecord(ctx: AppContext, actor: Actor, id: string): Promise<EpaRecordView> {
  if (!isUuid(id)) throw notFound(`EPA record ${id}`);
  const row = await recordRow(ctx.db, recordScope(actor), id);
  if (!row) throw notFound(`EPA record ${id}`);
  return toView(row);
}

export async function findRecordsByUln(ctx: AppContext, actor: Actor, uln: string): Promise<EpaRecordView[]> {
  const rows = await recordRowsOfUln(ctx.db, recordScope(actor), uln);
  return rows.map(toView);
}

export type RecordFilter = { status?: string; standard?: string; limit?: number; offset?: number };

export async function listRecords(ctx: AppContext, actor: Actor, filter: RecordFilter = {}): Promise<EpaRecordView[]> {
  const rows = await recordRows(ctx.db, recordScope(actor), {
    status: filter.status as RecordStatus | undefined,
    standard: filter.standard,
    limit: Math.min(filter.limit ?? 100, 500),
    offset: filter.offset ?? 0,
  });
  return rows.map(toView);
}

/** The parties that decide who sees a record (for checks outside a records query). */
export async function recordParties(db: Db, id: string) {
  return recordPartiesOf(db, id);
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
  await inTransaction(ctx.db, async (trx) => {
    const updated = await updateRecordDetails(trx, id, version, changes, ctx.now());
    if (!updated)
      throw conflict('STALE_VERSION', `the record has changed since version ${version}: reload it and try again`, { currentVersion: before.version });
    if (email !== undefined) await setApprenticeEmail(trx, before.apprentice.id, email?.toLowerCase() ?? null);
    await appendAudit(trx, { actorId: actor.userId, actor: actor.name, action: 'update', entity: 'epa-record', entityId: id, before, after: input });
  });
  return getRecord(ctx, actor, id);
}
