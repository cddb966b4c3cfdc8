// The demo loader's own rows: the organisations and accounts it starts from (no use-case
// makes those), the marker it writes last, and what it reads back between steps.
import type { Role } from '../../domain/access/access.ts';
import type { Db } from '../database.ts';
import type { Database } from '../schema.ts';

/** Whether anyone has an account yet: the demo loads only into an empty database. */
export async function hasUsers(db: Db): Promise<boolean> {
  return (await db.selectFrom('users').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** Whether the demo's marker is there (written last, so only a load that finished has one). */
export async function demoMarked(db: Db): Promise<boolean> {
  return (await db.selectFrom('demoData').select('loadedAt').executeTakeFirst()) !== undefined;
}

export async function markDemoLoaded(db: Db, at: Date): Promise<void> {
  await db
    .insertInto('demoData')
    .values({ loadedAt: at })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function insertOrganisation(
  db: Db,
  organisation: { kind: Database['organisations']['kind']; name: string; ukprn: string | null },
): Promise<string> {
  const row = await db.insertInto('organisations').values(organisation).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function insertUser(
  db: Db,
  user: { email: string; name: string; role: Role; organisationId?: string | null; apprenticeId?: string | null; passwordHash: string },
): Promise<string> {
  const row = await db.insertInto('users').values(user).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** The record's released result. */
export async function releasedResultId(db: Db, recordId: string): Promise<string> {
  const row = await db.selectFrom('results').select('id').where('epaRecordId', '=', recordId).where('status', '=', 'released').executeTakeFirstOrThrow();
  return row.id;
}

/** The record's booked session of a method, with its assessor. */
export async function bookedSession(db: Db, recordId: string, method: string): Promise<{ id: string; assessorId: string }> {
  return db
    .selectFrom('bookings')
    .select(['id', 'assessorId'])
    .where('epaRecordId', '=', recordId)
    .where('method', '=', method)
    .where('status', '=', 'booked')
    .executeTakeFirstOrThrow();
}

/** How the record's assessments are delivered: what decides the criteria and the time allowed. */
export async function deliveryOf(
  db: Db,
  recordId: string,
): Promise<{ channel: Database['epaRecords']['channel']; showcaseFormat: Database['epaRecords']['showcaseFormat'] }> {
  return db.selectFrom('epaRecords').select(['channel', 'showcaseFormat']).where('id', '=', recordId).executeTakeFirstOrThrow();
}

/** The record's assessments waiting for moderation. */
export async function awaitingModeration(db: Db, recordId: string): Promise<{ id: string; sampled: boolean | null; moderationBatchId: string | null }[]> {
  return db
    .selectFrom('assessments')
    .select(['id', 'sampled', 'moderationBatchId'])
    .where('epaRecordId', '=', recordId)
    .where('moderationStatus', '=', 'pending')
    .execute();
}

export async function batchSignedOff(db: Db, batchId: string): Promise<boolean> {
  const batch = await db.selectFrom('moderationBatches').select('signedOffAt').where('id', '=', batchId).executeTakeFirstOrThrow();
  return batch.signedOffAt !== null;
}
