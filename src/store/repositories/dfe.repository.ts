// The DfE queue in the database: the rows for what must reach the Assessor Service (a
// record's EPA outcomes, a certificate claim), the facts each item is built from, and
// what each answer changed. Read by state and due time through their own indexes.
import type { Db } from '../database.ts';
import type { DfeProblem, DfeState } from '../schema-dfe.ts';

/** The first day a claimed certificate may go (its appeal wait), set when the queue first sees it. */
export async function setNotBefore(tx: Db, id: string, notBefore: string): Promise<void> {
  await tx.updateTable('dfeSubmissions').set({ notBefore }).where('id', '=', id).execute();
}

/** Looks at an item again later: it waits on something else (its EPA outcome, an open appeal). */
export async function lookLater(tx: Db, id: string, at: Date): Promise<void> {
  await tx.updateTable('dfeSubmissions').set({ nextAttemptAt: at }).where('id', '=', id).execute();
}

/** Claimed certificates whose turn has come and whose appeal wait is over (or not yet worked out, or released early). */
export async function dueCertificates(db: Db, now: Date, today: string, limit: number) {
  return db
    .selectFrom('dfeSubmissions')
    .selectAll()
    .where('kind', '=', 'certificate')
    .where('state', '=', 'queued')
    .where('nextAttemptAt', '<=', now)
    .where((eb) => eb.or([eb('notBefore', 'is', null), eb('notBefore', '<=', today), eb('releasedEarlyBy', 'is not', null)]))
    .orderBy('nextAttemptAt')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Rows whose turn has come, in `states`, oldest turn first. */
export async function dueItems(db: Db, kind: 'epa' | 'certificate', states: readonly DfeState[], now: Date, limit: number) {
  return db
    .selectFrom('dfeSubmissions')
    .selectAll()
    .where('kind', '=', kind)
    .where('state', 'in', [...states])
    .where('nextAttemptAt', '<=', now)
    .orderBy('nextAttemptAt')
    .orderBy('id')
    .limit(limit)
    .execute();
}
export type DfeRow = Awaited<ReturnType<typeof dueItems>>[number];

/** What an item is built from: the record, the apprentice (their ILR family name), its results, re-attempts and certificate. */
export async function itemFacts(db: Db, recordId: string, certificateId: string | null) {
  const record = await db
    .selectFrom('epaRecords')
    .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
    .innerJoin('organisations as employer', 'employer.id', 'apprentices.employerId')
    .select([
      'epaRecords.id',
      'epaRecords.uln',
      'epaRecords.standard',
      'epaRecords.status',
      'epaRecords.withdrawnOn',
      'epaRecords.courseOption',
      'apprentices.familyName',
      'apprentices.ilrFamilyName',
      'employer.name as employerName',
      'employer.contactName',
      'employer.addressLine1',
      'employer.addressLine2',
      'employer.addressLine3',
      'employer.city',
      'employer.postCode',
    ])
    .where('epaRecords.id', '=', recordId)
    .executeTakeFirstOrThrow();
  const results = await db
    .selectFrom('results')
    .select(['id', 'finalAssessmentOn', 'releasedOn', 'overall', 'status'])
    .where('epaRecordId', '=', recordId)
    .where('status', 'in', ['released', 'superseded', 'cancelled'])
    .orderBy('createdAt')
    .execute();
  const reattempts = await db.selectFrom('reattempts').select(['kind', 'plannedOn']).where('epaRecordId', '=', recordId).execute();
  const certificate = certificateId
    ? await db
        .selectFrom('certificates')
        .innerJoin('results', 'results.id', 'certificates.resultId')
        .select(['certificates.id', 'certificates.postalContact', 'results.overall', 'results.releasedOn', 'results.status as resultStatus'])
        .where('certificates.id', '=', certificateId)
        .executeTakeFirstOrThrow()
    : null;
  return { record, results, reattempts, certificate };
}

/** The record's EPA row as the API last accepted it: its reference, for a certificate to follow. */
export async function epaItemOf(db: Db, recordId: string) {
  return db.selectFrom('dfeSubmissions').select(['state', 'dfeReference']).where('kind', '=', 'epa').where('epaRecordId', '=', recordId).executeTakeFirst();
}

export type ItemChange = {
  state: DfeState;
  problems?: DfeProblem[];
  dfeReference?: string | null;
  dfeStatus?: string | null;
  sentOutcomes?: unknown;
  sent?: boolean;
  /** When to look at it again (a retry, a status read). */
  nextAttemptAt?: Date;
  attempted?: boolean;
};

export async function changeItem(tx: Db, id: string, change: ItemChange): Promise<void> {
  await tx
    .updateTable('dfeSubmissions')
    .set((eb) => ({
      state: change.state,
      updatedAt: new Date(),
      ...(change.problems ? { problems: JSON.stringify(change.problems) } : {}),
      ...(change.dfeReference !== undefined ? { dfeReference: change.dfeReference } : {}),
      ...(change.dfeStatus !== undefined ? { dfeStatus: change.dfeStatus } : {}),
      ...(change.sentOutcomes !== undefined ? { sentOutcomes: JSON.stringify(change.sentOutcomes) } : {}),
      ...(change.sent ? { sentAt: new Date() } : {}),
      ...(change.nextAttemptAt ? { nextAttemptAt: change.nextAttemptAt } : {}),
      ...(change.attempted ? { attempts: eb('attempts', '+', 1) } : {}),
    }))
    .where('id', '=', id)
    .execute();
}

/** How many items stand in each state: the work queue's counts. */
export async function itemCounts(db: Db): Promise<Record<DfeState, number>> {
  const rows = await db
    .selectFrom('dfeSubmissions')
    .select(['state', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy('state')
    .execute();
  const counts = { queued: 0, held: 0, sent: 0, rejected: 0, submitted: 0, done: 0 };
  for (const r of rows) counts[r.state] = Number(r.n);
  return counts;
}

/** A page of items, newest change first, in one state or all; keyset after (updatedAt, id). */
export async function listItems(db: Db, options: { state?: DfeState; after?: { updatedAt: Date; id: string }; limit: number }) {
  let query = db
    .selectFrom('dfeSubmissions')
    .innerJoin('epaRecords', 'epaRecords.id', 'dfeSubmissions.epaRecordId')
    .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
    .select([
      'dfeSubmissions.id',
      'dfeSubmissions.epaRecordId',
      'dfeSubmissions.kind',
      'dfeSubmissions.state',
      'dfeSubmissions.dfeReference',
      'dfeSubmissions.dfeStatus',
      'dfeSubmissions.problems',
      'dfeSubmissions.attempts',
      'dfeSubmissions.notBefore',
      'dfeSubmissions.releasedEarlyBy',
      'dfeSubmissions.sentAt',
      'dfeSubmissions.updatedAt',
      'epaRecords.uln',
      'epaRecords.standard',
      'apprentices.givenNames',
      'apprentices.familyName',
    ]);
  if (options.state) query = query.where('dfeSubmissions.state', '=', options.state);
  if (options.after) {
    const { updatedAt, id } = options.after;
    query = query.where((eb) =>
      eb.or([eb('dfeSubmissions.updatedAt', '<', updatedAt), eb.and([eb('dfeSubmissions.updatedAt', '=', updatedAt), eb('dfeSubmissions.id', '<', id)])]),
    );
  }
  return query.orderBy('dfeSubmissions.updatedAt', 'desc').orderBy('dfeSubmissions.id', 'desc').limit(options.limit).execute();
}

export async function lockItem(tx: Db, id: string) {
  return tx.selectFrom('dfeSubmissions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function requeueItem(tx: Db, id: string, now: Date): Promise<void> {
  await tx.updateTable('dfeSubmissions').set({ state: 'queued', attempts: 0, nextAttemptAt: now, updatedAt: new Date() }).where('id', '=', id).execute();
}

export async function releaseItemEarly(tx: Db, id: string, by: string, now: Date): Promise<void> {
  await tx.updateTable('dfeSubmissions').set({ releasedEarlyBy: by, nextAttemptAt: now, updatedAt: new Date() }).where('id', '=', id).execute();
}

export async function setIlrFamilyName(tx: Db, apprenticeId: string, name: string | null): Promise<void> {
  await tx.updateTable('apprentices').set({ ilrFamilyName: name }).where('id', '=', apprenticeId).execute();
}

/** Puts the record's held or refused items back in the queue; how many. */
export async function requeueRefusedOfRecord(tx: Db, recordId: string, now: Date): Promise<number> {
  const done = await tx
    .updateTable('dfeSubmissions')
    .set({ state: 'queued', attempts: 0, nextAttemptAt: now, updatedAt: new Date() })
    .where('epaRecordId', '=', recordId)
    .where('state', 'in', ['held', 'rejected'])
    .executeTakeFirst();
  return Number(done.numUpdatedRows);
}
