// Certificates and the results statement. The EPAO claims the certificate for a pass or a
// distinction, in the name spelled as on the record, and it is sent to the named employer
// (004_f9b9047560044387.txt, Section 6 – Certification; Appendix One). The checks are the
// domain's (src/domain/certification/claim.ts); this gathers the facts and keeps the steps.
import { sql } from 'kysely';
import PDFDocument from 'pdfkit';
import type { z } from 'zod';
import type { Actor } from '../domain/access/access.ts';
import { checkClaim } from '../domain/certification/claim.ts';
import { resolve } from '../domain/standards/catalogue.ts';
import { appendAudit } from '../store/audit.ts';
import type { Db } from '../store/database.ts';
import type { Database } from '../store/schema.ts';
import { type AppContext, today } from './context.ts';
import { conflict, forbidden, notFound, refused } from './errors.ts';
import { isUuid } from './ids.ts';
import type { CertificateStepInput, ClaimInput } from './inputs-assessment.ts';
import { assertCanSee } from './records.ts';

export type ClaimRequest = z.infer<typeof ClaimInput>;
export type CertificateStepRequest = z.infer<typeof CertificateStepInput>;
type CertificateStatus = Database['certificates']['status'];

const isEpao = (actor: Actor) => actor.role === 'epao-admin';

/**
 * The record's current result (released or suspended), locked for the transaction, so a
 * claim, an appeal and a malpractice case cannot race each other on it.
 */
export async function lockCurrentResult(trx: Db, recordId: string) {
  return trx
    .selectFrom('results')
    .selectAll()
    .where('epaRecordId', '=', recordId)
    .where('status', 'in', ['released', 'suspended'])
    .forUpdate()
    .executeTakeFirst();
}

/** A result that is not (or no longer) released: suspended for malpractice, cancelled, superseded. */
export function notReleased(result: { status: string }) {
  switch (result.status) {
    case 'suspended':
      return conflict('RESULT_SUSPENDED', 'the result is suspended while a malpractice case is open: nothing is certificated until it is decided');
    case 'cancelled':
      return conflict('RESULT_CANCELLED', 'the result was cancelled after malpractice was identified (004 Section 6)');
    case 'superseded':
      return conflict('RESULT_SUPERSEDED', 'the result was replaced (an upheld appeal or a re-sit): use the current result');
    default:
      return conflict('RESULT_NOT_RELEASED', `the result is ${result.status}`);
  }
}

async function recordFacts(db: Db, recordId: string) {
  return db
    .selectFrom('epaRecords')
    .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
    .innerJoin('organisations as employer', 'employer.id', 'apprentices.employerId')
    .select([
      'epaRecords.id',
      'epaRecords.status',
      'epaRecords.uln',
      'epaRecords.standard',
      'epaRecords.standardCode',
      'epaRecords.policy',
      'apprentices.givenNames',
      'apprentices.familyName',
      'employer.id as employerId',
      'employer.name as employerName',
    ])
    .where('epaRecords.id', '=', recordId)
    .executeTakeFirst();
}

function certificatesQuery(db: Db) {
  return db
    .selectFrom('certificates')
    .innerJoin('results', 'results.id', 'certificates.resultId')
    .innerJoin('epaRecords', 'epaRecords.id', 'certificates.epaRecordId')
    .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
    .innerJoin('organisations as employer', 'employer.id', 'apprentices.employerId')
    .select([
      'certificates.id',
      'certificates.version',
      'certificates.status',
      'certificates.epaRecordId as recordId',
      'certificates.resultId',
      'certificates.claimedGivenNames as givenNames',
      'certificates.claimedFamilyName as familyName',
      'certificates.claimedUln as uln',
      'certificates.requestedOn',
      'certificates.issuedOn',
      'certificates.sentOn',
      'certificates.reprints',
      'results.overall as grade',
      'results.status as resultStatus',
      'epaRecords.standard',
      'employer.id as employerId',
      'employer.name as employerName',
    ]);
}

type CertificateRow = Awaited<ReturnType<ReturnType<typeof certificatesQuery>['executeTakeFirstOrThrow']>>;

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
  const id = await ctx.db.transaction().execute(async (trx) => {
    const record = await recordFacts(trx, recordId);
    if (!record) throw notFound(`EPA record ${recordId}`);
    if (record.status === 'withdrawn') throw conflict('RECORD_WITHDRAWN', 'the apprentice has withdrawn');
    const result = await lockCurrentResult(trx, recordId);
    if (!result) throw conflict('NO_RELEASED_RESULT', 'the record has no released result to certificate');
    if (result.status !== 'released') throw notReleased(result);
    const findings = checkClaim({
      overall: result.overall,
      record: { uln: record.uln, givenNames: record.givenNames, familyName: record.familyName },
      claim: input,
    });
    if (findings.length > 0) throw refused(findings[0]?.code as string, findings.map((f) => f.message).join('; '), findings);
    const existing = await trx.selectFrom('certificates').select('id').where('resultId', '=', result.id).executeTakeFirst();
    if (existing) throw conflict('CERTIFICATE_EXISTS', 'a certificate has already been claimed for this result', { certificateId: existing.id });
    const created = await trx
      .insertInto('certificates')
      .values({
        epaRecordId: recordId,
        resultId: result.id,
        status: 'requested',
        claimedGivenNames: input.givenNames,
        claimedFamilyName: input.familyName,
        claimedUln: input.uln,
        requestedOn: today(ctx),
      })
      .returningAll()
      .executeTakeFirst()
      .catch((error: { code?: string }) => {
        if (error?.code === '23505') throw conflict('CERTIFICATE_EXISTS', 'a certificate has already been claimed for this result');
        throw error;
      });
    const certificate = created as NonNullable<typeof created>;
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
  const row = await certificatesQuery(ctx.db).where('certificates.id', '=', id).executeTakeFirst();
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
  await ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('certificates').selectAll().where('id', '=', certificateId).forUpdate().executeTakeFirst();
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
    const result = await trx.selectFrom('results').select(['id', 'status']).where('id', '=', before.resultId).forUpdate().executeTakeFirstOrThrow();
    if (result.status !== 'released') throw notReleased(result);
    const on = today(ctx);
    const changes =
      input.step === 'issued'
        ? { status: step.to, issuedOn: on }
        : input.step === 'sent'
          ? { status: step.to, sentOn: on }
          : { status: step.to, reprints: before.reprints + 1 };
    await trx
      .updateTable('certificates')
      .set({ ...changes, version: sql`version + 1` })
      .where('id', '=', certificateId)
      .execute();
    const sentTo =
      input.step === 'sent'
        ? await trx
            .selectFrom('epaRecords')
            .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
            .innerJoin('organisations as employer', 'employer.id', 'apprentices.employerId')
            .select(['employer.id as employerId', 'employer.name'])
            .where('epaRecords.id', '=', before.epaRecordId)
            .executeTakeFirstOrThrow()
        : undefined;
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
  let query = certificatesQuery(ctx.db);
  if (filter.status) query = query.where('certificates.status', '=', filter.status);
  if (filter.recordId) {
    if (!isUuid(filter.recordId)) return [];
    query = query.where('certificates.epaRecordId', '=', filter.recordId);
  }
  const rows = await query.orderBy('certificates.createdAt', 'desc').limit(1000).execute();
  return rows.map(toView);
}

// ---------------------------------------------------------------------------------------
// The results statement (004 Appendix One: the name "as it will appear on the results
// statement/certificate").

const GRADE_LABEL: Record<string, string> = { fail: 'Fail', pass: 'Pass', distinction: 'Distinction' };

export async function resultsStatementPdf(ctx: AppContext, actor: Actor, recordId: string): Promise<{ pdf: Buffer; fileName: string }> {
  await assertCanSee(ctx, actor, recordId);
  const record = await recordFacts(ctx.db, recordId);
  if (!record) throw notFound(`EPA record ${recordId}`);
  // The latest result that was not replaced; before release there is no statement.
  const result = await ctx.db
    .selectFrom('results')
    .selectAll()
    .where('epaRecordId', '=', recordId)
    .where('status', '!=', 'superseded')
    .orderBy('createdAt', 'desc')
    .executeTakeFirst();
  if (!result) throw notFound(`a released result for EPA record ${recordId}`);
  if (result.status !== 'released') throw notReleased(result);
  const resolved = resolve(ctx.catalogue, record.standard, record.policy);
  if (!resolved.ok) throw new Error(resolved.problem.message);
  const standard = resolved.value.index.standard;
  const pdf = await renderStatement(ctx.now(), {
    name: `${record.givenNames} ${record.familyName}`,
    uln: record.uln,
    standard: `${standard.title} (${standard.code}, version ${standard.version}, level ${standard.level})`,
    methods: standard.methods.map((m) => ({ name: m.name, grade: GRADE_LABEL[result.methodGrades[m.id] ?? ''] ?? 'Not graded' })),
    overall: GRADE_LABEL[result.overall] ?? result.overall,
    capped: result.capped,
    releasedOn: result.releasedOn,
    feedback: result.overall === 'fail' ? result.feedback : null,
  });
  return { pdf, fileName: `results-statement-${record.uln}-${result.releasedOn}.pdf` };
}

type Statement = {
  name: string;
  uln: string;
  standard: string;
  methods: { name: string; grade: string }[];
  overall: string;
  capped: boolean;
  releasedOn: string;
  feedback: string | null;
};

/**
 * One A4 page in the built-in Helvetica (no font is fetched or embedded). Uncompressed, and
 * dated from the app's clock, so the same result gives the same bytes (pdfkit derives the
 * file id from the document info).
 */
function renderStatement(now: Date, s: Statement): Promise<Buffer> {
  return new Promise((done, fail) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: 56,
      compress: false,
      info: { Title: 'End-point assessment results statement', Author: 'Capstone', Producer: 'Capstone', Creator: 'Capstone', CreationDate: now, ModDate: now },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => done(Buffer.concat(chunks)));
    doc.on('error', fail);
    doc.font('Helvetica-Bold').fontSize(18).text('End-point assessment: results statement');
    doc.moveDown();
    const line = (label: string, value: string) => {
      doc.font('Helvetica-Bold').fontSize(11).text(`${label}: `, { continued: true });
      doc.font('Helvetica').text(value);
    };
    line('Apprentice', s.name);
    line('ULN', s.uln);
    line('Standard', s.standard);
    line('Result released on', s.releasedOn);
    doc.moveDown();
    doc.font('Helvetica-Bold').fontSize(13).text('Grades');
    doc.moveDown(0.3);
    for (const m of s.methods) line(m.name, m.grade);
    doc.moveDown(0.3);
    line('Overall grade', s.overall);
    if (s.capped) doc.font('Helvetica-Oblique').fontSize(10).text('A re-sat or re-taken method is graded at most pass (001 §8).');
    if (s.feedback) {
      doc.moveDown();
      doc.font('Helvetica-Bold').fontSize(13).text('Feedback');
      doc.font('Helvetica').fontSize(11).text(s.feedback);
    }
    doc.end();
  });
}
