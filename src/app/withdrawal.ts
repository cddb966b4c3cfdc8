// Withdrawing an apprentice from the EPA, at any stage, by the EPAO or the record's
// training provider. The record keeps its history; its bookings still to come are
// cancelled in the same transaction.

import type { z } from 'zod';
import type { Actor } from '../domain/access/access.ts';
import { transition } from '../domain/lifecycle/record-lifecycle.ts';
import { appendAudit } from '../store/audit.ts';
import type { Db } from '../store/database.ts';
import { bookingsToCome, cancelForWithdrawal, markWithdrawn, recordForWithdrawal, withdrawalOf } from '../store/repositories/withdrawal.repository.ts';
import { inTransaction } from '../store/transaction.ts';
import { type AppContext, today } from './context.ts';
import { conflict, forbidden, notFound } from './errors.ts';
import type { WithdrawInput } from './inputs-assessment.ts';
import { assertCanSee, getRecord } from './records.ts';

export type WithdrawRequest = z.infer<typeof WithdrawInput>;

export async function withdraw(ctx: AppContext, actor: Actor, recordId: string, input: WithdrawRequest) {
  if (actor.role !== 'epao-admin' && actor.role !== 'provider') throw forbidden('an apprentice is withdrawn by the EPAO or the training provider');
  // A provider sees, and so withdraws, only its own apprentices.
  await assertCanSee(ctx, actor, recordId);
  const cancelled = await inTransaction(ctx.db, async (trx) => {
    const record = await recordForWithdrawal(trx, recordId);
    if (!record) throw notFound(`EPA record ${recordId}`);
    if (record.version !== input.version)
      throw conflict('STALE_VERSION', `the record has changed since version ${input.version}: reload it and try again`, { currentVersion: record.version });
    const next = transition(record.status, 'withdraw');
    if (!next.ok) throw conflict(next.code, `the apprentice was already withdrawn on ${record.withdrawnOn}`);
    const withdrawnOn = today(ctx);
    await markWithdrawn(trx, recordId, { status: next.status, withdrawnOn, reason: input.reason, at: ctx.now() });
    await appendAudit(trx, {
      actorId: actor.userId,
      actor: actor.name,
      action: 'withdraw',
      entity: 'epa-record',
      entityId: recordId,
      before: { status: record.status, version: record.version },
      after: { status: 'withdrawn', withdrawnOn, reason: input.reason },
    });
    // Every booking still to come is cancelled. No cancellation charge is recorded by
    // this path: the policy's late-cancellation charge (cancelBooking in bookings.ts)
    // is for moving or dropping one assessment, and what a withdrawal costs is for the
    // EPAO to settle with the provider, so cancellation_charge stays null here.
    return cancelBookingsToCome(ctx, trx, actor, recordId, withdrawnOn, input.reason);
  });
  const record = await getRecord(ctx, actor, recordId);
  const row = await withdrawalOf(ctx.db, recordId);
  return { ...record, withdrawnOn: row.withdrawnOn, withdrawalReason: row.withdrawalReason, cancelledBookings: cancelled };
}

/** A withdrawn record's bookings still to come, cancelled and audited (a transfer uses it too). */
export async function cancelBookingsToCome(ctx: AppContext, trx: Db, actor: Actor, recordId: string, withdrawnOn: string, why: string) {
  const future = await bookingsToCome(trx, recordId, ctx.now());
  const reason = `apprentice withdrawn: ${why}`;
  for (const booking of future) {
    await cancelForWithdrawal(trx, booking.id, withdrawnOn, reason);
    await appendAudit(trx, {
      actorId: actor.userId,
      actor: actor.name,
      action: 'cancel',
      entity: 'booking',
      entityId: booking.id,
      before: { status: booking.status, version: booking.version, startsAt: booking.startsAt, method: booking.method },
      after: { status: 'cancelled', cancelledOn: withdrawnOn, reason, charge: null, withdrawal: true },
    });
  }
  return future.map((b) => ({ id: b.id, method: b.method, startsAt: b.startsAt }));
}
