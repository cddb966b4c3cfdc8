// Malpractice cases. While a case is open the record's result is suspended: no certificate
// is claimed or advanced (src/app/certificates.ts refuses a result that is not released).
// "PAL reserves the right to cancel results if malpractice is identified"
// (004_f9b9047560044387.txt, Section 6 – Certification; the policy: Section 6 – Appeals,
// complaints, maladministration, and malpractice).
import type { z } from 'zod';
import type { Actor } from '../domain/access/access.ts';
import { caseDeciderConflict, type MalpracticeConcerns, suspensionRefusal } from '../domain/quality/malpractice.ts';
import { appendAudit } from '../store/audit.ts';
import type { Db } from '../store/database.ts';
import {
  certificatesOfResult,
  decideCase,
  insertCase,
  insertNote,
  isAssessorUser,
  lockCase,
  lockRecordForCase,
  lockResult,
  nameablePeople,
  setResultStatus,
  suspendAssessorOfUser,
} from '../store/repositories/malpractice.repository.ts';
import { inTransaction } from '../store/transaction.ts';
import { lockCurrentResult } from './certificates.ts';
import { type AppContext, today } from './context.ts';
import { AppError, badRequest, conflict, forbidden, notFound, refused } from './errors.ts';
import { isUuid } from './ids.ts';
import type { MalpracticeDecisionInput, MalpracticeInput } from './inputs-assessment.ts';
import { assertCanSee } from './records.ts';

export type MalpracticeRequest = z.infer<typeof MalpracticeInput>;
export type MalpracticeDecisionRequest = z.infer<typeof MalpracticeDecisionInput>;

function assertEpao(actor: Actor) {
  // 004: access to malpractice reports "is restricted to personnel involved in compliance checks".
  if (actor.role !== 'epao-admin') throw forbidden('malpractice cases are handled by the EPAO');
}

export async function openMalpracticeCase(ctx: AppContext, actor: Actor, recordId: string, input: MalpracticeRequest) {
  assertEpao(actor);
  await assertCanSee(ctx, actor, recordId);
  return openCase(ctx, actor, recordId, { allegation: input.allegation, concerns: 'unknown', concernsUserId: null });
}

export type MalpracticeReport = { allegation: string; concerns: MalpracticeConcerns; concernsUserId?: string | null };

/**
 * Anyone signed in who may see the record reports malpractice or maladministration about it,
 * naming whom it concerns (the EPAO's own staff too): the case opens as if the EPAO opened it,
 * holding the result. The reporter sees no more of it: the case is for compliance staff.
 */
export async function reportMalpractice(ctx: AppContext, actor: Actor, recordId: string, input: MalpracticeReport) {
  await assertCanSee(ctx, actor, recordId);
  const named = input.concernsUserId ?? null;
  if (named && !(isUuid(named) && (await nameablePeople(ctx.db, recordId)).some((p) => p.id === named)))
    throw badRequest('UNKNOWN_PERSON', 'the person named is not one of this apprentice’s assessors or the EPAO’s staff');
  try {
    const opened = await openCase(ctx, actor, recordId, { allegation: input.allegation, concerns: input.concerns, concernsUserId: named });
    return { id: opened.id, openedOn: opened.openedOn, status: opened.status };
  } catch (error) {
    // A case is already open: the report joins it, in its log, rather than being lost.
    if (!(error instanceof AppError) || error.code !== 'CASE_OPEN') throw error;
    const caseId = (error.details as { caseId: string }).caseId;
    const note = `Reported by ${actor.name} (${actor.role}), concerning ${input.concerns}${named ? ` (user ${named})` : ''}: ${input.allegation}`;
    await inTransaction(ctx.db, async (trx) => {
      await insertNote(trx, { caseId, writtenBy: actor.userId, writtenAt: ctx.now(), note });
      await appendAudit(trx, {
        actorId: actor.userId,
        actor: actor.name,
        action: 'report',
        entity: 'malpractice-case',
        entityId: caseId,
        after: { recordId, concerns: input.concerns },
      });
    });
    return { id: caseId, openedOn: today(ctx), status: 'open' as const };
  }
}

async function openCase(
  ctx: AppContext,
  actor: Actor,
  recordId: string,
  input: { allegation: string; concerns: MalpracticeConcerns; concernsUserId: string | null },
) {
  return inTransaction(ctx.db, async (trx) => {
    // The record row is locked so two cases cannot be opened at once.
    const { openCaseId } = await lockRecordForCase(trx, recordId);
    if (openCaseId) throw conflict('CASE_OPEN', 'a malpractice case is already open for this record: add to it', { caseId: openCaseId });
    const result = await lockCurrentResult(trx, recordId);
    const openedOn = today(ctx);
    const created = await insertCase(trx, { epaRecordId: recordId, resultId: result?.id ?? null, openedBy: actor.userId, openedOn, ...input });
    await appendAudit(trx, {
      actorId: actor.userId,
      actor: actor.name,
      action: 'open',
      entity: 'malpractice-case',
      entityId: created.id,
      after: { recordId, resultId: result?.id ?? null, openedOn, ...input },
    });
    if (result && result.status === 'released') {
      await setResultStatus(trx, result.id, 'suspended');
      await appendAudit(trx, {
        actorId: actor.userId,
        actor: actor.name,
        action: 'suspend',
        entity: 'result',
        entityId: result.id,
        before: { status: 'released', version: result.version },
        after: { status: 'suspended', caseId: created.id },
      });
    }
    return { ...created, resultStatus: result ? 'suspended' : null };
  });
}

export async function decideMalpracticeCase(ctx: AppContext, actor: Actor, caseId: string, input: MalpracticeDecisionRequest) {
  assertEpao(actor);
  if (!isUuid(caseId)) throw notFound(`malpractice case ${caseId}`);
  return inTransaction(ctx.db, async (trx) => {
    const before = await lockCase(trx, caseId);
    if (!before) throw notFound(`malpractice case ${caseId}`);
    if (before.status !== 'open') throw conflict('CASE_DECIDED', `the case was already decided (${before.status})`);
    const concerned = caseDeciderConflict(actor.userId, before.concernsUserId);
    if (concerned) throw refused(concerned.code, concerned.message, [concerned]);
    const decidedOn = today(ctx);
    const sanction = input.suspendAssessor ? await suspendConcernedAssessor(trx, before, input.outcome !== 'dismissed', decidedOn) : null;
    // dismissed: no malpractice; result-stands: malpractice found, the result is kept;
    // result-cancelled: malpractice found and the result cancelled (004 Section 6).
    const status = input.outcome === 'dismissed' ? 'dismissed' : 'upheld';
    const outcome = input.outcome === 'dismissed' ? null : input.outcome;
    await decideCase(trx, caseId, { status, outcome, decidedBy: actor.userId, decidedOn, notes: input.notes, sanction });
    await appendAudit(trx, {
      actorId: actor.userId,
      actor: actor.name,
      action: 'decide',
      entity: 'malpractice-case',
      entityId: caseId,
      before: { status: 'open' },
      after: { status, outcome, decidedOn, notes: input.notes, sanction },
    });
    let resultStatus: string | null = null;
    let stoppedCertificates: { id: string; status: string }[] = [];
    let sentCertificates: { id: string; sentOn: string | null }[] = [];
    if (before.resultId) {
      const result = await lockResult(trx, before.resultId);
      resultStatus = result.status;
      if (result.status === 'suspended') {
        resultStatus = input.outcome === 'result-cancelled' ? 'cancelled' : 'released';
        await setResultStatus(trx, result.id, resultStatus as 'cancelled' | 'released');
        const certificates = await certificatesOfResult(trx, result.id);
        // A certificate not yet sent stops: advanceCertificate refuses a cancelled result.
        // One already sent cannot be stopped here; it is listed for the EPAO to recall.
        if (resultStatus === 'cancelled') {
          stoppedCertificates = certificates.filter((c) => c.status !== 'sent').map((c) => ({ id: c.id, status: c.status }));
          sentCertificates = certificates.filter((c) => c.status === 'sent').map((c) => ({ id: c.id, sentOn: c.sentOn }));
        }
        await appendAudit(trx, {
          actorId: actor.userId,
          actor: actor.name,
          action: resultStatus === 'cancelled' ? 'cancel' : 'reinstate',
          entity: 'result',
          entityId: result.id,
          before: { status: 'suspended', version: result.version },
          after: { status: resultStatus, caseId, ...(resultStatus === 'cancelled' ? { stoppedCertificates, sentCertificates } : {}) },
        });
      }
    }
    return { id: caseId, status, outcome, decidedOn, resultId: before.resultId, resultStatus, stoppedCertificates, sentCertificates, sanction };
  });
}

/** The sanction an upheld case names: the assessor it concerns is suspended, and booked no more. */
async function suspendConcernedAssessor(
  trx: Db,
  kase: { id: string; concerns: MalpracticeConcerns; concernsUserId: string | null },
  upheld: boolean,
  on: string,
) {
  const who = kase.concernsUserId;
  const refusal = suspensionRefusal(upheld, kase.concerns, who !== null && (await isAssessorUser(trx, who)));
  if (refusal || !who) throw refused(refusal?.code ?? 'SANCTION_NOT_OPEN', refusal?.message ?? 'no assessor is named', refusal ? [refusal] : []);
  await suspendAssessorOfUser(trx, who, on, `malpractice case ${kase.id}`);
  return 'assessor-suspended' as const;
}
