// Certificates and the results statement. The EPAO claims the certificate for a pass or a
// distinction, in the name spelled as on the record, and it is sent to the named employer
// (004_f9b9047560044387.txt, Section 6 – Certification; Appendix One). The checks are the
// domain's (src/domain/certification/claim.ts); this gathers the facts and keeps the steps.
import type { z } from 'zod';
import type { Actor } from '../domain/access/access.ts';
import { heldByAppeal } from '../domain/appeals/steps.ts';
import { checkClaim } from '../domain/certification/claim.ts';
import { appendAudit } from '../store/audit.ts';
import { openAppealOfRecord } from '../store/repositories/appeals.repository.ts';
import {
  type CertificateRow,
  type CertificateStatus,
  certificateOfResult,
  employerOfRecord,
  findCertificate,
  insertCertificate,
  listCertificateRows,
  lockCertificate,
  lockCurrentResult,
  recordCertificateStep,
  recordForCertificate,
} from '../store/repositories/certificates.repository.ts';
import { lockResult } from '../store/repositories/malpractice.repository.ts';
import { inTransaction } from '../store/transaction.ts';
import { type AppContext, today } from './context.ts';
import { conflict, forbidden, notFound, refused } from './errors.ts';
import { isUuid } from './ids.ts';
import type { CertificateStepInput, ClaimInput } from './inputs-assessment.ts';
import { assertCanSee } from './records.ts';
import { notReleased } from './result-standing.ts';

// Where appeals, malpractice and the result views have always found them: the current result
// locked, the refusal for a result no longer released, and the results statement.
export { lockCurrentResult } from '../store/repositories/certificates.repository.ts';
export { notReleased } from './result-standing.ts';
export { resultsStatementPdf } from './results-statement.ts';

export type ClaimRequest = z.infer<typeof ClaimInput>;
export type CertificateStepRequest = z.infer<typeof CertificateStepInput>;

const isEpao = (actor: Actor) => actor.role === 'epao-admin';

export type CertificateView = Omit<CertificateRow, 'employerId' | 'employerName'> & {
  /** 004 Section 6: "the certificate is sent to the named employer". */
  sendTo: { employerId: string; name: string };
  /** A certificate whose result is no longer released goes no further (suspended, cancelled, superseded). */
  stopped: boolean;
};

function toView(row: CertificateRow): CertificateView {
  const { employerId, employerName, ...rest } = row;
  return { ...rest, sendTo: { employerId, name: employerName }, stopped: row.resultStatus !== 'released' && row.status !== 'sent' };
}

/** The EPAO claims the certificate for the record's released pass or distinction. */
export async function claimCertificate(ctx: AppContext, actor: Actor, recordId: string, input: ClaimRequest): Promise<CertificateView> {
  if (!isEpao(actor)) throw forbidden('the EPAO claims the certificate on the apprentice’s behalf (004 Section 6)');
  await assertCanSee(ctx, actor, recordId);
  const id = await inTransaction(ctx.db, async (trx) => {
    const record = await recordForCertificate(trx, recordId);
    if (!record) throw notFound(`EPA record ${recordId}`);
    if (record.status === 'withdrawn') throw conflict('RECORD_WITHDRAWN', 'the apprentice has withdrawn');
    const result = await lockCurrentResult(trx, recordId);
    if (!result) throw conflict('NO_RELEASED_RESULT', 'the record has no released result to certificate');
    if (result.status !== 'released') throw notReleased(result);
    const held = heldByAppeal((await openAppealOfRecord(trx, recordId)) ?? null, 'claim', input.appealOverride ?? null);
    if (held) throw refused(held.code, held.message, [held]);
    const findings = checkClaim({
      overall: result.overall,
      record: { uln: record.uln, givenNames: record.givenNames, familyName: record.familyName },
      claim: input,
    });
    if (findings.length > 0) throw refused(findings[0]?.code as string, findings.map((f) => f.message).join('; '), findings);
    const existing = await certificateOfResult(trx, result.id);
    if (existing) throw conflict('CERTIFICATE_EXISTS', 'a certificate has already been claimed for this result', { certificateId: existing });
    const certificate = await insertCertificate(trx, {
      epaRecordId: recordId,
      resultId: result.id,
      claimedGivenNames: input.givenNames,
      claimedFamilyName: input.familyName,
      claimedUln: input.uln,
      requestedOn: today(ctx),
      postalContact: input.postalContact ? JSON.stringify(input.postalContact) : null,
    }).catch((error: { code?: string }) => {
      if (error?.code === '23505') throw conflict('CERTIFICATE_EXISTS', 'a certificate has already been claimed for this result');
      throw error;
    });
    await appendAudit(trx, {
      actorId: actor.userId,
      actor: actor.name,
      action: 'claim',
      entity: 'certificate',
      entityId: certificate.id,
      after: { recordId, resultId: result.id, grade: result.overall, ...input, requestedOn: certificate.requestedOn },
    });
    return certificate.id;
  });
  return getCertificate(ctx, id);
}

async function getCertificate(ctx: AppContext, id: string): Promise<CertificateView> {
  const row = await findCertificate(ctx.db, id);
  if (!row) throw notFound(`certificate ${id}`);
  return toView(row);
}

/** requested → issued → sent; a reprint of an issued or sent certificate, then issued again. */
const STEPS: Record<CertificateStepRequest['step'], { from: readonly CertificateStatus[]; to: CertificateStatus }> = {
  issued: { from: ['requested', 'reprint-requested'], to: 'issued' },
  sent: { from: ['issued'], to: 'sent' },
  reprint: { from: ['issued', 'sent'], to: 'reprint-requested' },
};

export async function advanceCertificate(ctx: AppContext, actor: Actor, certificateId: string, input: CertificateStepRequest): Promise<CertificateView> {
  if (!isEpao(actor)) throw forbidden('certificates are handled by the EPAO');
  if (!isUuid(certificateId)) throw notFound(`certificate ${certificateId}`);
  await inTransaction(ctx.db, async (trx) => {
    const before = await lockCertificate(trx, certificateId);
    if (!before) throw notFound(`certificate ${certificateId}`);
    if (before.version !== input.version)
      throw conflict('STALE_VERSION', `the certificate has changed since version ${input.version}: reload it and try again`, {
        currentVersion: before.version,
      });
    const step = STEPS[input.step];
    if (!step.from.includes(before.status))
      throw conflict('BAD_TRANSITION', `a ${before.status} certificate cannot be ${input.step === 'reprint' ? 'reprinted' : input.step}`, {
        certificateStatus: before.status,
        allowedFrom: step.from,
      });
    // Suspended, cancelled or superseded: the certificate stops where it is.
    const result = await lockResult(trx, before.resultId);
    if (result.status !== 'released') throw notReleased(result);
    const on = today(ctx);
    const changes =
      input.step === 'issued'
        ? { status: step.to, issuedOn: on }
        : input.step === 'sent'
          ? { status: step.to, sentOn: on }
          : { status: step.to, reprints: before.reprints + 1 };
    await recordCertificateStep(trx, certificateId, changes);
    const sentTo = input.step === 'sent' ? await employerOfRecord(trx, before.epaRecordId) : undefined;
    await appendAudit(trx, {
      actorId: actor.userId,
      actor: actor.name,
      action: input.step === 'reprint' ? 'reprint' : input.step === 'issued' ? 'issue' : 'send',
      entity: 'certificate',
      entityId: certificateId,
      before: { status: before.status, version: before.version, reprints: before.reprints },
      after: { ...changes, version: before.version + 1, ...(sentTo ? { sentTo } : {}) },
    });
  });
  return getCertificate(ctx, certificateId);
}

export async function listCertificates(ctx: AppContext, actor: Actor, filter: { status?: CertificateStatus; recordId?: string } = {}) {
  if (actor.role !== 'epao-admin' && actor.role !== 'iqa') throw forbidden('certificates are the EPAO’s list');
  if (filter.recordId && !isUuid(filter.recordId)) return [];
  const rows = await listCertificateRows(ctx.db, filter);
  return rows.map(toView);
}
