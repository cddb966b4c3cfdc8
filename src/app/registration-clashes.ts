// Registration clashes: registrations held because the apprentice is active for the
// standard with another training provider (records.ts requestRegistration holds them). The
// EPAO admin sees both sides and decides:
//
// - transfer: the apprentice has moved provider. The old provider's active record is
//   closed as withdrawn, its reason saying it was transferred (its history stays, and its
//   bookings still to come are cancelled, as a withdrawal does), and the registration the
//   new provider asked for is made, registered on the day of the decision. The old
//   provider learns only that its record was transferred, not to whom.
// - reject: the clash is closed with a reason the requesting provider reads; the existing
//   record is untouched.
//
// The requesting provider sees its held registration (what it sent, the state, the
// decision) and never the other side. Each step is audited in its own transaction.

import { z } from 'zod';
import { type Actor, canSeeClash, clashScope, may } from '../domain/access/access.ts';
import { CLOSED_STATUSES } from '../domain/lifecycle/record-lifecycle.ts';
import { registrationRoute } from '../domain/registration/clash.ts';
import { identityMismatch } from '../domain/registration/identity.ts';
import { appendAudit } from '../store/audit.ts';
import type { Db } from '../store/database.ts';
import {
  type ClashRow,
  clashedRecords,
  clashRow,
  clashRows,
  clashToDecide,
  closeClash,
  lockClash,
  requesterNames,
} from '../store/repositories/registration-clashes.repository.ts';
import { markWithdrawn, recordForWithdrawal } from '../store/repositories/withdrawal.repository.ts';
import type { RecordStatus } from '../store/schema.ts';
import { inTransaction } from '../store/transaction.ts';
import { type AppContext, today } from './context.ts';
import { AppError, conflict, forbidden, notFound, refused } from './errors.ts';
import { isUuid } from './ids.ts';
import { RegisterInput } from './inputs.ts';
import { isDuplicateRegistration, validateRegistration } from './records.ts';
import {
  type ClashStatus,
  type HeldRegistration,
  heldView,
  isSecondPerson,
  learnerOf,
  type RegistrationValues,
  writeRegistration,
} from './registration-steps.ts';
import { cancelBookingsToCome } from './withdrawal.ts';

/** The longest reason a rejection gives (the page quotes it). */
export const MAX_CLASH_REASON = 2000;
export const ClashDecisionInput = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('transfer') }),
  z.strictObject({ decision: z.literal('reject'), reason: z.string().trim().min(1).max(MAX_CLASH_REASON) }),
]);
export type ClashDecision = z.infer<typeof ClashDecisionInput>;

export const ClashListQuery = z.object({ status: z.enum(['open', 'transferred', 'rejected', 'all']).default('open') });

/** The withdrawal reason the old provider reads on its record: that it moved, not where. */
export const TRANSFER_REASON = 'transferred to another training provider: the EPAO approved a registration for the apprentice with them';

/** What the EPAO sees beside the held registration: who asked, and the record it clashed with. */
export type ClashEpaoSide = {
  requestedProvider: { id: string; name: string };
  requestedBy: string | null;
  existing: {
    recordId: string;
    status: RecordStatus;
    standard: string;
    registeredOn: string;
    startDate: string;
    provider: { id: string; name: string };
    apprentice: { givenNames: string; familyName: string };
  };
};

export type ClashView = HeldRegistration & { epao?: ClashEpaoSide };

/** The EPAO's side of these clashes, read only for the EPAO. */
async function epaoSides(db: Db, rows: ClashRow[]): Promise<Map<string, ClashEpaoSide>> {
  if (rows.length === 0) return new Map();
  const existing = await clashedRecords(db, [...new Set(rows.map((r) => r.existingRecordId))]);
  const requesterIds = [...new Set(rows.flatMap((r) => (r.requestedBy ? [r.requestedBy] : [])))];
  const nameOf = await requesterNames(db, [...new Set(rows.map((r) => r.requestedProviderId))], requesterIds);
  const recordOf = new Map(existing.map((e) => [e.id, e]));
  const sides = new Map<string, ClashEpaoSide>();
  for (const r of rows) {
    const e = recordOf.get(r.existingRecordId);
    if (!e) continue;
    sides.set(r.id, {
      requestedProvider: { id: r.requestedProviderId, name: nameOf.get(r.requestedProviderId) ?? '' },
      requestedBy: r.requestedBy ? (nameOf.get(r.requestedBy) ?? null) : null,
      existing: {
        recordId: e.id,
        status: e.status,
        standard: e.standard,
        registeredOn: e.registeredOn,
        startDate: e.startDate,
        provider: { id: e.providerId, name: e.providerName },
        apprentice: { givenNames: e.givenNames, familyName: e.familyName },
      },
    });
  }
  return sides;
}

async function views(db: Db, actor: Actor, rows: ClashRow[]): Promise<ClashView[]> {
  // Only the EPAO's view reads the other side at all.
  const sides = clashScope(actor).kind === 'all' ? await epaoSides(db, rows) : new Map<string, ClashEpaoSide>();
  return rows.map((r) => {
    const side = sides.get(r.id);
    return side ? { ...heldView(r), epao: side } : heldView(r);
  });
}

/** Held registrations the actor may see: the EPAO's queue (open ones, longest waiting first), or a provider's own. */
export async function listClashes(ctx: AppContext, actor: Actor, filter: { status?: ClashStatus | 'all' } = {}): Promise<ClashView[]> {
  const scope = clashScope(actor);
  if (scope.kind === 'none') throw forbidden('only the EPAO and the training provider that asked see held registrations');
  const status = filter.status ?? 'open';
  const rows = await clashRows(ctx.db, {
    requestedProviderId: scope.kind === 'requested-by' ? scope.organisationId : undefined,
    status: status === 'all' ? undefined : status,
  });
  return views(ctx.db, actor, rows);
}

/** One held registration; someone else's is "not found". */
export async function getClash(ctx: AppContext, actor: Actor, id: string): Promise<ClashView> {
  const row = isUuid(id) ? await clashRow(ctx.db, id) : undefined;
  if (!row || !canSeeClash(actor, row)) throw notFound(`held registration ${id}`);
  const [view] = await views(ctx.db, actor, [row]);
  return view as ClashView;
}

/** The EPAO transfers the apprentice to the requesting provider, or rejects the registration with a reason. */
export async function decideClash(ctx: AppContext, actor: Actor, id: string, decision: ClashDecision): Promise<ClashView> {
  if (!may(actor, 'registration-clash.decide')) throw forbidden('the EPAO decides a held registration');
  const seen = isUuid(id) ? await clashToDecide(ctx.db, id) : undefined;
  if (!seen) throw notFound(`held registration ${id}`);
  if (seen.status !== 'open') throw conflict('ALREADY_DECIDED', `this held registration was already decided (${seen.status})`);
  // Checked again as the EPAO registers it (the standard, provider and employer still there),
  // before the transaction: the checks read through the pool, which a transaction holds.
  const valid = decision.decision === 'transfer' ? await validateRegistration(ctx, actor, RegisterInput.parse(seen.request)) : null;
  try {
    await inTransaction(ctx.db, async (trx) => {
      const clash = await lockClash(trx, id);
      if (clash.status !== 'open') throw conflict('ALREADY_DECIDED', `this held registration was already decided (${clash.status})`);
      const decided = { decidedBy: actor.userId, decidedAt: ctx.now() };
      if (!valid || decision.decision === 'reject') {
        const reason = decision.decision === 'reject' ? decision.reason : '';
        await closeClash(trx, id, { ...decided, status: 'rejected', reason });
        await audit(trx, actor, 'reject', id, { status: 'rejected', reason });
        return;
      }
      const transferred = await transfer(ctx, trx, actor, clash, valid);
      await closeClash(trx, id, { ...decided, status: 'transferred', newRecordId: transferred.newRecordId });
      await audit(trx, actor, 'transfer', id, { status: 'transferred', ...transferred });
    });
  } catch (error) {
    if (isDuplicateRegistration(error))
      throw conflict('DUPLICATE_REGISTRATION', 'the apprentice was registered for this standard while the decision was being made: reload and decide again');
    if (isSecondPerson(error))
      throw new AppError(422, 'ULN_IDENTITY_MISMATCH', 'a different person was registered under this ULN meanwhile: reject this registration');
    throw error;
  }
  return getClash(ctx, actor, id);
}

const audit = (trx: Db, actor: Actor, action: string, id: string, after: Record<string, unknown>) =>
  appendAudit(trx, { actorId: actor.userId, actor: actor.name, action, entity: 'registration-clash', entityId: id, before: { status: 'open' }, after });

/** Closes the old provider's active record, if it is still active, and makes the requested registration. */
async function transfer(
  ctx: AppContext,
  trx: Db,
  actor: Actor,
  clash: { id: string; uln: string; standardCode: string; requestedProviderId: string },
  valid: RegistrationValues,
): Promise<{ closedRecordId: string | null; newRecordId: string }> {
  const learner = await learnerOf(trx, clash.uln);
  const mismatch = identityMismatch(clash.uln, valid.apprentice, learner.rows);
  if (mismatch) throw refused(mismatch.code, mismatch.message, [mismatch]);
  const active = learner.active.get(clash.standardCode) ?? null;
  if (registrationRoute(clash.uln, clash.requestedProviderId, active) === 'duplicate')
    throw conflict('DUPLICATE_REGISTRATION', 'the requesting provider already has an active record for this standard: reject this registration');
  const closedRecordId = active ? await closeAsTransferred(ctx, trx, actor, active.id, clash.id) : null;
  const written = await writeRegistration(trx, actor, valid, learner, { clashId: clash.id, transferredFrom: closedRecordId });
  return { closedRecordId, newRecordId: written.recordId };
}

/** As a withdrawal (withdrawal.ts) does it: the record is closed, its history kept, its bookings still to come cancelled. */
async function closeAsTransferred(ctx: AppContext, trx: Db, actor: Actor, recordId: string, clashId: string): Promise<string | null> {
  const record = await recordForWithdrawal(trx, recordId);
  if (!record || CLOSED_STATUSES.includes(record.status)) return null;
  const withdrawnOn = today(ctx);
  await markWithdrawn(trx, recordId, { status: 'withdrawn', withdrawnOn, reason: TRANSFER_REASON, at: ctx.now() });
  await appendAudit(trx, {
    actorId: actor.userId,
    actor: actor.name,
    action: 'withdraw',
    entity: 'epa-record',
    entityId: recordId,
    before: { status: record.status, version: record.version },
    after: { status: 'withdrawn', withdrawnOn, reason: TRANSFER_REASON, clashId },
  });
  await cancelBookingsToCome(ctx, trx, actor, recordId, withdrawnOn, TRANSFER_REASON);
  return recordId;
}
