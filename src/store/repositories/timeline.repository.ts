// A record's history in the database, one table a query, each in the order its events
// happened; the timeline and the apprentice's page read them together.
import type { Db } from '../database.ts';

export async function gatewayStepsOf(db: Db, recordId: string) {
  return db
    .selectFrom('gatewaySubmissions')
    .select(['id', 'submittedOn', 'status', 'decidedAt', 'reasons'])
    .where('epaRecordId', '=', recordId)
    .orderBy('submittedAt')
    .execute();
}

/** Earliest first. */
export async function bookingsOfRecord(db: Db, recordId: string) {
  return db.selectFrom('bookings').selectAll().where('epaRecordId', '=', recordId).orderBy('startsAt').execute();
}

/** Oldest first. */
export async function submissionsInOrder(db: Db, recordId: string) {
  return db.selectFrom('submissions').selectAll().where('epaRecordId', '=', recordId).orderBy('createdAt').execute();
}

export async function assessmentsOfRecord(db: Db, recordId: string) {
  return db
    .selectFrom('assessments')
    .select([
      'id',
      'bookingId',
      'method',
      'attempt',
      'status',
      'startedAt',
      'endedAt',
      'submittedAt',
      'provisionalGrade',
      'moderationStatus',
      'moderatedAt',
      'moderatedGrade',
    ])
    .where('epaRecordId', '=', recordId)
    .execute();
}

/** Oldest first. */
export async function resultsOfRecord(db: Db, recordId: string) {
  return db.selectFrom('results').selectAll().where('epaRecordId', '=', recordId).orderBy('createdAt').execute();
}

export async function appealsOfRecord(db: Db, recordId: string) {
  return db.selectFrom('appeals').selectAll().where('epaRecordId', '=', recordId).orderBy('lodgedOn').execute();
}

export async function reattemptsOfRecord(db: Db, recordId: string) {
  return db.selectFrom('reattempts').selectAll().where('epaRecordId', '=', recordId).execute();
}

export async function certificatesOfRecord(db: Db, recordId: string) {
  return db.selectFrom('certificates').selectAll().where('epaRecordId', '=', recordId).orderBy('createdAt').execute();
}

/** What was sent to the DfE Assessor Service for the record, and what DfE last said of it. */
export async function dfeItemsOfRecord(db: Db, recordId: string) {
  return db
    .selectFrom('dfeSubmissions')
    .select(['kind', 'state', 'dfeReference', 'dfeStatus', 'sentAt'])
    .where('epaRecordId', '=', recordId)
    .where('sentAt', 'is not', null)
    .orderBy('sentAt')
    .execute();
}

/** The audit entries of these bookings being made and moved, in order: the day each was first made and each day it was moved (bookedOn is rewritten by a move). */
export async function bookingChanges(
  db: Db,
  bookingIds: readonly string[],
): Promise<{ seq: number | null; action: string; entityId: string; after: unknown }[]> {
  if (bookingIds.length === 0) return [];
  return db
    .selectFrom('auditLog')
    .select(['seq', 'action', 'entityId', 'after'])
    .where('entity', '=', 'booking')
    .where('action', 'in', ['book', 'move'])
    .where('entityId', 'in', bookingIds)
    .orderBy('seq')
    .execute();
}
