// The EPAO's gateway review: the queue of submissions waiting for a decision, oldest first,
// and one submission laid out for review — qualifications, declarations, evidence, the
// portfolio's KSB coverage and every check the gateway engine applied, each with its
// source — with the decision form (approve, or reject with reasons). An adapter: the
// engine and decideGateway decide; this reads the form and shows what they said.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../app/context.ts';
import { AppError, findingsOf, notFound } from '../../../app/errors.ts';
import { type EvidenceFileView, listFiles } from '../../../app/files.ts';
import { decideGateway, type GatewaySubmissionView, listGatewaySubmissions } from '../../../app/gateway.ts';
import { GatewayDecisionInput, MAX_REASON_LENGTH, MAX_REASONS } from '../../../app/inputs-gateway.ts';
import { type EpaRecordView, listRecords } from '../../../app/records.ts';
import type { Role } from '../../../domain/access/access.ts';
import { gatewayChecks } from '../../../domain/gateway/checks.ts';
import { portfolioCoverage } from '../../../domain/gateway/coverage.ts';
import type { Finding } from '../../../domain/outcome.ts';
import { resolve } from '../../../domain/standards/catalogue.ts';
import { limitText } from '../../field-errors.ts';
import { plainEnglish } from '../../messages.ts';
import type { Terminology } from '../../terminology.ts';
import { actorOf, errorsOf, type FormBody, formBody, one, pageRecord, type Services } from '../kit.ts';

export const REVIEW_ROLES: readonly Role[] = ['epao-admin'];
const QUEUE_LIMIT = 500;
const LEVEL_NAMES: Record<string, string> = {
  'level-2': 'Level 2',
  'level-1': 'Level 1',
  'entry-3': 'Entry Level 3',
  bsl: 'British Sign Language',
};
const PARTIES = ['employer', 'provider', 'apprentice'] as const;

/** A finding as the page shows it: plain English, with its source. */
const shown = (f: Finding) => ({ code: f.code, text: plainEnglish(f), source: f.source });

/** The review's facts: the record, its latest submission, the files it sent, the coverage and the checks. */
async function reviewOf(ctx: AppContext, request: FastifyRequest, terms: Terminology) {
  const actor = actorOf(request);
  const record = await pageRecord(ctx, request);
  const [submission] = await listGatewaySubmissions(ctx, actor, record.id);
  if (!submission) throw notFound('page');
  const resolved = resolve(ctx.catalogue, record.standard, record.policy);
  if (!resolved.ok) throw new AppError(500, resolved.problem.code, resolved.problem.message);
  const { standard } = resolved.value.index;
  const { request: sent, outcome } = submission;

  const sentIds = new Set(Object.values(outcome.evidence ?? {}).flat());
  const files = (await listFiles(ctx, actor, record.id)).filter((f) => sentIds.has(f.id));
  const nameOf = new Map(files.map((f) => [f.id, f.fileName]));
  const pieces = (sent.portfolio?.pieces ?? []).map((p) => ({ id: p.id, name: nameOf.get(p.id) ?? p.id, ksbs: p.ksbs }));
  const coverage = portfolioCoverage(standard, pieces);

  // Every check the engine applied, with what it found; a finding no check names is still shown.
  const checks = gatewayChecks(resolved.value, ctx.catalogue.fundingRules, sent).map((check) => {
    const failures = outcome.failures.filter((f) => check.codes.includes(f.code)).map(shown);
    const warnings = outcome.warnings.filter((f) => check.codes.includes(f.code)).map(shown);
    return { ...check, failures, warnings, met: failures.length === 0 };
  });
  const listed = new Set(checks.flatMap((c) => c.codes));
  const other = [...outcome.failures, ...outcome.warnings].filter((f) => !listed.has(f.code)).map(shown);

  return {
    record,
    submission,
    open: submission.status === 'submitted' && record.status === 'gateway-submitted',
    eligible: outcome.eligible,
    qualifications: (['english', 'maths'] as const).map((subject) => ({
      subject,
      level: sent.qualifications[subject] ? (LEVEL_NAMES[sent.qualifications[subject]] ?? sent.qualifications[subject]) : 'None',
    })),
    declarations: PARTIES.map((party) => ({ party: terms.term(party), signed: sent.declarations[party] === true })),
    files: files.map((f) => fileRow(f, terms)),
    pieces,
    coverage,
    portfolio: standard.gateway.portfolio?.value ?? null,
    hasShowcase: standard.gateway.showcaseFormat !== undefined,
    checks,
    other,
  };
}

const fileRow = (f: EvidenceFileView, terms: Terminology) => ({
  ...f,
  purposeName: terms.purpose(f.purpose),
  sizeKb: Math.max(1, Math.round(f.sizeBytes / 1024)),
});

/** Reasons, one a line; blank lines left out. */
const reasonsOf = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');

export async function showQueue({ ctx, view, terms }: Services, request: FastifyRequest, reply: FastifyReply) {
  const actor = actorOf(request);
  const records = await listRecords(ctx, actor, { status: 'gateway-submitted', limit: QUEUE_LIMIT });
  const waiting = await Promise.all(
    records.map(async (record) => ({ record, submission: (await listGatewaySubmissions(ctx, actor, record.id))[0] as GatewaySubmissionView | undefined })),
  );
  const queue = waiting
    .filter((w): w is { record: EpaRecordView; submission: GatewaySubmissionView } => w.submission?.status === 'submitted')
    .sort((a, b) => a.submission.submittedAt.localeCompare(b.submission.submittedAt) || a.record.id.localeCompare(b.record.id));
  return view(request, reply, 'gateway-reviews.njk', { title: `${terms.term('gateway')} reviews`, queue });
}

async function reviewPage({ ctx, view, terms }: Services, request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
  const review = await reviewOf(ctx, request, terms);
  const { record } = review;
  return view(
    request,
    reply,
    'gateway-review.njk',
    {
      title: `${terms.term('gateway')} review: ${record.apprentice.givenNames} ${record.apprentice.familyName}`,
      ...review,
      decided: (request.query as Record<string, unknown>).decided === '1',
      values: {},
      fieldErrors: {},
      errors: [],
      refusals: [],
      ...extra,
    },
    status,
  );
}

export const showReview = (services: Services, request: FastifyRequest, reply: FastifyReply) => reviewPage(services, request, reply);

/** The decision as the form gives it: the values to show again, the errors, and the input when there are none. */
function readDecision(body: FormBody) {
  const values = { decision: one(body, 'decision'), reasons: one(body, 'reasons') };
  const reasons = reasonsOf(values.reasons);
  const fieldErrors: Record<string, string> = {};
  if (values.decision !== 'approve' && values.decision !== 'reject') fieldErrors.decision = 'Select whether to approve or not approve the submission';
  else if (values.decision === 'reject' && reasons.length === 0) fieldErrors.reasons = 'Enter the reasons the submission is not approved';
  const input = GatewayDecisionInput.safeParse({ decision: values.decision, ...(values.decision === 'reject' ? { reasons } : {}) });
  if (!input.success && Object.keys(fieldErrors).length === 0)
    fieldErrors.reasons = `Each reason must be ${limitText(MAX_REASON_LENGTH)} characters or fewer, and give no more than ${MAX_REASONS} reasons`;
  return { values, fieldErrors, input: input.success && Object.keys(fieldErrors).length === 0 ? input.data : null };
}

export async function decide(services: Services, request: FastifyRequest, reply: FastifyReply) {
  const { ctx, terms } = services;
  const record = await pageRecord(ctx, request);
  const body = formBody(request);
  const { values, fieldErrors, input } = readDecision(body);
  if (!input) return reviewPage(services, request, reply, { values, fieldErrors, errors: errorsOf(fieldErrors) }, 400);

  // The decision is on the submission the reviewer saw, not one that arrived since.
  const [latest] = await listGatewaySubmissions(ctx, actorOf(request), record.id);
  if (!latest) throw notFound('page');
  if (one(body, 'submission') !== latest.id) {
    const text = `A newer ${terms.term('gateway').toLowerCase()} submission has arrived since the page was opened: review it, then decide`;
    return reviewPage(services, request, reply, { values, errors: [{ text, href: '#decision' }] }, 409);
  }
  try {
    await decideGateway(ctx, actorOf(request), latest.id, input);
  } catch (error) {
    if (!(error instanceof AppError) || error.status === 403 || error.status === 404) throw error;
    const findings = findingsOf(error);
    return reviewPage(
      services,
      request,
      reply,
      { values, refusals: findings.map(shown), errors: [{ text: plainEnglish(error), href: findings.length ? '#checks' : '#submission-summary' }] },
      error.status,
    );
  }
  return reply.redirect(`/records/${record.id}/gateway/review?decided=1`, 303);
}
