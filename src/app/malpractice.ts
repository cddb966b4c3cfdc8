// Malpractice cases. While a case is open the record's result is suspended: no certificate
// is claimed or advanced (src/app/certificates.ts refuses a result that is not released).
// "PAL reserves the right to cancel results if malpractice is identified"
// (004_f9b9047560044387.txt, Section 6 – Certification; the policy: Section 6 – Appeals,
// complaints, maladministration, and malpractice).
import type { z } from 'zod';
import type { Actor } from '../domain/access/access.ts';
import { appendAudit } from '../store/audit.ts';
import {
  certificatesOfResult,
  decideCase,
  insertCase,
  lockCase,
  lockRecordForCase,
  lockResult,
  setResultStatus,
} from '../store/repositories/malpractice.repository.ts';
import { inTransaction } from '../store/transaction.ts';
import { lockCurrentResult } from './certificates.ts';
import { type AppContext, today } from './context.ts';
import { conflict, forbidden, notFound } from './errors.ts';
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
  return inTransaction(ctx.db, async (trx) => {
    // The record row is locked so two cases cannot be opened at once.
    const { openCaseId } = await lockRecordForCase(trx, recordId);
    if (openCaseId) throw conflict('CASE_OPEN', 'a malpractice case is already open for this record: add to it', { caseId: openCaseId });
    const result = await lockCurrentResult(trx, recordId);
    const openedOn = today(ctx);
    const created = await insertCase(trx, {
      epaRecordId: recordId,
      resultId: result?.id ?? null,
      openedBy: actor.userId,
      openedOn,
      allegation: input.allegation,
    });
    await appendAudit(trx, {
      actorId: actor.userId,
      actor: actor.name,
      action: 'open',
      entity: 'malpractice-case',
      entityId: created.id,
      after: { recordId, resultId: result?.id ?? null, openedOn, allegation: input.allegation },
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
    const decidedOn = today(ctx);
    // dismissed: no malpractice; result-stands: malpractice found, the result is kept;
    // result-cancelled: malpractice found and the result cancelled (004 Section 6).
    const status = input.outcome === 'dismissed' ? 'dismissed' : 'upheld';
    const outcome = input.outcome === 'dismissed' ? null : input.outcome;
    await decideCase(trx, caseId, { status, outcome, decidedBy: actor.userId, decidedOn, notes: input.notes });
    await appendAudit(trx, {
      actorId: actor.userId,
      actor: actor.name,
      action: 'decide',
      entity: 'malpractice-case',
      entityId: caseId,
      before: { status: 'open' },
      after: { status, outcome, decidedOn, notes: input.notes },
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
    return { id: caseId, status, outcome, decidedOn, resultId: before.resultId, resultStatus, stoppedCertificates, sentCertificates };
  });
}
