// Withdrawal in the database: the record locked for it, its close, and its bookings still
// to come cancelled (a transfer closes a record the same way).
import { sql } from 'kysely';
import type { IsoDate } from '../../domain/calendar/dates.ts';
import type { RecordStatus } from '../../domain/lifecycle/record-lifecycle.ts';
import type { Db } from '../database.ts';

/** The record, locked for the withdrawal. */
export async function recordForWithdrawal(
  tx: Db,
  recordId: string,
): Promise<{ status: RecordStatus; version: number; withdrawnOn: IsoDate | null } | undefined> {
  return tx.selectFrom('epaRecords').select(['status', 'version', 'withdrawnOn']).where('id', '=', recordId).forUpdate().executeTakeFirst();
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

/** The record's bookings still to come after `now`, locked. */
export async function bookingsToCome(tx: Db, recordId: string, now: Date): Promise<BookingToCome[]> {
  return tx
    .selectFrom('bookings')
    .select(['id', 'status', 'version', 'startsAt', 'method'])
    .where('epaRecordId', '=', recordId)
    .where('status', '=', 'booked')
    .where('startsAt', '>', now)
    .forUpdate()
    .execute();
}

/** Cancelled by the withdrawal: no charge recorded on this path. */
export async function cancelForWithdrawal(tx: Db, bookingId: string, cancelledOn: IsoDate, reason: string): Promise<void> {
  await tx
    .updateTable('bookings')
    .set({ status: 'cancelled', cancelledOn, cancellationReason: reason, cancellationCharge: null, version: sql`version + 1` })
    .where('id', '=', bookingId)
    .execute();
}
