// Gateway in the database: the evidence uploaded to a record, the submissions made for it,
// and the record's move into and out of gateway, each written only from the status the
// decision was made on (a concurrent request finds no row to update).
import { type Selectable, sql } from 'kysely';
import type { IsoDate } from '../../domain/calendar/dates.ts';
import type { RecordStatus } from '../../domain/lifecycle/record-lifecycle.ts';
import type { Db } from '../database.ts';
import type { Database } from '../schema.ts';

export type GatewaySubmissionRow = Selectable<Database['gatewaySubmissions']>;
export type ShowcaseFormat = Database['epaRecords']['showcaseFormat'];

/** The files uploaded to a record, oldest first: the evidence a gateway check looks at. */
export async function evidenceFilesOf(db: Db, recordId: string): Promise<{ id: string; purpose: string; ksbs: string[] }[]> {
  return db.selectFrom('files').select(['id', 'purpose', 'ksbs']).where('epaRecordId', '=', recordId).orderBy('uploadedAt').orderBy('id').execute();
}

/** Moves the record to gateway-submitted if it is still in one of `openStatuses`; false if it was not. */
export async function markGatewaySubmitted(
  tx: Db,
  recordId: string,
  change: { showcaseFormat: ShowcaseFormat; openStatuses: readonly RecordStatus[]; at: Date },
): Promise<boolean> {
  const updated = await tx
    .updateTable('epaRecords')
    .set({ status: 'gateway-submitted', showcaseFormat: change.showcaseFormat, version: sql`version + 1`, updatedAt: change.at })
    .where('id', '=', recordId)
    .where('status', 'in', change.openStatuses)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

export async function insertGatewaySubmission(
  tx: Db,
  submission: { recordId: string; submittedBy: string; submittedOn: IsoDate; request: unknown; outcome: unknown },
): Promise<string> {
  const row = await tx
    .insertInto('gatewaySubmissions')
    .values({
      epaRecordId: submission.recordId,
      submittedBy: submission.submittedBy,
      submittedOn: submission.submittedOn,
      request: JSON.stringify(submission.request),
      outcome: JSON.stringify(submission.outcome),
      status: 'submitted',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function gatewaySubmission(db: Db, id: string): Promise<GatewaySubmissionRow> {
  return db.selectFrom('gatewaySubmissions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** A record's submissions, newest first. */
export async function gatewaySubmissionsOf(db: Db, recordId: string): Promise<GatewaySubmissionRow[]> {
  return db.selectFrom('gatewaySubmissions').selectAll().where('epaRecordId', '=', recordId).orderBy('submittedAt', 'desc').orderBy('id').execute();
}

/** A submission with what deciding it needs of its record. */
export async function submissionForDecision(
  db: Db,
  id: string,
): Promise<
  | {
      status: GatewaySubmissionRow['status'];
      epaRecordId: string;
      outcome: unknown;
      standard: string;
      policy: string | null;
      recordStatus: RecordStatus;
      givenNames: string;
      familyName: string;
    }
  | undefined
> {
  return db
    .selectFrom('gatewaySubmissions')
    .innerJoin('epaRecords', 'epaRecords.id', 'gatewaySubmissions.epaRecordId')
    .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
    .select([
      'apprentices.givenNames',
      'apprentices.familyName',
      'gatewaySubmissions.status',
      'gatewaySubmissions.epaRecordId',
      'gatewaySubmissions.outcome',
      'epaRecords.standard',
      'epaRecords.policy',
      'epaRecords.status as recordStatus',
    ])
    .where('gatewaySubmissions.id', '=', id)
    .executeTakeFirst();
}

/** Records the decision on a submission still waiting for one; false if another request decided it first. */
export async function markGatewayDecided(
  tx: Db,
  id: string,
  decision: { status: 'approved' | 'rejected'; decidedBy: string; decidedAt: Date; reasons: string[] },
): Promise<boolean> {
  const decided = await tx
    .updateTable('gatewaySubmissions')
    .set({
      status: decision.status,
      decidedBy: decision.decidedBy,
      decidedAt: decision.decidedAt,
      reasons: decision.reasons.length > 0 ? JSON.stringify(decision.reasons) : null,
    })
    .where('id', '=', id)
    .where('status', '=', 'submitted')
    .executeTakeFirst();
  return Number(decided.numUpdatedRows) > 0;
}

export type GatewayDates = { status: RecordStatus; gatewayApprovedOn: IsoDate | null; epaStart: IsoDate | null; epaEnd: IsoDate | null };

/** The record's status and the dates a gateway decision sets. */
export async function gatewayDatesOf(db: Db, recordId: string): Promise<GatewayDates> {
  return db.selectFrom('epaRecords').select(['status', 'gatewayApprovedOn', 'epaStart', 'epaEnd']).where('id', '=', recordId).executeTakeFirstOrThrow();
}

/** Writes the decision's change to a record still waiting at gateway; false if it was not. */
export async function applyGatewayDecision(
  tx: Db,
  recordId: string,
  change: { status: RecordStatus; gatewayApprovedOn?: IsoDate; epaStart?: IsoDate | null; epaEnd?: IsoDate | null },
  at: Date,
): Promise<boolean> {
  const updated = await tx
    .updateTable('epaRecords')
    .set({ ...change, version: sql`version + 1`, updatedAt: at })
    .where('id', '=', recordId)
    .where('status', '=', 'gateway-submitted')
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}
