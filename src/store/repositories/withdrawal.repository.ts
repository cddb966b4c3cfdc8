// Withdrawal in the database: the record locked for it, its close, and its bookings still
// to come cancelled (a transfer closes a record the same way).
import { type Selectable, sql } from 'kysely';
import type { IsoDate } from '../../domain/calendar/dates.ts';
import type { RecordStatus } from '../../domain/lifecycle/record-lifecycle.ts';
import type { Db } from '../database.ts';
import type { Database } from '../schema.ts';

export type RecordToWithdraw = { status: RecordStatus; version: number; withdrawnOn: IsoDate | null; standard: string; policy: string | null };

/** The record, locked for the withdrawal. */
export async function recordForWithdrawal(tx: Db, recordId: string): Promise<RecordToWithdraw | undefined> {
  return tx
    .selectFrom('epaRecords')
    .select(['status', 'version', 'withdrawnOn', 'standard', 'policy'])
    .where('id', '=', recordId)
    .forUpdate()
    .executeTakeFirst();
}

export async function markWithdrawn(tx: Db, recordId: string, change: { status: RecordStatus; withdrawnOn: IsoDate; reason: string; at: Date }): Promise<void> {
  await tx
    .updateTable('epaRecords')
    .set({ status: change.status, withdrawnOn: change.withdrawnOn, withdrawalReason: change.reason, version: sql`version + 1`, updatedAt: change.at })
    .where('id', '=', recordId)
    .execute();
}

export async function withdrawalOf(db: Db, recordId: string): Promise<{ withdrawnOn: IsoDate | null; withdrawalReason: string | null }> {
  return db.selectFrom('epaRecords').select(['withdrawnOn', 'withdrawalReason']).where('id', '=', recordId).executeTakeFirstOrThrow();
}

export type BookingToCome = { id: string; status: 'booked' | 'held' | 'cancelled'; version: number; startsAt: Date; method: string };

/** The record's bookings still to come after `now`, locked (or, to show them, read). */
export async function bookingsToCome(tx: Db, recordId: string, now: Date, options: { lock: boolean } = { lock: true }): Promise<BookingToCome[]> {
  return tx
    .selectFrom('bookings')
    .select(['id', 'status', 'version', 'startsAt', 'method'])
    .where('epaRecordId', '=', recordId)
    .where('status', '=', 'booked')
    .where('startsAt', '>', now)
    .orderBy('startsAt')
    .$if(options.lock, (q) => q.forUpdate())
    .execute();
}

/** Cancelled by the withdrawal, with the charge the policy makes due (null where none is). */
export async function cancelForWithdrawal(tx: Db, bookingId: string, cancelledOn: IsoDate, reason: string, charge: string | null = null): Promise<void> {
  await tx
    .updateTable('bookings')
    .set({ status: 'cancelled', cancelledOn, cancellationReason: reason, cancellationCharge: charge, version: sql`version + 1` })
    .where('id', '=', bookingId)
    .execute();
}

export type WithdrawalRequestRow = Selectable<Database['withdrawalRequests']> & { requesterName: string };

const requestQuery = (db: Db) =>
  db
    .selectFrom('withdrawalRequests')
    .innerJoin('users', 'users.id', 'withdrawalRequests.requestedBy')
    .selectAll('withdrawalRequests')
    .select('users.name as requesterName');

/** The record's request still waiting for the EPAO, if any. */
export async function openWithdrawalRequest(db: Db, recordId: string): Promise<WithdrawalRequestRow | undefined> {
  return requestQuery(db).where('withdrawalRequests.epaRecordId', '=', recordId).where('withdrawalRequests.status', '=', 'requested').executeTakeFirst();
}

export async function lockWithdrawalRequest(tx: Db, id: string): Promise<WithdrawalRequestRow | undefined> {
  return requestQuery(tx).where('withdrawalRequests.id', '=', id).forUpdate(['withdrawalRequests']).executeTakeFirst();
}

/** A new request; undefined when the record already has one waiting (the one-open index). */
export async function insertWithdrawalRequest(
  tx: Db,
  values: { epaRecordId: string; requestedBy: string; requestedOn: IsoDate; reason: string },
): Promise<{ id: string } | undefined> {
  return tx
    .insertInto('withdrawalRequests')
    .values({ ...values, status: 'requested' })
    .onConflict((oc) => oc.column('epaRecordId').where('status', '=', 'requested').doNothing())
    .returning('id')
    .executeTakeFirst();
}

export async function decideWithdrawalRequest(
  tx: Db,
  id: string,
  decision: { status: 'confirmed' | 'declined'; decidedBy: string; decidedOn: IsoDate; decisionReason: string | null },
): Promise<void> {
  // Only a request still waiting: a decision is made once.
  await tx.updateTable('withdrawalRequests').set(decision).where('id', '=', id).where('status', '=', 'requested').execute();
}

/** The EPAO's admins' addresses, who are told of a request. */
export async function epaoAdminEmails(db: Db): Promise<string[]> {
  return (await db.selectFrom('users').select('email').where('role', '=', 'epao-admin').where('disabledAt', 'is', null).orderBy('email').execute()).map(
    (u) => u.email,
  );
}

export async function userEmail(db: Db, id: string): Promise<string | undefined> {
  return (await db.selectFrom('users').select('email').where('id', '=', id).executeTakeFirst())?.email;
}
