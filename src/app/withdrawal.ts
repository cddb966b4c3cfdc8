// Withdrawing an apprentice from the EPA, at any stage: by the EPAO (or the record's training
// provider, straight away, as the API always allowed), or asked for by the provider or the
// employer and confirmed or declined by the EPAO. Before anyone confirms, the bookings still
// to come are shown with the charge the policy makes due on each (domain/booking/
// withdrawal-charges.ts); the record keeps its history and those bookings are cancelled in
// the same transaction, each with its charge.
import type { z } from 'zod';
import type { Actor } from '../domain/access/access.ts';
import { chargeDue, withdrawalCharges } from '../domain/booking/withdrawal-charges.ts';
import { utcToLondon } from '../domain/calendar/london-time.ts';
import { transition } from '../domain/lifecycle/record-lifecycle.ts';
import type { Policy } from '../domain/standards/schema.ts';
import { appendAudit } from '../store/audit.ts';
import type { Db } from '../store/database.ts';
import { writeMail } from '../store/repositories/outbox.repository.ts';
import {
  bookingsToCome,
  cancelForWithdrawal,
  decideWithdrawalRequest,
  epaoAdminEmails,
  insertWithdrawalRequest,
  lockWithdrawalRequest,
  markWithdrawn,
  openWithdrawalRequest,
  recordForWithdrawal,
  userEmail,
  withdrawalOf,
} from '../store/repositories/withdrawal.repository.ts';
import { inTransaction } from '../store/transaction.ts';
import { resolved } from './booking-decision.ts';
import { type AppContext, today } from './context.ts';
import { publicUrl } from './epao-settings.ts';
import { conflict, forbidden, notFound } from './errors.ts';
import { isUuid } from './ids.ts';
import type { WithdrawalDeclineInput, WithdrawalRequestInput, WithdrawInput } from './inputs-assessment.ts';
import { composeMail } from './mail-templates.ts';
import { assertCanSee, getRecord } from './records.ts';

export type WithdrawRequest = z.infer<typeof WithdrawInput>;

/** The record's policy rule for late cancellations (none where it follows the plan alone). */
function cancellationRule(ctx: AppContext, record: { standard: string; policy: string | null }): Policy['cancellation'] | undefined {
  return resolved(ctx, record).policy?.cancellation;
}

/** The bookings still to come with the charge each would carry if the apprentice were withdrawn today. */
async function chargesToCome(ctx: AppContext, db: Db, recordId: string, record: { standard: string; policy: string | null }, lock: boolean) {
  const future = await bookingsToCome(db, recordId, ctx.now(), { lock });
  const on = today(ctx);
  const charged = withdrawalCharges(
    cancellationRule(ctx, record),
    future.map((b) => ({ id: b.id, method: b.method, date: utcToLondon(b.startsAt).date })),
    on,
    ctx.holidays,
  );
  return future.map((b, i) => ({ ...b, charge: charged[i] as (typeof charged)[number] }));
}

/** What withdrawing would do now, for those who may ask for it or confirm it: the bookings to come and their charges. */
export async function withdrawalPreview(ctx: AppContext, actor: Actor, recordId: string) {
  if (!['epao-admin', 'provider', 'employer'].includes(actor.role)) throw forbidden('a withdrawal is for the EPAO, the provider or the employer');
  const record = await getRecord(ctx, actor, recordId);
  const methods = resolved(ctx, record).index.methods;
  const bookings = await chargesToCome(ctx, ctx.db, recordId, record, false);
  return {
    recordId,
    version: record.version,
    status: record.status,
    request: (await openWithdrawalRequest(ctx.db, recordId)) ?? null,
    bookings: bookings.map(({ charge, ...b }) => ({
      id: b.id,
      method: b.method,
      methodName: methods.get(b.method)?.name ?? b.method,
      startsAt: b.startsAt,
      charge: charge.charge,
      workingDaysBefore: charge.workingDaysBefore,
      withinWorkingDays: charge.withinWorkingDays,
      source: charge.source,
    })),
  };
}

/** Withdraws the record in the caller's transaction; the bookings cancelled, each with the charge due. */
async function withdrawIn(ctx: AppContext, trx: Db, actor: Actor, recordId: string, input: WithdrawRequest) {
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
  return cancelBookingsToCome(ctx, trx, actor, recordId, withdrawnOn, input.reason, cancellationRule(ctx, record));
}

async function withdrawnView(ctx: AppContext, actor: Actor, recordId: string, cancelled: Awaited<ReturnType<typeof withdrawIn>>) {
  const record = await getRecord(ctx, actor, recordId);
  const row = await withdrawalOf(ctx.db, recordId);
  return { ...record, withdrawnOn: row.withdrawnOn, withdrawalReason: row.withdrawalReason, cancelledBookings: cancelled };
}

export async function withdraw(ctx: AppContext, actor: Actor, recordId: string, input: WithdrawRequest) {
  if (actor.role !== 'epao-admin' && actor.role !== 'provider') throw forbidden('an apprentice is withdrawn by the EPAO or the training provider');
  // A provider sees, and so withdraws, only its own apprentices.
  await assertCanSee(ctx, actor, recordId);
  const cancelled = await inTransaction(ctx.db, async (trx) => {
    const done = await withdrawIn(ctx, trx, actor, recordId, input);
    // A request waiting for the EPAO is answered by the withdrawal itself: locked after the
    // record, so a decline made meanwhile is seen and left as it is.
    const open = await openWithdrawalRequest(trx, recordId);
    const request = open && (await lockWithdrawalRequest(trx, open.id));
    if (request?.status === 'requested') {
      await decideWithdrawalRequest(trx, request.id, { status: 'confirmed', decidedBy: actor.userId, decidedOn: today(ctx), decisionReason: null });
      await appendAudit(trx, {
        actorId: actor.userId,
        actor: actor.name,
        action: 'confirm-withdrawal',
        entity: 'epa-record',
        entityId: recordId,
        after: { requestId: request.id },
      });
      const charged = done.filter((b) => b.charge !== null).length;
      await tellRequester(trx, request, 'confirmed', { withdrawnOn: today(ctx), cancelled: String(done.length), charged: String(charged) });
    }
    return done;
  });
  return withdrawnView(ctx, actor, recordId, cancelled);
}

/**
 * A record's bookings still to come, cancelled and audited. `rule`: the policy's
 * late-cancellation charge, recorded where one is due; a transfer to another provider
 * passes none (the learner is not leaving the EPA).
 */
export async function cancelBookingsToCome(
  ctx: AppContext,
  trx: Db,
  actor: Actor,
  recordId: string,
  withdrawnOn: string,
  why: string,
  rule?: Policy['cancellation'],
) {
  const future = await bookingsToCome(trx, recordId, ctx.now());
  const charges = withdrawalCharges(
    rule,
    future.map((b) => ({ id: b.id, method: b.method, date: utcToLondon(b.startsAt).date })),
    withdrawnOn,
    ctx.holidays,
  );
  const reason = `apprentice withdrawn: ${why}`;
  const cancelled: { id: string; method: string; startsAt: Date; charge: 'full-fee' | null }[] = [];
  for (const [i, booking] of future.entries()) {
    const charge = charges[i] as (typeof charges)[number];
    await cancelForWithdrawal(trx, booking.id, withdrawnOn, reason, chargeDue(charge));
    await appendAudit(trx, {
      actorId: actor.userId,
      actor: actor.name,
      action: 'cancel',
      entity: 'booking',
      entityId: booking.id,
      before: { status: booking.status, version: booking.version, startsAt: booking.startsAt, method: booking.method },
      after: { status: 'cancelled', cancelledOn: withdrawnOn, reason, charge: chargeDue(charge), chargeSource: charge.source, withdrawal: true },
    });
    cancelled.push({ id: booking.id, method: booking.method, startsAt: booking.startsAt, charge: chargeDue(charge) });
  }
  return cancelled;
}

/** The provider or the employer asks the EPAO to withdraw the apprentice; the EPAO's admins are told. */
export async function requestWithdrawal(ctx: AppContext, actor: Actor, recordId: string, input: z.infer<typeof WithdrawalRequestInput>) {
  if (actor.role !== 'provider' && actor.role !== 'employer') throw forbidden('the provider or the employer asks for a withdrawal; the EPAO withdraws');
  const record = await getRecord(ctx, actor, recordId);
  if (record.status === 'withdrawn') throw conflict('RECORD_WITHDRAWN', 'the apprentice has already been withdrawn');
  return inTransaction(ctx.db, async (trx) => {
    const requestedOn = today(ctx);
    const made = await insertWithdrawalRequest(trx, { epaRecordId: recordId, requestedBy: actor.userId, requestedOn, reason: input.reason });
    if (!made) throw conflict('WITHDRAWAL_REQUESTED', 'a withdrawal has already been asked for and waits for the EPAO');
    await appendAudit(trx, { actorId: actor.userId, actor: actor.name, action: 'request-withdrawal', entity: 'epa-record', entityId: recordId, after: input });
    const who = `${record.apprentice.givenNames} ${record.apprentice.familyName}`;
    const link = `${publicUrl()}/records/${recordId}/withdrawal`;
    const values = { requester: actor.name, apprentice: who, requestedOn, reason: input.reason, link };
    const admins = await epaoAdminEmails(trx);
    await writeMail(trx, await Promise.all(admins.map((to) => composeMail(trx, 'withdrawal-requested', to, values, `withdrawal:${made.id}:requested:${to}`))));
    return (await openWithdrawalRequest(trx, recordId)) as NonNullable<Awaited<ReturnType<typeof openWithdrawalRequest>>>;
  });
}

/** The request, locked, still waiting for the EPAO. */
async function waitingRequest(trx: Db, requestId: string) {
  if (!isUuid(requestId)) throw notFound(`withdrawal request ${requestId}`);
  const request = await lockWithdrawalRequest(trx, requestId);
  if (!request) throw notFound(`withdrawal request ${requestId}`);
  if (request.status !== 'requested') throw conflict('WITHDRAWAL_DECIDED', `the request was already ${request.status}`);
  return request;
}

async function tellRequester(trx: Db, request: { id: string; requestedBy: string }, step: 'confirmed' | 'declined', values: Record<string, string>) {
  const to = await userEmail(trx, request.requestedBy);
  if (to) await writeMail(trx, [await composeMail(trx, `withdrawal-${step}`, to, values, `withdrawal:${request.id}:${step}:${to.toLowerCase()}`)]);
}

/** The EPAO confirms the request at the record's version: the apprentice is withdrawn with the reason asked for. */
export async function confirmWithdrawal(ctx: AppContext, actor: Actor, requestId: string, input: { version: number }) {
  if (actor.role !== 'epao-admin') throw forbidden('the EPAO confirms a withdrawal');
  const { recordId, cancelled } = await inTransaction(ctx.db, async (trx) => {
    const request = await waitingRequest(trx, requestId);
    const done = await withdrawIn(ctx, trx, actor, request.epaRecordId, { version: input.version, reason: request.reason });
    await decideWithdrawalRequest(trx, request.id, { status: 'confirmed', decidedBy: actor.userId, decidedOn: today(ctx), decisionReason: null });
    const charged = done.filter((b) => b.charge !== null).length;
    await tellRequester(trx, request, 'confirmed', { withdrawnOn: today(ctx), cancelled: String(done.length), charged: String(charged) });
    return { recordId: request.epaRecordId, cancelled: done };
  });
  return withdrawnView(ctx, actor, recordId, cancelled);
}

/** The EPAO declines the request, saying why; the record is unchanged. */
export async function declineWithdrawal(ctx: AppContext, actor: Actor, requestId: string, input: z.infer<typeof WithdrawalDeclineInput>) {
  if (actor.role !== 'epao-admin') throw forbidden('the EPAO declines a withdrawal');
  return inTransaction(ctx.db, async (trx) => {
    const request = await waitingRequest(trx, requestId);
    const decidedOn = today(ctx);
    await decideWithdrawalRequest(trx, request.id, { status: 'declined', decidedBy: actor.userId, decidedOn, decisionReason: input.reason });
    await appendAudit(trx, {
      actorId: actor.userId,
      actor: actor.name,
      action: 'decline-withdrawal',
      entity: 'epa-record',
      entityId: request.epaRecordId,
      after: input,
    });
    await tellRequester(trx, request, 'declined', { reason: input.reason });
    return { ...request, status: 'declined' as const, decidedBy: actor.userId, decidedOn, decisionReason: input.reason };
  });
}
