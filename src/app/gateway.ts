// Gateway: the provider submits the evidence, the engine's gateway check decides whether it
// may go to the EPAO, and the EPAO approves (the EPA window starts) or rejects with reasons.
import { type Actor, may } from '../domain/access/access.ts';
import { type DeclarationMade, declarationsMade } from '../domain/gateway/declarations.ts';
import { checkGateway } from '../domain/gateway/eligibility.ts';
import type { GatewayRequest } from '../domain/gateway/input.ts';
import { statusesAllowing, transition } from '../domain/lifecycle/record-lifecycle.ts';
import type { Finding } from '../domain/outcome.ts';
import { planEpa } from '../domain/planning/window.ts';
import { type Resolved, resolve } from '../domain/standards/catalogue.ts';
import { appendAudit } from '../store/audit.ts';
import type { Db } from '../store/database.ts';
import { declarationsOf } from '../store/repositories/declarations.repository.ts';
import {
  applyGatewayDecision,
  evidenceFilesOf,
  type GatewaySubmissionRow,
  gatewayDatesOf,
  gatewaySubmission,
  gatewaySubmissionsOf,
  insertGatewaySubmission,
  markGatewayDecided,
  markGatewaySubmitted,
  submissionForDecision,
} from '../store/repositories/gateway.repository.ts';
import { inTransaction } from '../store/transaction.ts';
import type { AppContext } from './context.ts';
import { today } from './context.ts';
import { AppError, badRequest, conflict, forbidden, notFound, refused } from './errors.ts';
import { isUuid } from './ids.ts';
import type { GatewayDecisionRequest, GatewaySubmitRequest } from './inputs-gateway.ts';
import { gatewayDecidedMail } from './record-mail.ts';
import { assertCanSee, type EpaRecordView, getRecord } from './records.ts';

export type GatewayOutcomeView = { eligible: boolean; failures: Finding[]; warnings: Finding[]; evidence: Record<string, string[]> };

export type GatewaySubmissionView = {
  id: string;
  recordId: string;
  status: 'submitted' | 'approved' | 'rejected';
  submittedOn: string;
  submittedAt: string;
  submittedBy: string | null;
  request: GatewayRequest;
  outcome: GatewayOutcomeView;
  decidedBy: string | null;
  decidedAt: string | null;
  reasons: string[] | null;
};

type ShowcaseFormat = NonNullable<GatewayRequest['showcaseFormat']>;

/** Where a record may be put through gateway: first time, or again after a rejection (the record's lifecycle). */
export const OPEN_FOR_GATEWAY = statusesAllowing('submit-gateway');
/** Documents whose presence the engine checks, by upload purpose. */
const PORTFOLIO_PAPERS = [
  ['mappingDocument', 'mapping-document'],
  ['employerValidation', 'employer-validation'],
  ['authenticityDeclaration', 'authenticity-declaration'],
] as const;

function toView(r: GatewaySubmissionRow): GatewaySubmissionView {
  return {
    id: r.id,
    recordId: r.epaRecordId,
    status: r.status,
    submittedOn: r.submittedOn,
    submittedAt: new Date(r.submittedAt).toISOString(),
    submittedBy: r.submittedBy,
    request: r.request as GatewayRequest,
    outcome: r.outcome as GatewayOutcomeView,
    decidedBy: r.decidedBy,
    decidedAt: r.decidedAt ? new Date(r.decidedAt).toISOString() : null,
    reasons: (r.reasons as string[] | null) ?? null,
  };
}

function resolved(ctx: AppContext, standard: string, policy: string | null): Resolved {
  const r = resolve(ctx.catalogue, standard, policy);
  // A record only holds a standard and policy that resolved when it was registered.
  if (!r.ok) throw new AppError(409, r.problem.code, r.problem.message);
  return r.value;
}

export async function submitGateway(ctx: AppContext, actor: Actor, recordId: string, body: GatewaySubmitRequest): Promise<GatewaySubmissionView> {
  const record = await getRecord(ctx, actor, recordId);
  if (!may(actor, 'gateway.submit')) throw forbidden('gateway is submitted by the training provider or the EPAO');
  const next = transition(record.status, 'submit-gateway');
  if (!next.ok) throw conflict(next.code, next.message);
  const r = resolved(ctx, record.standard, record.policy);
  const { standard } = r.index;

  const submittedOn = today(ctx);
  const gatewayDate = body.gatewayDate ?? submittedOn;
  if (gatewayDate > submittedOn) throw badRequest('GATEWAY_DATE_IN_FUTURE', `gatewayDate ${gatewayDate} is after today (${submittedOn})`);
  if (body.showcaseFormat && !standard.gateway.showcaseFormat) throw badRequest('NO_SHOWCASE', `${standard.id} has no showcase to choose a format for`);
  if (body.portfolioFileIds?.length && !standard.gateway.portfolio) throw badRequest('NO_PORTFOLIO', `${standard.id} has no gateway portfolio`);

  const { request, evidence, declared } = await gatewayRequestOf(ctx, record, r, body, gatewayDate);
  const checked = checkGateway(r, ctx.catalogue.fundingRules, request);
  if (!checked.ok) throw badRequest(checked.problem.code, checked.problem.message);
  const { eligible, failures, warnings } = checked.value;
  if (!eligible) {
    const first = failures[0] as Finding;
    throw refused(first.code, `not ready for gateway: ${failures.map((f) => f.message).join('; ')}`, failures, { warnings });
  }

  const outcome: GatewayOutcomeView = { eligible, failures, warnings, evidence };
  const id = await inTransaction(ctx.db, async (trx) => {
    const moved = await markGatewaySubmitted(trx, recordId, { showcaseFormat: request.showcaseFormat, openStatuses: OPEN_FOR_GATEWAY, at: ctx.now() });
    if (!moved) throw conflict('GATEWAY_PENDING', 'the record was put through gateway by another request');
    const submissionId = await insertGatewaySubmission(trx, { recordId, submittedBy: actor.userId, submittedOn, request, outcome });
    const who = { actorId: actor.userId, actor: actor.name };
    await appendAudit(trx, { ...who, action: 'submit', entity: 'gateway-submission', entityId: submissionId, after: { recordId, request, outcome, declared } });
    await appendAudit(trx, {
      ...who,
      action: 'gateway-submit',
      entity: 'epa-record',
      entityId: recordId,
      before: { status: record.status, showcaseFormat: record.showcaseFormat },
      after: { status: 'gateway-submitted', showcaseFormat: request.showcaseFormat, gatewaySubmissionId: submissionId },
    });
    return submissionId;
  });
  return getSubmission(ctx.db, id);
}

/** What the gateway check is asked, from the body and the files uploaded to the record; and the evidence by purpose. */
async function gatewayRequestOf(
  ctx: AppContext,
  record: EpaRecordView,
  r: Resolved,
  body: GatewaySubmitRequest,
  gatewayDate: string,
): Promise<{ request: GatewayRequest; evidence: Record<string, string[]>; declared: DeclarationMade[] }> {
  const { standard } = r.index;
  const files = await evidenceFilesOf(ctx.db, record.id);
  // Who declared: the employer and apprentice themselves, or on the signed record the provider uploaded, else the provider's word.
  const own = (await declarationsOf(ctx.db, record.id)).map((d) => ({ party: d.party, by: d.by, name: d.name, on: d.declaredOn, fileId: d.fileId }));
  const declarations = declarationsMade(body.declarations, own);
  const evidence: Record<string, string[]> = {};
  for (const f of files) evidence[f.purpose] = [...(evidence[f.purpose] ?? []), f.id];
  const has = (purpose: string) => (evidence[purpose]?.length ?? 0) > 0;

  let portfolio: GatewayRequest['portfolio'] = null;
  if (standard.gateway.portfolio) {
    const pieces = new Map(files.filter((f) => f.purpose === 'portfolio-piece').map((f) => [f.id, f]));
    const listed = body.portfolioFileIds ?? [...pieces.keys()];
    const unknown = listed.filter((id) => !pieces.has(id));
    if (unknown.length > 0) throw badRequest('UNKNOWN_FILE', `not a portfolio piece uploaded to this record: ${unknown.join(', ')}`, { fileIds: unknown });
    portfolio = {
      pieces: listed.map((id) => ({ id, ksbs: pieces.get(id)?.ksbs ?? [] })),
      mappingDocument: false,
      employerValidation: false,
      authenticityDeclaration: false,
    };
    for (const [field, purpose] of PORTFOLIO_PAPERS) portfolio[field] = has(purpose);
  }

  const request: GatewayRequest = {
    standard: record.standard,
    policy: record.policy,
    apprentice: { uln: record.apprentice.uln, dateOfBirth: record.apprentice.dateOfBirth, ehcp: body.ehcp ?? record.apprentice.ehcp },
    programme: { startDate: record.startDate, gatewayDate },
    qualifications: { english: body.qualifications.english, maths: body.qualifications.maths },
    declarations: declarations.flags,
    portfolio,
    showcaseFormat: standard.gateway.showcaseFormat ? (body.showcaseFormat ?? (record.showcaseFormat as ShowcaseFormat | null)) : null,
  };
  return { request, evidence, declared: declarations.made };
}

async function getSubmission(db: Db, id: string): Promise<GatewaySubmissionView> {
  return toView(await gatewaySubmission(db, id));
}

export async function listGatewaySubmissions(ctx: AppContext, actor: Actor, recordId: string): Promise<GatewaySubmissionView[]> {
  await assertCanSee(ctx, actor, recordId);
  const rows = await gatewaySubmissionsOf(ctx.db, recordId);
  return rows.map(toView);
}

export type GatewayDecisionView = GatewaySubmissionView & {
  record: { status: string; gatewayApprovedOn: string | null; epaStart: string | null; epaEnd: string | null; projectDue: string | null };
};

/** The EPAO's decision. Approval starts the EPA window (ST0072: it starts at the first assessment instead). */
export async function decideGateway(ctx: AppContext, actor: Actor, submissionId: string, body: GatewayDecisionRequest): Promise<GatewayDecisionView> {
  if (!may(actor, 'gateway.decide')) throw forbidden('only the EPAO decides gateway');
  const submission = isUuid(submissionId) ? await submissionForDecision(ctx.db, submissionId) : undefined;
  if (!submission) throw notFound(`gateway submission ${submissionId}`);
  await assertCanSee(ctx, actor, submission.epaRecordId);
  if (submission.status !== 'submitted') throw alreadyDecided(submissionId);
  // The record may have moved on meanwhile (withdrawn while its gateway waited).
  const next = transition(submission.recordStatus, body.decision === 'approve' ? 'approve-gateway' : 'reject-gateway');
  if (!next.ok) throw conflict(next.code, next.message);
  const reasons = body.reasons ?? [];
  if (body.decision === 'reject' && reasons.length === 0) throw new AppError(422, 'REASONS_REQUIRED', 'a rejection must give its reasons');
  // A submission the engine found not eligible can be rejected, never approved.
  const outcome = submission.outcome as GatewayOutcomeView | null;
  if (body.decision === 'approve' && outcome && !outcome.eligible)
    throw refused('GATEWAY_NOT_ELIGIBLE', 'the gateway check found this submission not eligible: it cannot be approved', outcome.failures, {
      warnings: outcome.warnings,
    });

  const decidedOn = today(ctx);
  const approve = body.decision === 'approve';
  const plan = approve ? planEpa(resolved(ctx, submission.standard, submission.policy), decidedOn) : null;
  const recordChange = approve
    ? { status: next.status, gatewayApprovedOn: decidedOn, epaStart: plan?.epaStart ?? null, epaEnd: plan?.epaEnd ?? null }
    : { status: next.status };
  const recordId = submission.epaRecordId;

  await inTransaction(ctx.db, async (trx) => {
    const decided = await markGatewayDecided(trx, submissionId, {
      status: approve ? 'approved' : 'rejected',
      decidedBy: actor.userId,
      decidedAt: ctx.now(),
      reasons,
    });
    if (!decided) throw alreadyDecided(submissionId);
    const before = await gatewayDatesOf(trx, recordId);
    const updated = await applyGatewayDecision(trx, recordId, recordChange, ctx.now());
    if (!updated) throw conflict('RECORD_NOT_AT_GATEWAY', `the EPA record is ${before.status}, not waiting for a gateway decision`);
    const who = { actorId: actor.userId, actor: actor.name };
    await appendAudit(trx, {
      ...who,
      action: approve ? 'approve' : 'reject',
      entity: 'gateway-submission',
      entityId: submissionId,
      before: { status: 'submitted' },
      after: { status: approve ? 'approved' : 'rejected', reasons, decidedOn },
    });
    await appendAudit(trx, {
      ...who,
      action: approve ? 'gateway-approve' : 'gateway-reject',
      entity: 'epa-record',
      entityId: recordId,
      before,
      after: { ...recordChange, gatewaySubmissionId: submissionId },
    });
    await gatewayDecidedMail(trx, recordId, `${submission.givenNames} ${submission.familyName}`, { approved: approve, reasons }, submissionId);
  });

  const view = await getSubmission(ctx.db, submissionId);
  const record = await gatewayDatesOf(ctx.db, recordId);
  return { ...view, record: { ...record, projectDue: plan?.projectDue ?? null } };
}

function alreadyDecided(submissionId: string) {
  return conflict('ALREADY_DECIDED', `gateway submission ${submissionId} has already been decided`);
}
